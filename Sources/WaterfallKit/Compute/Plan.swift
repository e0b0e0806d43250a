/// The bookings plan of one scope for the quarter of the snapshot, read right to left.
struct PlanSummary: Codable, Equatable, Sendable {
    var quarter: String
    var target: Money
    var booked: Money
    var remaining: Money
    var inQuarterPipeline: Money
    var avgDeal: Money?
    var reverseFunnel: [ReverseFunnelStep]
    /// Days of the quarter elapsed, the snapshot day included, over the quarter's days.
    var elapsedFraction: Double

    /// booked / target.
    var attainment: Double? { rate(booked, target) }
    /// In-quarter open pipeline / remaining.
    var coverage: Double? { rate(inQuarterPipeline, remaining) }

    /// Days of the fiscal quarter elapsed, the snapshot day included, over the quarter's days.
    static func elapsedFraction(of windows: Windows) -> Double {
        Double(windows.qtd.dayCount) / Double(windows.quarter.dayCount)
    }
}

/// What one stage needs this quarter to make the plan, and how it is pacing.
struct ReverseFunnelStep: Codable, Equatable, Sendable {
    var stage: Int
    var need: Int64?
    /// Quarter-to-date volume of the stage.
    var actual: Int
    var expectedByNow: Double?
    var paceGap: Double? { expectedByNow.map { Double(actual) - $0 } }
}

/// Plan (SPEC §6.10): target, booked (qtd bookings), attainment, remaining = max(target − booked, 0),
/// coverage = in-quarter pipeline / remaining. Reverse funnel from t13 figures:
/// need(won) = ⌈target × count / amount⌉; need(pipeline) = ⌈need(won) × (won + lost) / won⌉;
/// each earlier stage ⌈need(next) × cohort / converted⌉; a zero rate nulls that need and all before it.
/// expected_by_now = need × elapsed days (incl. d) / quarter days; pace_gap = actual − expected.
func plan(
    target: Money, volume: [WindowCounts], conversion: [ConversionStep], bookings: BookingsSummary,
    winRate: WinRateSummary, pipeline: PipelineSummary, in context: MetricContext
) -> PlanSummary {
    let quarter = context.windows.quarter
    let t13 = bookings.t13
    let avgDeal: Money? = t13.count == 0 ? nil : Money(cents: roundedDivision(t13.amount.cents, by: Int64(t13.count)))
    var needs: [(stage: Int, need: Int64?)] = []

    var need: Int64? = t13.count == 0 ? nil : ceilingOfProduct(target.cents, times: Int64(t13.count), dividedBy: t13.amount.cents)
    needs.append((context.wonStage, need))
    let winRate = winRate.t13
    need = need.flatMap { ceilingOfProduct($0, times: Int64(winRate.won + winRate.lost), dividedBy: Int64(winRate.won)) }
    needs.append((context.pipelineStage, need))
    for stage in stride(from: context.pipelineStage - 1, through: 0, by: -1) {
        let cohort = conversion[stage].t13
        need = need.flatMap { ceilingOfProduct($0, times: Int64(cohort.cohort), dividedBy: Int64(cohort.converted)) }
        needs.append((stage, need))
    }

    let elapsed = PlanSummary.elapsedFraction(of: context.windows)
    let steps = needs.map { stage, need in
        ReverseFunnelStep(stage: stage, need: need, actual: volume[stage].qtd,
                          expectedByNow: need.map { Double($0) * elapsed })
    }
    let booked = bookings.qtd.amount
    return PlanSummary(
        quarter: quarter.label, target: target, booked: booked,
        remaining: max(target - booked, .zero), inQuarterPipeline: pipeline.inQuarter.amount,
        avgDeal: avgDeal, reverseFunnel: steps, elapsedFraction: elapsed)
}

/// a / b rounded half away from zero.
func roundedDivision(_ a: Int64, by b: Int64) -> Int64 {
    let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
    guard remainder.magnitude * 2 >= b.magnitude else { return quotient }
    return (a < 0) != (b < 0) ? quotient - 1 : quotient + 1
}

/// Targets no page can show: their quarter has snapshots, but none of those snapshots has a record
/// in the target's scope (most likely a misspelt value). Targets for quarters without a snapshot
/// are the plan ahead or behind, and are not reported. In `targets.csv` line order.
func unmatchedTargets(_ targets: Targets, in snapshots: [SnapshotMetrics]) -> [Targets.Key] {
    var scopesByQuarter: [String: Set<Scope>] = [:]
    for snapshot in snapshots {
        scopesByQuarter[snapshot.windows.quarter.label, default: []].formUnion(snapshot.scopes.map(\.scope))
    }
    return targets.bookings.keys.filter { key in
        scopesByQuarter[key.quarter].map { !$0.contains(key.scope) } ?? false
    }.sorted { (targets.lines[$0] ?? 0) < (targets.lines[$1] ?? 0) }
}
