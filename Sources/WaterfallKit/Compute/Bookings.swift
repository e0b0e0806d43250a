/// Won business in each window.
struct BookingsSummary: Codable, Equatable, Sendable {
    var week = CountAmount()
    var qtd = CountAmount()
    var t13 = CountAmount()
    /// Quarter-to-date bookings per source value of the scope, zeros included.
    var bySource: [SourceValue<CountAmount>] = []
}

/// A value for one source, in a `by_source` list.
struct SourceValue<Value: Equatable & Sendable & Codable>: Codable, Equatable, Sendable {
    var source: String
    var value: Value
}

/// Who counts in bookings; `bookings(of:in:)` and `Explainer` ask here.
enum Bookings {
    /// A record is booked in a window when its won date lies in it.
    @inline(__always)
    static func counts(_ record: Record, in window: DateWindow) -> Bool { window.contains(record.wonDate) }
}

/// Bookings (SPEC §6.6), windows `week`, `qtd`, `t13`: records with a won date in the window,
/// count and amount; `by_source` for `qtd`.
func bookings(of scope: ScopeRecords, in context: MetricContext) -> BookingsSummary {
    var tally = BookingsTally(context)
    for record in scope { tally.add(record, context) }
    return tally.summary(sources: scope.sources, context)
}

/// Bookings counted one record at a time (`MetricsEngine` feeds every scope of a record in one pass).
struct BookingsTally {
    var summary = BookingsSummary()
    var bySource: [CountAmount]

    init(_ context: MetricContext) { bySource = Array(repeating: CountAmount(), count: context.sources.count) }

    @inline(__always)
    mutating func add(_ record: Record, _ context: MetricContext) {
        guard record.isWon else { return }
        let windows = context.windows
        if Bookings.counts(record, in: windows.week) { summary.week.add(record) }
        if Bookings.counts(record, in: windows.qtd) {
            summary.qtd.add(record)
            bySource[Int(record.source)].add(record)
        }
        if Bookings.counts(record, in: windows.t13) { summary.t13.add(record) }
    }

    /// The summary, `by_source` over the scope's source values (code-point order).
    func summary(sources: [Int32], _ context: MetricContext) -> BookingsSummary {
        var summary = self.summary
        summary.bySource = sources.map { SourceValue(source: context.sources[Int($0)], value: bySource[Int($0)]) }
        return summary
    }
}
