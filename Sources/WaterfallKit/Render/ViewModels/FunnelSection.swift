/// The sideways funnel: stage volumes of the 13 weeks with the cohort conversion between each
/// pair, the hand-over between owners with its SLA, and the table of volumes, conversion and days.
struct FunnelSection: TemplateSection {
    var chartHTML: SafeHTML
    var narrowChartHTML: SafeHTML
    var rows: [Row]
    var window: String
    var winRate: Shown
    var winRateWon: String
    var winRateClosed: String
    var wonStage: String

    /// One stage of the table; the last stage has no conversion (`converts` false).
    struct Row: TemplateSection {
        var stage: String
        var owner: String
        var week: String
        var qtd: String
        var t13: String
        var conversion: Conversion?

        struct Conversion {
            var qtd: CohortRate
            var t13: CohortRate
            var medianDays: Shown
            var p90Days: Shown
        }

        /// A cohort rate with `converted of cohort` beside it.
        struct CohortRate: TemplateSection {
            var rate: Shown
            var converted: String
            var cohort: String

            var fields: Fields {
                var fields = rate.fields
                fields["converted"] = converted
                fields["cohort"] = cohort
                return fields
            }
        }

        var fields: Fields {
            [
                "stage": stage, "owner": owner, "week": week, "qtd": qtd, "t13": t13, "converts": conversion != nil,
                "conversionQTD": conversion?.qtd.fields ?? false, "conversionT13": conversion?.t13.fields ?? false,
                "medianDays": conversion?.medianDays.fields ?? false, "p90Days": conversion?.p90Days.fields ?? false,
            ]
        }
    }

    var fields: Fields {
        [
            "chartHTML": chartHTML, "narrowChartHTML": narrowChartHTML, "rows": rows.fields, "window": window,
            "winRate": winRate.fields, "winRateWon": winRateWon, "winRateClosed": winRateClosed, "wonStage": wonStage,
        ]
    }
}

extension FunnelSection {
    init(_ scope: ScopeMetrics, in model: ScopeViewModel) {
        let config = model.config, stages = config.stages
        let windows = model.snapshot.windows
        // One basis for every bar and rate: the 13 weeks (see docs/site.md, "Charts").
        let columns = stages.indices.map { FunnelChart.Column(stage: stages[$0].name, owner: stages[$0].owner, volume: scope.volume[$0].t13) }
        let links = stages.indices.dropLast().map { index -> FunnelChart.Link in
            if index == config.pipelineStageIndex, index + 1 == config.wonStageIndex {
                return .init(rate: Format.percent(scope.winRate.t13.rate), isWinRate: true)
            }
            return .init(rate: index < scope.conversion.count ? Format.percent(scope.conversion[index].t13.rate) : nil)
        }
        let basis = "Last 13 weeks, \(Format.range(windows.t13))"
        let handOver = model.handOver(scope)
        func chart(_ layout: StageColumns.Layout) -> SafeHTML {
            FunnelChart.render(columns, links: links, handOver: handOver, basis: basis, layout: layout,
                               id: layout == .wide ? "funnel" : "funnel-narrow")
        }
        chartHTML = chart(.wide)
        narrowChartHTML = chart(.narrow)
        rows = stages.indices.map { index in
            var row = Row(stage: stages[index].name, owner: stages[index].owner, week: Format.count(scope.volume[index].week),
                          qtd: Format.count(scope.volume[index].qtd), t13: Format.count(scope.volume[index].t13))
            if index < scope.conversion.count {
                let step = scope.conversion[index]
                let reason = "no record reached \(stages[index].name) in this window"
                func cohort(_ cohort: Cohort) -> Row.CohortRate {
                    .init(rate: Shown(Format.percent(cohort.rate), else: reason),
                          converted: Format.count(cohort.converted), cohort: Format.count(cohort.cohort))
                }
                let velocity = scope.velocity[index]
                let none = "no record of the 13-week cohort has moved on yet"
                row.conversion = .init(qtd: cohort(step.qtd), t13: cohort(step.t13),
                                       medianDays: Shown(Format.days(velocity.medianDays), else: none),
                                       p90Days: Shown(Format.days(velocity.p90Days), else: none))
            }
            return row
        }
        let win = scope.winRate.t13
        window = Format.range(windows.t13)
        winRate = Shown(Format.percent(win.rate), else: "no deals closed in 13 weeks")
        winRateWon = Format.count(win.won)
        winRateClosed = Format.count(win.won + win.lost)
        wonStage = stages[config.wonStageIndex].name
    }
}

extension ScopeViewModel {
    /// Where the first owner hands over to the next, with the SLA at that point: the rule whose
    /// `from` is the first owner's last stage, else the first rule. Chart text, so written here.
    func handOver(_ scope: ScopeMetrics) -> FunnelChart.HandOver? {
        let stages = config.stages
        guard let first = stages.first, let after = stages.firstIndex(where: { $0.owner != first.owner }).map({ $0 - 1 }) else { return nil }
        let next = stages[after + 1].owner
        let title = "Hand-over: \(first.owner.isEmpty ? "no owner" : first.owner) → \(next.isEmpty ? "no owner" : next)"
        guard let result = scope.sla.first(where: { $0.rule.from == stages[after].key }) ?? scope.sla.first else {
            return .init(after: after, lines: [title, "no SLA rule in site.yml"])
        }
        let agreed = Format.days(Double(result.rule.days)) ?? ""
        let median = Format.days(result.qtd.medianResponseDays).map { "median \($0)" } ?? "none responded yet"
        let onTime = Format.percent(result.qtd.compliance).map { "\($0) on time" } ?? "none due yet"
        return .init(after: after, lines: [
            title, "\(result.rule.name): within \(agreed)", "\(median) · \(onTime)",
            "\(Format.count(result.qtd.breached)) waiting past \(agreed)", "(quarter to date)",
        ])
    }
}
