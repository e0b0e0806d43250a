/// Every leaf of a snapshot's `metrics.json` in the long format (SPEC §11), in the order of the
/// document: the snapshot's own leaves (data quality, availability; scope `company`), then each
/// scope's. Trend and record lists are left out: the trend is rebuilt from each snapshot's own
/// leaves, and the lists need records.
enum LongFormatLeaves {
    /// The shape of one scope's leaves: which sources its `by_source` maps hold, and whether it has
    /// a bridge (every snapshot but the first) and a plan (a target for the quarter).
    struct Shape: Equatable {
        var sources: [String]
        var bridge: Bool
        var plan: Bool
    }

    /// The leaves of the snapshot itself: data-quality counts and what the input carried.
    static func snapshot() -> [MetricLeaf<DataQuality>] {
        typealias Leaf = MetricLeaf<DataQuality>
        func code(_ group: String, _ code: DiagnosticCode) -> Leaf {
            Leaf(path: JSONPointer.path("data_quality", group, code.rawValue), kind: .count, nullable: false,
                 read: { String($0.count(of: code)) },
                 write: { quality, value in quality.rowCounts = (quality.rowCounts ?? [:]).merging([code: value.int]) { $1 } })
        }
        func flag(_ name: String, _ keyPath: WritableKeyPath<DataQuality, Bool>) -> Leaf {
            var leaf = Leaf(path: JSONPointer.path("availability", name), kind: .flag, nullable: false,
                            read: { $0[keyPath: keyPath] ? "1" : "0" }, write: { $0[keyPath: keyPath] = $1.flag })
            leaf.optional = true
            return leaf
        }
        return [
            .count("/data_quality/rows", \.rows),
            .count("/data_quality/accepted", \.accepted),
            .derivedCount("/data_quality/excluded", \.excluded),
        ] + DiagnosticCode.rowErrors.map { code("errors", $0) } + DiagnosticCode.rowWarnings.map { code("warnings", $0) } + [
            flag("amounts", \.availability.amounts),
            flag("sources", \.availability.sources),
        ]
    }

