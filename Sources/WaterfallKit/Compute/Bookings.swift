/// Won business in each window.
public struct BookingsSummary: Equatable, Sendable {
    public var week = CountAmount()
    public var qtd = CountAmount()
    public var t13 = CountAmount()
    /// Quarter-to-date bookings per source value of the scope, zeros included.
    public var bySource: [SourceValue<CountAmount>] = []
}

/// A value for one source, in a `by_source` list.
public struct SourceValue<Value: Equatable & Sendable>: Equatable, Sendable {
    public var source: String
    public var value: Value
}

/// Bookings (SPEC §6.6), windows `week`, `qtd`, `t13`: records with a won date in the window,
/// count and amount; `by_source` for `qtd`.
public func bookings(of scope: ScopeRecords, in context: MetricContext) -> BookingsSummary {
    var summary = BookingsSummary()
    var bySource = Array(repeating: CountAmount(), count: context.sources.count)
    let windows = context.windows
    for record in scope {
        guard let won = record.wonDate else { continue }
        if windows.week.contains(won) { summary.week.add(record) }
        if windows.qtd.contains(won) {
            summary.qtd.add(record)
            bySource[Int(record.source)].add(record)
        }
        if windows.t13.contains(won) { summary.t13.add(record) }
    }
    summary.bySource = scope.sources.map { SourceValue(source: context.sources[Int($0)], value: bySource[Int($0)]) }
    return summary
}
