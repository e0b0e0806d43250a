/// Opportunities created in a window and the marketing-sourced part of them.
struct MarketingShareWindow: Codable, Equatable, Sendable {
    var opportunities = CountAmount()
    var marketing = CountAmount()

    var countShare: Double? { rate(marketing.count, opportunities.count) }
    var amountShare: Double? { rate(marketing.amount, opportunities.amount) }
}

struct MarketingShareSummary: Codable, Equatable, Sendable {
    var qtd = MarketingShareWindow()
    var t13 = MarketingShareWindow()
}

/// Who counts in the marketing-sourced share; `marketingShare(of:in:)` and `Explainer` ask here.
enum MarketingShare {
    /// An opportunity created in the window: an explicit pipeline-stage date in it.
    @inline(__always)
    static func created(_ record: Record, in window: DateWindow, context: MetricContext) -> Bool {
        window.contains(record.stageDate(context.pipelineStage))
    }

    /// Its source is listed in `marketing_sources`.
    @inline(__always)
    static func isMarketing(_ record: Record, context: MetricContext) -> Bool {
        context.isMarketingSource[Int(record.source)]
    }
}

/// Marketing-sourced share (SPEC §6.8), windows `qtd`, `t13`: opportunities created = records with
/// an explicit pipeline-stage date in the window; `count_share` and `amount_share` of those whose
/// source is in `marketing_sources`.
func marketingShare(of scope: ScopeRecords, in context: MetricContext) -> MarketingShareSummary {
    var tally = MarketingShareTally()
    for record in scope { tally.add(record, context) }
    return tally.summary
}

/// The marketing-sourced share counted one record at a time (`MetricsEngine` feeds every scope of a
/// record in one pass).
struct MarketingShareTally {
    var summary = MarketingShareSummary()

    @inline(__always)
    mutating func add(_ record: Record, _ context: MetricContext) {
        guard record.reached(context.pipelineStage) else { return }
        let isMarketing = MarketingShare.isMarketing(record, context: context)
        if MarketingShare.created(record, in: context.windows.qtd, context: context) {
            summary.qtd.opportunities.add(record)
            if isMarketing { summary.qtd.marketing.add(record) }
        }
        if MarketingShare.created(record, in: context.windows.t13, context: context) {
            summary.t13.opportunities.add(record)
            if isMarketing { summary.t13.marketing.add(record) }
        }
    }
}