    /// The leaves of one scope, in the order of its `metrics.json` object.
    static func scope(_ shape: Shape, config: SiteConfig) -> [MetricLeaf<ScopeMetrics>] {
        typealias Leaf = MetricLeaf<ScopeMetrics>
        typealias Path<Value> = WritableKeyPath<ScopeMetrics, Value>
        func w<Base, Value>(_ base: WritableKeyPath<ScopeMetrics, Base>, _ member: WritableKeyPath<Base, Value>) -> Path<Value> {
            base.appending(path: member)
        }
        func r<Base, Value>(_ base: WritableKeyPath<ScopeMetrics, Base>, _ member: KeyPath<Base, Value>) -> KeyPath<ScopeMetrics, Value> {
            base.appending(path: member)
        }
        let stages = config.stages.map(\.key)
        func pointer(_ tokens: String...) -> String { JSONPointer.path(tokens) }
        func pointer(_ tokens: [String]) -> String { JSONPointer.path(tokens) }
        func countAmount(_ prefix: [String], _ value: Path<CountAmount>) -> [Leaf] {
            [.count(pointer(prefix + ["count"]), w(value, \.count)),
             .money(pointer(prefix + ["amount"]), w(value, \.amount))]
        }
        func winRate(_ prefix: [String], _ window: Path<WinRateWindow>) -> [Leaf] {
            [.count(pointer(prefix + ["won"]), w(window, \.won)),
             .count(pointer(prefix + ["lost"]), w(window, \.lost)),
             .money(pointer(prefix + ["won_amount"]), w(window, \.wonAmount)),
             .money(pointer(prefix + ["lost_amount"]), w(window, \.lostAmount)),
             .derived(pointer(prefix + ["rate"]), r(window, \.rate)),
             .derived(pointer(prefix + ["amount_rate"]), r(window, \.amountRate))]
        }
        var leaves: [Leaf] = [.count("/records", \.records)]
        for (index, stage) in stages.enumerated() {
            let windows: [(String, WritableKeyPath<WindowCounts, Int>)] = [("week", \.week), ("qtd", \.qtd), ("t13", \.t13)]
            for (window, keyPath) in windows {
                leaves.append(.count(pointer("volume", stage, window), w((\ScopeMetrics.volume[index] as Path<WindowCounts>), keyPath)))
            }
        }
        for index in 0..<config.wonStageIndex {
            let windows: [(String, WritableKeyPath<ConversionStep, Cohort>)] = [("qtd", \.qtd), ("t13", \.t13)]
            for (window, keyPath) in windows {
                let cohort = w((\ScopeMetrics.conversion[index] as Path<ConversionStep>), keyPath)
                leaves += [.count(pointer("conversion", stages[index], window, "cohort"), w(cohort, \.cohort)),
                           .count(pointer("conversion", stages[index], window, "converted"), w(cohort, \.converted)),
                           .derived(pointer("conversion", stages[index], window, "rate"), r(cohort, \.rate))]
            }
        }
        for index in 0..<config.wonStageIndex {
            let step: Path<VelocityStep> = \.velocity[index]
            leaves += [.count(pointer("velocity", stages[index], "n"), w(step, \.n)),
                       .real(pointer("velocity", stages[index], "median_days"), w(step, \.medianDays)),
                       .real(pointer("velocity", stages[index], "p90_days"), w(step, \.p90Days))]
        }
        for (index, rule) in config.slas.enumerated() {
            // The rule's days come from site.yml: a row that disagrees means another site.yml.
            leaves.append(.derivedCount(pointer("sla", rule.name, "days"), \.sla[index].rule.days))
            let windows: [(String, WritableKeyPath<SLAResult, SLAWindow>)] = [("week", \.week), ("qtd", \.qtd)]
            for (window, keyPath) in windows {
                let result = w((\ScopeMetrics.sla[index] as Path<SLAResult>), keyPath)
                let prefix = ["sla", rule.name, window]
                leaves += [.count(pointer(prefix + ["on_time"]), w(result, \.onTime)),
                           .count(pointer(prefix + ["late"]), w(result, \.late)),
                           .count(pointer(prefix + ["pending"]), w(result, \.pending)),
                           .count(pointer(prefix + ["breached"]), w(result, \.breached)),
                           .derived(pointer(prefix + ["compliance"]), r(result, \.compliance)),
                           .real(pointer(prefix + ["median_response_days"]), w(result, \.medianResponseDays))]
            }
        }
        leaves += countAmount(["pipeline"], \.pipeline.total)
        for (offset, stage) in (config.pipelineStageIndex..<config.wonStageIndex).enumerated() {
            leaves += countAmount(["pipeline", "by_stage", stages[stage]], \.pipeline.byStage[offset].value)
        }
        for (index, source) in shape.sources.enumerated() {
            leaves += countAmount(["pipeline", "by_source", source], \.pipeline.bySource[index].value)
        }
        leaves += countAmount(["pipeline", "in_quarter"], \.pipeline.inQuarter)
        leaves += countAmount(["pipeline", "past_due"], \.pipeline.pastDue)
        leaves += countAmount(["bookings", "week"], \.bookings.week)
        leaves += countAmount(["bookings", "qtd"], \.bookings.qtd)
        leaves += countAmount(["bookings", "t13"], \.bookings.t13)
        for (index, source) in shape.sources.enumerated() {
            leaves += countAmount(["bookings", "by_source", source], \.bookings.bySource[index].value)
        }
        leaves += winRate(["win_rate", "qtd"], \.winRate.qtd)
        leaves += winRate(["win_rate", "t13"], \.winRate.t13)
        for (index, source) in shape.sources.enumerated() {
            leaves += winRate(["win_rate", "by_source", source, "qtd"], \.winRate.bySource[index].value.qtd)
            leaves += winRate(["win_rate", "by_source", source, "t13"], \.winRate.bySource[index].value.t13)
        }
        let shareWindows: [(String, WritableKeyPath<MarketingShareSummary, MarketingShareWindow>)] = [("qtd", \.qtd), ("t13", \.t13)]
        for (window, keyPath) in shareWindows {
            let share = w((\ScopeMetrics.marketingShare as Path<MarketingShareSummary>), keyPath)
            let prefix = ["marketing_share", window]
            leaves += [.count(pointer(prefix + ["opportunities"]), w(share, \.opportunities.count)),
                       .money(pointer(prefix + ["amount"]), w(share, \.opportunities.amount)),
                       .derived(pointer(prefix + ["count_share"]), r(share, \.countShare)),
                       .derived(pointer(prefix + ["amount_share"]), r(share, \.amountShare)),
                       .count(pointer(prefix + ["marketing_opportunities"]), w(share, \.marketing.count)),
                       .money(pointer(prefix + ["marketing_amount"]), w(share, \.marketing.amount))]
        }
        if !shape.bridge { leaves.append(.absent("/bridge")) }
        if shape.bridge {
            let bridge: Path<BridgeSummary> = \.bridge!
            leaves.append(.money("/bridge/start", w(bridge, \.start)))
            let movements: [(String, WritableKeyPath<BridgeSummary, CountAmount>)] = [
                ("added", \.added), ("increased", \.increased), ("decreased", \.decreased),
                ("won", \.won), ("lost", \.lost), ("removed", \.removed),
            ]
            leaves += movements.map { .money(pointer("bridge", $0.0), w(bridge, $0.1.appending(path: \CountAmount.amount))) }
            leaves.append(.money("/bridge/end", w(bridge, \.end)))
            leaves += movements.map { .count(pointer("bridge", "counts", $0.0), w(bridge, $0.1.appending(path: \CountAmount.count))) }
            leaves += countAmount(["bridge", "pushed"], w(bridge, \.pushed))
            leaves += countAmount(["bridge", "pulled_in"], w(bridge, \.pulledIn))
        }
        if !shape.plan { leaves.append(.absent("/plan")) }
        if shape.plan {
            let plan: Path<PlanSummary> = \.plan!
            leaves += [.money("/plan/target", w(plan, \.target)),
                       .money("/plan/booked", w(plan, \.booked)),
                       .derived("/plan/attainment", r(plan, \.attainment)),
                       .money("/plan/remaining", w(plan, \.remaining)),
                       .derived("/plan/coverage", r(plan, \.coverage)),
                       .optionalMoney("/plan/avg_deal", w(plan, \.avgDeal))]
            for (index, stage) in reverseFunnelStages(config).enumerated() {
                let step = w(plan, \.reverseFunnel[index])
                let prefix = ["plan", "reverse_funnel", stages[stage]]
                leaves += [.optionalCount(pointer(prefix + ["need"]), w(step, \.need)),
                           .count(pointer(prefix + ["actual"]), w(step, \.actual)),
                           .real(pointer(prefix + ["expected_by_now"]), w(step, \.expectedByNow)),
                           .derived(pointer(prefix + ["pace_gap"]), r(step, \.paceGap))]
            }
        }
        return leaves
    }

    /// The stages of the reverse funnel in its order (SPEC §6.10): won, the pipeline stage, then
    /// each earlier stage.
    static func reverseFunnelStages(_ config: SiteConfig) -> [Int] {
        [config.wonStageIndex] + Array(stride(from: config.pipelineStageIndex, through: 0, by: -1))
    }

    /// The shape of a scope's computed metrics.
    static func shape(of metrics: ScopeMetrics) -> Shape {
        Shape(sources: metrics.pipeline.bySource.map(\.source), bridge: metrics.bridge != nil, plan: metrics.plan != nil)
    }
}
