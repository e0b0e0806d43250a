/// Days from entering a stage to reaching a later one: how many records moved on, and the median
/// and 90th percentile of their days (the days themselves are not kept: a large snapshot has
/// hundreds of thousands, and metrics are kept per snapshot).
struct VelocityStep: Codable, Equatable, Sendable {
    var from: Int
    var n: Int
    var medianDays: Double?
    var p90Days: Double?

    init(from: Int, days: [Int]) {
        let sorted = days.sorted()
        self.from = from
        n = sorted.count
        medianDays = quantile(sorted: sorted, 0.5)
        p90Days = quantile(sorted: sorted, 0.9)
    }
}

/// Who counts in velocity, and their days; `velocity(of:in:)` and `Explainer` ask here.
enum Velocity {
    /// For a record of the `t13` converted cohort of `stage` (SPEC §6.2): days from its `stage` date
    /// to its earliest explicit later-stage date. Nil for every other record.
    @inline(__always)
    static func days(_ record: Record, stage: Int, t13: DateWindow) -> Int? {
        guard Conversion.inCohort(record, stage: stage, window: t13), Conversion.converted(record, stage: stage),
              let date = record.stageDate(stage), let next = record.earliestDate(after: stage) else { return nil }
        return next.days(since: date)
    }
}

/// Velocity (SPEC §6.3), for every stage s but the last, over the `t13` converted records of
/// the conversion cohort: days = earliest explicit later-stage date − `s` date (negatives kept).
func velocity(of scope: ScopeRecords, in context: MetricContext) -> [VelocityStep] {
    var tally = VelocityTally(context)
    for record in scope { tally.add(record, context) }
    return tally.steps
}

/// Velocity's days collected one record at a time (`MetricsEngine` feeds every scope of a record in one pass).
struct VelocityTally {
    var days: [[Int]]

    init(_ context: MetricContext) { days = Array(repeating: [Int](), count: context.wonStage) }

    @inline(__always)
    mutating func add(_ record: Record, _ context: MetricContext) {
        for stage in 0..<context.wonStage {
            guard let elapsed = Velocity.days(record, stage: stage, t13: context.windows.t13) else { continue }
            days[stage].append(elapsed)
        }
    }

    var steps: [VelocityStep] { days.enumerated().map { VelocityStep(from: $0.offset, days: $0.element) } }
}
