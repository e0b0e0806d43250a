/// Won against lost among the deals closed in one window.
public struct WinRateWindow: Equatable, Sendable {
    public var won = 0
    public var lost = 0
    public var wonAmount = Money.zero
    public var lostAmount = Money.zero

    /// won / (won + lost), by count.
    public var rate: Double? { WaterfallKit.rate(won, won + lost) }
    /// won / (won + lost), by amount.
    public var amountRate: Double? { WaterfallKit.rate(wonAmount, wonAmount + lostAmount) }
}

public struct WinRateSummary: Equatable, Sendable {
    public var qtd = WinRateWindow()
    public var t13 = WinRateWindow()
    public var bySource: [SourceValue<WinRateWindows>] = []
}

public struct WinRateWindows: Equatable, Sendable {
    public var qtd = WinRateWindow()
    public var t13 = WinRateWindow()
}

/// Who counts in win rates; `winRate(of:in:)` and `Explainer` ask here.
public enum WinRate {
    /// For a record that reached the pipeline stage and is won or lost: the date it closed (won
    /// date, else `lost_date`) and whether it was won. Nil for every other record.
    @inline(__always)
    public static func closing(_ record: Record, context: MetricContext) -> (date: Day, won: Bool)? {
        guard record.reached(context.pipelineStage) else { return nil }
        if let wonDate = record.wonDate { return (wonDate, true) }
        if let lostDate = record.lostDate { return (lostDate, false) }
        return nil
    }
}

/// Win rate (SPEC §6.7), windows `qtd`, `t13`: among records that reached the pipeline stage,
/// won = won date in the window, lost = lost with `lost_date` in the window;
/// rate = won / (won + lost) by count, `amount_rate` by amount; also per source value.
public func winRate(of scope: ScopeRecords, in context: MetricContext) -> WinRateSummary {
    var summary = WinRateSummary()
    var bySource = Array(repeating: WinRateWindows(), count: context.sources.count)
    func tally(_ window: inout WinRateWindow, _ record: Record, won: Bool) {
        if won {
            window.won += 1
            window.wonAmount += record.amount
        } else {
            window.lost += 1
            window.lostAmount += record.amount
        }
    }
    for record in scope {
        guard let (closeDate, won) = WinRate.closing(record, context: context) else { continue }
        let source = Int(record.source)
        if context.windows.qtd.contains(closeDate) {
            tally(&summary.qtd, record, won: won)
            tally(&bySource[source].qtd, record, won: won)
        }
        if context.windows.t13.contains(closeDate) {
            tally(&summary.t13, record, won: won)
            tally(&bySource[source].t13, record, won: won)
        }
    }
    summary.bySource = scope.sources.map { SourceValue(source: context.sources[Int($0)], value: bySource[Int($0)]) }
    return summary
}
