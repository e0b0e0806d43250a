/// The plan for the quarter: target, booked, attainment, remaining, coverage, and the reverse
/// funnel (each stage's need read right to left from the target, its actual and today's pace).
struct PlanSection: TemplateSection {
    var quarter: String
    var target: String
    var booked: String
    var remaining: String
    var attainment: Shown
    var coverage: Shown
    var inQuarter: String
    var avgDeal: Shown
    var chartHTML: SafeHTML
    var narrowChartHTML: SafeHTML
    var elapsed: String
    var rows: [Row]

    /// One stage of the reverse funnel: need, actual, expected by today and the answer against pace.
    struct Row: TemplateSection {
        var stage: String
        var actual: String
        var need: Shown
        var expected: Shown
        var gapText: String
        var gapCSS: String

        var fields: Fields {
            ["stage": stage, "actual": actual, "need": need.fields, "expected": expected.fields,
             "gap": ["text": gapText, "css": gapCSS] as Fields]
        }
    }

    var fields: Fields {
        [
            "quarter": quarter, "target": target, "booked": booked, "remaining": remaining,
            "attainment": attainment.fields, "coverage": coverage.fields, "inQuarter": inQuarter, "avgDeal": avgDeal.fields,
            "chartHTML": chartHTML, "narrowChartHTML": narrowChartHTML, "elapsed": elapsed, "rows": rows.fields,
        ]
    }
}

extension PlanSection {
    init(_ plan: PlanSummary, scope: ScopeMetrics, in model: ScopeViewModel) {
        let config = model.config, format = model.format, stages = config.stages
        let byStage = Dictionary(plan.reverseFunnel.map { ($0.stage, $0) }, uniquingKeysWith: { first, _ in first })
        let steps = stages.indices.map { index -> ReverseFunnelChart.Step in
            var divisor: String?
            if index == config.pipelineStageIndex, index + 1 == config.wonStageIndex {
                divisor = Format.percent(scope.winRate.t13.rate).map { "÷ \($0)" }
            } else if index < config.pipelineStageIndex {
                divisor = Format.percent(scope.conversion[index].t13.rate).map { "÷ \($0)" }
            }
            let step = byStage[index]
            return .init(stage: stages[index].name, need: step?.need, actual: step?.actual ?? scope.volume[index].qtd,
                         expectedByNow: step?.expectedByNow, divisor: divisor)
        }
        // Chart text (the SVG's own heading), so it is written here rather than in a template.
        let wins = plan.reverseFunnel.first?.need.map { "\(Format.count($0)) \($0 == 1 ? "win" : "wins")" }
        let headline = plan.avgDeal.map { "Start at the right: target \(format.money(plan.target)) ÷ average deal \(format.money($0)) = \(wins ?? "—")" }
            ?? "Target \(format.money(plan.target)); no deals won in 13 weeks, so no need can be worked out"
        let handOverAfter = model.handOver(scope)?.after
        func chart(_ layout: StageColumns.Layout) -> SafeHTML {
            ReverseFunnelChart.render(steps, headline: headline, quarter: plan.quarter, elapsedFraction: plan.elapsedFraction,
                                      handOverAfter: handOverAfter, layout: layout,
                                      id: layout == .wide ? "reverse-funnel" : "reverse-funnel-narrow")
        }
        chartHTML = chart(.wide)
        narrowChartHTML = chart(.narrow)
        rows = plan.reverseFunnel.map { step in
            let noRate = "a conversion or win rate on the way is zero or unknown"
            var row = Row(stage: stages[step.stage].name, actual: Format.count(step.actual),
                          need: Shown(step.need.map { Format.count($0) }, else: noRate),
                          expected: Shown(nil, else: noRate), gapText: "—", gapCSS: "unknown")
            if let expected = step.expectedByNow.map(ReverseFunnelChart.wholeNumber) {
                let answer = ReverseFunnelChart.answer(actual: step.actual, expected: expected)
                row.expected = Shown(Format.count(expected), else: noRate)
                row.gapText = answer.text
                row.gapCSS = answer.css
            }
            return row
        }
        quarter = plan.quarter
        target = format.money(plan.target)
        booked = format.money(plan.booked)
        remaining = format.money(plan.remaining)
        attainment = Shown(Format.percent(plan.attainment), else: "the target is zero")
        coverage = model.amountsAvailable ? Shown(Format.multiple(plan.coverage), else: "nothing remains to book")
            : Shown(nil, else: "not available: " + ScopeViewModel.noAmounts)
        inQuarter = model.amountsAvailable ? format.money(plan.inQuarterPipeline) : "not available"
        avgDeal = Shown(plan.avgDeal.map(format.money), else: "no deals won in 13 weeks")
        elapsed = Format.percent(plan.elapsedFraction) ?? ""
    }
}
