/// The open pipeline of a scope at the snapshot date.
struct PipelineSummary: Codable, Equatable, Sendable {
    var total = CountAmount()
    /// Per stage from the pipeline stage up to the one before won, zeros included.
    var byStage: [StageValue] = []
    /// Per source value of the scope, zeros included, in code-point order.
    var bySource: [SourceValue<CountAmount>] = []
    var inQuarter = CountAmount()
    var pastDue = CountAmount()
    /// The deals behind `pastDue` and `inQuarter`, largest first (`Pipeline.deals(of:in:)`).
    var pastDueDeals: [PipelineDeal] = []
    var inQuarterDeals: [PipelineDeal] = []
}

/// The open records whose current stage is `stage` (an index into the configured stages).
struct StageValue: Codable, Equatable, Sendable {
    var stage: Int
    var value: CountAmount
}

/// Who is in the open pipeline and where; `pipeline(of:in:)`, the bridge and `Explainer` ask here.
enum Pipeline {
    /// Open: reached the pipeline stage, neither won nor lost.
    @inline(__always)
    static func isOpen(_ record: Record, context: MetricContext) -> Bool {
        record.isOpen(pipelineStage: context.pipelineStage)
    }

    /// The current stage of an open record (its highest explicit stage), for `by_stage`.
    @inline(__always)
    static func stage(of record: Record) -> Int { Int(record.maxStage) }

    /// An open record whose close date lies in the fiscal quarter of the snapshot (`in_quarter`).
    @inline(__always)
    static func closesInQuarter(_ record: Record, context: MetricContext) -> Bool {
        record.closeDate.map { context.windows.quarter.contains($0) } ?? false
    }

    /// An open record whose close date is before the snapshot date (`past_due`).
    @inline(__always)
    static func isPastDue(_ record: Record, context: MetricContext) -> Bool {
        record.closeDate.map { $0 < context.snapshot } ?? false
    }
}

/// Open pipeline (SPEC §6.5): records that reached the pipeline stage and are neither won nor
/// lost; count and amount, by current stage, by source, closing in the current fiscal quarter
/// (`in_quarter`), and with a close date before the snapshot date (`past_due`).
func pipeline(of scope: ScopeRecords, in context: MetricContext) -> PipelineSummary {
    var tally = PipelineTally(context)
    for record in scope { tally.add(record, context) }
    return tally.summary(sources: scope.sources, context)
}

/// The open pipeline counted one record at a time (`MetricsEngine` feeds every scope of a record in one pass).
struct PipelineTally {
    var summary = PipelineSummary()
    var byStage: [CountAmount]
    var bySource: [CountAmount]
    /// The records behind `past_due` and `in_quarter`, in the order the scope sees them: the deal
    /// lists are made from these (`Pipeline.deals(of:texts:)`), not from another pass over the scope.
    var pastDueRecords: [Record] = []
    var inQuarterRecords: [Record] = []

    init(_ context: MetricContext) {
        byStage = Array(repeating: CountAmount(), count: context.wonStage)
        bySource = Array(repeating: CountAmount(), count: context.sources.count)
    }

    @inline(__always)
    mutating func add(_ record: Record, _ context: MetricContext) {
        guard Pipeline.isOpen(record, context: context) else { return }
        summary.total.add(record)
        byStage[Pipeline.stage(of: record)].add(record)
        bySource[Int(record.source)].add(record)
        if Pipeline.closesInQuarter(record, context: context) {
            summary.inQuarter.add(record)
            inQuarterRecords.append(record)
        }
        if Pipeline.isPastDue(record, context: context) {
            summary.pastDue.add(record)
            pastDueRecords.append(record)
        }
    }

    /// The summary, `by_source` over the scope's source values (code-point order).
    func summary(sources: [Int32], _ context: MetricContext) -> PipelineSummary {
        var summary = self.summary
        summary.byStage = (context.pipelineStage..<context.wonStage).map { StageValue(stage: $0, value: byStage[$0]) }
        summary.bySource = sources.map { SourceValue(source: context.sources[Int($0)], value: bySource[Int($0)]) }
        return summary
    }
}
