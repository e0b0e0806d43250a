/// Days from entering a stage to reaching a later one.
public struct VelocityStep: Equatable, Sendable {
    public var from: Int
    public var days: [Int]
    public var n: Int { days.count }
    public var medianDays: Double? { quantile(days, 0.5) }
    public var p90Days: Double? { quantile(days, 0.9) }
}

/// Velocity (SPEC §6.3), for every stage s but the last, over the `t13` converted records of
/// the conversion cohort: days = earliest explicit later-stage date − `s` date (negatives kept).
public func velocity(of scope: ScopeRecords, in context: MetricContext) -> [VelocityStep] {
    var steps = (0..<context.wonStage).map { VelocityStep(from: $0, days: []) }
    for record in scope {
        for stage in 0..<context.wonStage {
            guard let date = record.stageDate(stage), context.windows.t13.contains(date),
                  let next = record.earliestDate(after: stage) else { continue }
            steps[stage].days.append(next.days(since: date))
        }
    }
    return steps
}
