/// Won against lost among the deals closed in one window.
struct WinRateWindow: Codable, Equatable, Sendable {
    var won = 0
    var lost = 0
    var wonAmount = Money.zero
    var lostAmount = Money.zero

    /// won / (won + lost), by count.
    var rate: Double? { WaterfallKit.rate(won, won + lost) }
    /// won / (won + lost), by amount.
    var amountRate: Double? { WaterfallKit.rate(wonAmount, wonAmount + lostAmount) }
}

struct WinRateSummary: Codable, Equatable, Sendable {
    var qtd = WinRateWindow()
    var t13 = WinRateWindow()
    var bySource: [SourceValue<WinRateWindows>] = []
}

struct WinRateWindows: Codable, Equatable, Sendable {
    var qtd = WinRateWindow()
    var t13 = WinRateWindow()
}

/// Who counts in win rates; `winRate(of:in:)` and `Explainer` ask here.
enum WinRate {
    /// For a record that reached the pipeline stage and is won or lost: the date it closed (won
    /// date, else `lost_date`) and whether it was won. Nil for every other record.
    @inline(__always)
    static func closing(_ record: Record, context: MetricContext) -> (date: Day, won: Bool)? {
        guard record.reached(context.pipelineStage) else { return nil }
        if let wonDate = record.wonDate { return (wonDate, true) }
        if let lostDate = record.lostDate { return (lostDate, false) }
        return nil
    }
}

/// Win rate (SPEC §6.7), windows `qtd`, `t13`: among records that reached the pipeline stage,
/// won = won date in the window, lost = lost with `lost_date` in the window;
/// rate = won / (won + lost) by count, `amount_rate` by amount; also per source value.
func winRate(of scope: ScopeRecords, in context: MetricContext) -> WinRateSummary {
    var tally = WinRateTally(context)
    for record in scope { tally.add(record, context) }
    return tally.summary(sources: scope.sources, context)
}

/// Win rates counted one record at a time (`MetricsEngine` feeds every scope of a record in one pass).
struct WinRateTally {
    var summary = WinRateSummary()
    var bySource: [WinRateWindows]

    init(_ context: MetricContext) { bySource = Array(repeating: WinRateWindows(), count: context.sources.count) }

    @inline(__always)
    mutating func add(_ record: Record, _ context: MetricContext) {
        guard let (closeDate, won) = WinRate.closing(record, context: context) else { return }
        let source = Int(record.source)
        if context.windows.qtd.contains(closeDate) {
            Self.tally(&summary.qtd, record, won: won)
            Self.tally(&bySource[source].qtd, record, won: won)
        }
        if context.windows.t13.contains(closeDate) {
            Self.tally(&summary.t13, record, won: won)
            Self.tally(&bySource[source].t13, record, won: won)
        }
    }

    /// The summary, `by_source` over the scope's source values (code-point order).
    func summary(sources: [Int32], _ context: MetricContext) -> WinRateSummary {
        var summary = self.summary
        summary.bySource = sources.map { SourceValue(source: context.sources[Int($0)], value: bySource[Int($0)]) }
        return summary
    }

    @inline(__always)
    private static func tally(_ window: inout WinRateWindow, _ record: Record, won: Bool) {
        if won {
            window.won += 1
            window.wonAmount += record.amount
        } else {
            window.lost += 1
            window.lostAmount += record.amount
        }
    }
}
