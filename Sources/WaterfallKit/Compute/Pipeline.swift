/// The open pipeline of a scope at the snapshot date.
public struct PipelineSummary: Equatable, Sendable {
    public var total = CountAmount()
    /// Per stage from the pipeline stage up to the one before won, zeros included.
    public var byStage: [StageValue] = []
    /// Per source value of the scope, zeros included, in code-point order.
    public var bySource: [SourceValue<CountAmount>] = []
    public var inQuarter = CountAmount()
    public var pastDue = CountAmount()
}

/// The open records whose current stage is `stage` (an index into the configured stages).
public struct StageValue: Equatable, Sendable {
    public var stage: Int
    public var value: CountAmount
}

/// Open pipeline (SPEC §6.5): records that reached the pipeline stage and are neither won nor
/// lost; count and amount, by current stage, by source, closing in the current fiscal quarter
/// (`in_quarter`), and with a close date before the snapshot date (`past_due`).
public func pipeline(of scope: ScopeRecords, in context: MetricContext) -> PipelineSummary {
    var summary = PipelineSummary()
    var byStage = Array(repeating: CountAmount(), count: context.wonStage)
    var bySource = Array(repeating: CountAmount(), count: context.sources.count)
    let quarter = context.windows.quarter
    for record in scope where record.isOpen(pipelineStage: context.pipelineStage) {
        summary.total.add(record)
        byStage[Int(record.maxStage)].add(record)
        bySource[Int(record.source)].add(record)
        if let close = record.closeDate {
            if quarter.contains(close) { summary.inQuarter.add(record) }
            if close < context.snapshot { summary.pastDue.add(record) }
        }
    }
    summary.byStage = (context.pipelineStage..<context.wonStage).map { StageValue(stage: $0, value: byStage[$0]) }
    summary.bySource = scope.sources.map { SourceValue(source: context.sources[Int($0)], value: bySource[Int($0)]) }
    return summary
}
