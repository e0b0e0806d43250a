/// The body of a scope page (company or one dimension value) for one week: every SPEC §8 section,
/// figures formatted, charts drawn. Holds no links, so the root copy and the `weeks/` copy share it
/// (the commentary, whose links depend on the page, is added per copy).
struct ScopeViewModel {
    var config: SiteConfig
    var format: Format
    var snapshot: SnapshotMetrics
    /// The previous snapshot's metrics of the same scope, when there is a previous snapshot.
    var previous: ScopeMetrics?
    var hasPreviousSnapshot: Bool

    /// How many breached leads a page lists before pointing to `metrics.json` for the rest.
    static let breachedListLimit = 50
    /// How many of those show before a "Show more" disclosure.
    static let breachedShownFirst = 10
    /// How many deals each bridge movement lists before pointing to `metrics.json` for the rest.
    static let bridgeDealListLimit = 10

    /// Every section but the commentary, which depends on the page's depth (`commentaryFields`).
    func fields(for scope: ScopeMetrics) -> Fields {
        var fields: Fields = [
            "records": Format.count(scope.records),
            "kpis": kpis(scope),
            "funnel": funnel(scope),
            "slas": slas(scope),
            "hasSLAs": !scope.sla.isEmpty,
            "pipeline": pipeline(scope),
            "bookings": bookings(scope),
            "winRate": winRate(scope),
            "share": share(scope),
            "trend": trend(scope),
        ]
        fields["bridge"] = amountsAvailable ? scope.bridge.map { bridge($0) } : nil
        if fields["bridge"] == nil {
            fields["bridgeMissing"] = amountsAvailable
                ? "No bridge for the first snapshot: there is no earlier week to compare with."
                : "Not available: " + Self.noAmounts
        }
        fields["plan"] = scope.plan.map { plan($0, scope: scope) }
        if scope.plan == nil {
            fields["noPlan"] = "No bookings target for this scope in \(snapshot.windows.quarter.label). Add a row to targets.csv to see attainment, coverage and the reverse funnel."
        }
        return fields
    }

    /// Whether this week's export has amounts on its open records (W5); without them amount figures
    /// say "not available" rather than show 0.
    var amountsAvailable: Bool { snapshot.dataQuality.availability.amounts }
    var sourcesAvailable: Bool { snapshot.dataQuality.availability.sources }
    /// False when built from warehouse results: the figures are there, the records behind them are not.
    var recordListsAvailable: Bool { snapshot.dataQuality.availability.recordLists }
    static let noRecordLists = "List not available from warehouse results: the figures above are complete, the records behind them stay in the warehouse."
    static let noAmounts = "no open record in this week's export has an amount (see the data-quality page, W5)."
    static let noSources = "this week's export has no source column, so nothing can be called marketing-sourced (see the data-quality page, W6)."

    /// The commentary as shown on a page whose way back to the site root is `rootPrefix`.
    static func commentaryFields(_ commentary: Commentary, rootPrefix: String) -> Fields {
        var fields: Fields = ["bodyHTML": commentary.body(rootPrefix: rootPrefix)]
        fields["title"] = commentary.title
        fields["author"] = commentary.author
        fields["team"] = commentary.team
        fields["byline"] = [commentary.author, commentary.team].compactMap { $0 }.isEmpty ? nil : true
        return fields
    }
}

// MARK: - KPI tiles

extension ScopeViewModel {
    /// The headline figures of a scope with their change on the previous week: the page's KPI
    /// tiles and the e-mail digest's headlines.
    func kpiTiles(_ scope: ScopeMetrics) -> [KPITile] {
        let before = previous
        var tiles: [KPITile] = []
        func tile(_ kind: KPITile.Kind, _ label: String, _ value: String?, else missing: String, detail: String, change: Change?) {
            let note: String? = change != nil ? nil : !hasPreviousSnapshot ? "first snapshot"
                : before == nil ? "new this week" : "no comparison"
            tiles.append(KPITile(kind: kind, label: label, value: value, missing: missing, detail: detail, change: change, changeNote: note))
        }
        let pipeline = scope.pipeline.total
        tile(.openPipeline, "Open pipeline", amountsAvailable ? format.money(pipeline.amount) : nil,
             else: "not available: " + Self.noAmounts,
             detail: Format.deals(pipeline.count, "open"),
             change: amountsAvailable ? before.map { .money(pipeline.amount, $0.pipeline.total.amount, format: format) } : nil)
        let qtd = scope.bookings.qtd
        tile(.bookingsQTD, "Bookings, quarter to date", format.money(qtd.amount), else: "",
             detail: "\(Format.count(qtd.count)) won in \(snapshot.windows.quarter.label)",
             change: before.map { .money(qtd.amount, $0.bookings.qtd.amount, format: format) })
        let week = scope.bookings.week
        tile(.bookingsWeek, "Bookings this week", format.money(week.amount), else: "",
             detail: "\(Format.count(week.count)) won",
             change: before.map { .money(week.amount, $0.bookings.week.amount, format: format) })
        var entryStages = [0, config.pipelineStageIndex]
        if entryStages[0] == entryStages[1] { entryStages.removeLast() }
        for stage in entryStages where stage < scope.volume.count {
            tile(.stageEntries, "New \(config.stages[stage].name) this week", Format.count(scope.volume[stage].week), else: "",
                 detail: "entered \(Format.range(snapshot.windows.week))",
                 change: before.map { .count(scope.volume[stage].week, $0.volume[stage].week) })
        }
        let win = scope.winRate.t13
        tile(.winRate, "Win rate, 13 weeks", Format.percent(win.rate), else: "no deals closed in 13 weeks",
             detail: "\(Format.count(win.won)) won of \(Format.count(win.won + win.lost)) closed",
             change: before.flatMap { .rate(win.rate, $0.winRate.t13.rate) })
        if let rule = scope.sla.first {
            tile(.sla, "\(rule.rule.name) SLA this week",
                 Format.percent(rule.week.compliance), else: "no lead was due for a response this week",
                 detail: "within \(Format.days(Double(rule.rule.days)) ?? "")",
                 change: before.flatMap { $0.sla.first.flatMap { old in .rate(rule.week.compliance, old.week.compliance) } })
        }
        let share = scope.marketingShare.qtd
        tile(.marketingShare, "Marketing-sourced, quarter to date", sourcesAvailable ? Format.percent(share.amountShare) : nil,
             else: sourcesAvailable ? "no opportunity amount created this quarter" : "not available: " + Self.noSources,
             detail: "of opportunity amount · band \(bandText)",
             change: sourcesAvailable ? before.flatMap { .rate(share.amountShare, $0.marketingShare.qtd.amountShare) } : nil)
        if let plan = scope.plan {
            tile(.planAttainment, "Plan attainment", Format.percent(plan.attainment), else: "the target is zero",
                 detail: "of \(format.money(plan.target)) target",
                 change: before.flatMap { old in old.plan.flatMap { .rate(plan.attainment, $0.attainment) } })
        }
        return tiles
    }
}

private extension ScopeViewModel {
    func kpis(_ scope: ScopeMetrics) -> [Fields] {
        kpiTiles(scope).map(\.fields)
    }

    var bandText: String { "\(Format.count(Int(marketingShareBand.lowerBound * 100)))–\(Format.count(Int(marketingShareBand.upperBound * 100)))%" }
}

// MARK: - Funnel

private extension ScopeViewModel {
    func funnel(_ scope: ScopeMetrics) -> Fields {
        let stages = config.stages
        // One basis for every bar and rate: the 13 weeks (see docs/site.md, "Charts").
        let columns = stages.indices.map { FunnelChart.Column(stage: stages[$0].name, owner: stages[$0].owner, volume: scope.volume[$0].t13) }
        let links = stages.indices.dropLast().map { index -> FunnelChart.Link in
            if index == config.pipelineStageIndex, index + 1 == config.wonStageIndex {
                return .init(rate: Format.percent(scope.winRate.t13.rate), isWinRate: true)
            }
            return .init(rate: index < scope.conversion.count ? Format.percent(scope.conversion[index].t13.rate) : nil)
        }
        let basis = "Last 13 weeks, \(Format.range(snapshot.windows.t13))"
        let handOver = handOver(scope)
        func chart(_ layout: StageColumns.Layout) -> SafeHTML {
            FunnelChart.render(columns, links: links, handOver: handOver, basis: basis, layout: layout,
                               id: layout == .wide ? "funnel" : "funnel-narrow")
        }
        let rows: [Fields] = stages.indices.map { index in
            var row: Fields = [
                "stage": stages[index].name, "owner": stages[index].owner,
                "week": Format.count(scope.volume[index].week), "qtd": Format.count(scope.volume[index].qtd),
                "t13": Format.count(scope.volume[index].t13), "converts": false,
            ]
            if index < scope.conversion.count {
                let step = scope.conversion[index]
                let reason = "no record reached \(stages[index].name) in this window"
                row["conversionQTD"] = cohortFields(step.qtd, reason: reason)
                row["conversionT13"] = cohortFields(step.t13, reason: reason)
                let velocity = scope.velocity[index]
                let none = "no record of the 13-week cohort has moved on yet"
                row["medianDays"] = shown(Format.days(velocity.medianDays), else: none)
                row["p90Days"] = shown(Format.days(velocity.p90Days), else: none)
                row["converts"] = true
            }
            return row
        }
        let win = scope.winRate.t13
        return [
            "chartHTML": chart(.wide), "narrowChartHTML": chart(.narrow),
            "rows": rows,
            "window": Format.range(snapshot.windows.t13),
            "winRate": shown(Format.percent(win.rate), else: "no deals closed in 13 weeks"),
            "winRateDetail": "\(Format.count(win.won)) won of \(Format.count(win.won + win.lost)) closed",
            "wonStage": stages[config.wonStageIndex].name,
        ]
    }

    /// Where the first owner hands over to the next, with the SLA at that point: the rule whose
    /// `from` is the first owner's last stage, else the first rule.
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

    func cohortFields(_ cohort: Cohort, reason: String) -> Fields {
        var fields = shown(Format.percent(cohort.rate), else: reason)
        fields["detail"] = "\(Format.count(cohort.converted)) of \(Format.count(cohort.cohort))"
        return fields
    }
}

// MARK: - SLA

private extension ScopeViewModel {
    func slas(_ scope: ScopeMetrics) -> [Fields] {
        scope.sla.enumerated().map { index, result in
            let stage = config.stageIndex(of: result.rule.from).map { config.stages[$0].name } ?? result.rule.from
            func window(_ label: String, _ window: SLAWindow) -> Fields {
                [
                    "label": label,
                    "compliance": shown(Format.percent(window.compliance), else: "no lead was due for a response"),
                    "median": shown(Format.days(window.medianResponseDays), else: "no lead has been responded to"),
                    "onTime": Format.count(window.onTime), "late": Format.count(window.late),
                    "pending": Format.count(window.pending), "breached": Format.count(window.breached),
                ]
            }
            let leads = result.breachedLeads.prefix(Self.breachedListLimit).map { lead -> Fields in
                ["id": lead.id, "name": lead.name, "owner": lead.owner.isEmpty ? "Unassigned" : lead.owner,
                 "entered": Format.date(lead.enteredOn), "daysWaiting": Format.count(lead.daysWaiting)]
            }
            var fields: Fields = [
                "name": result.rule.name, "stage": stage,
                "agreed": Format.days(Double(result.rule.days)) ?? "",
                "windows": [window("This week", result.week), window("Quarter to date", result.qtd)],
                "qtdCompliance": shown(Format.percent(result.qtd.compliance), else: "no lead was due for a response this quarter"),
                "qtdMedian": shown(Format.days(result.qtd.medianResponseDays), else: "no lead has been responded to this quarter"),
                "chartHTML": SLABarChart.render(onTime: result.qtd.onTime, late: result.qtd.late, pending: result.qtd.pending,
                                                breached: result.qtd.breached, rule: result.rule.name,
                                                window: "quarter to date", id: "sla-\(index)"),
                "breachedCount": Format.count(result.qtd.breached),
            ]
            if !recordListsAvailable { fields["listsUnavailable"] = Self.noRecordLists }
            if !leads.isEmpty {
                fields["breachedFirst"] = [
                    "caption": "Leads waiting longer than \(Format.days(Double(result.rule.days)) ?? "") with no response, longest first",
                    "leads": Array(leads.prefix(Self.breachedShownFirst)),
                ] as Fields
            }
            if leads.count > Self.breachedShownFirst {
                fields["breachedRest"] = [
                    "caption": "More breached leads", "count": Format.count(leads.count - Self.breachedShownFirst),
                    "leads": Array(leads.dropFirst(Self.breachedShownFirst)),
                ] as Fields
            }
            if result.breachedLeads.count > Self.breachedListLimit {
                fields["breachedMore"] = Format.count(result.breachedLeads.count - Self.breachedListLimit)
            }
            return fields
        }
    }
}

// MARK: - Pipeline, bookings, bridge

private extension ScopeViewModel {
    func countAmount(_ label: String, _ value: CountAmount) -> Fields {
        ["label": label, "count": Format.count(value.count), "deals": Format.deals(value.count), "amount": format.money(value.amount)]
    }

    /// With amounts not available, every amount reads "not available" and the charts are left out.
    func pipeline(_ scope: ScopeMetrics) -> Fields {
        let pipeline = scope.pipeline
        func countAmount(_ label: String, _ value: CountAmount) -> Fields {
            var fields = self.countAmount(label, value)
            if !amountsAvailable { fields["amount"] = "not available" }
            return fields
        }
        let marketing = Set(config.marketingSources)
        let bars = pipeline.bySource.map {
            SourceBarsChart.Bar(source: $0.source, amount: $0.value.amount, count: $0.value.count, isMarketing: marketing.contains($0.source))
        }
        return [
            "total": countAmount("Open pipeline", pipeline.total),
            "inQuarter": countAmount("Closing this quarter", pipeline.inQuarter),
            "pastDue": countAmount("Past due", pipeline.pastDue),
            "byStage": pipeline.byStage.map { countAmount(config.stages[$0.stage].name, $0.value) },
            "bySource": pipeline.bySource.map { countAmount($0.source, $0.value) },
            "sourceChartHTML": SourceBarsChart.render(bars, format: format, title: "Open pipeline by source", id: "pipeline-sources"),
            "stageChartHTML": SourceBarsChart.render(
                pipeline.byStage.map { .init(source: config.stages[$0.stage].name, amount: $0.value.amount, count: $0.value.count, isMarketing: false) },
                format: format, title: "Open pipeline by stage", id: "pipeline-stages"),
            "unavailable": amountsAvailable ? false : "Amounts not available: " + Self.noAmounts,
        ]
    }

    func bookings(_ scope: ScopeMetrics) -> Fields {
        let bookings = scope.bookings
        return [
            "windows": [countAmount("This week", bookings.week), countAmount("Quarter to date", bookings.qtd),
                        countAmount("13 weeks", bookings.t13)],
            "bySource": bookings.bySource.map { countAmount($0.source, $0.value) },
        ]
    }

    func bridge(_ bridge: BridgeSummary) -> Fields {
        let movements: [(String, CountAmount, Int64, BridgeChart.Kind)] = [
            ("Added", bridge.added, 1, .added), ("Increased", bridge.increased, 1, .increased),
            ("Decreased", bridge.decreased, -1, .decreased), ("Won", bridge.won, -1, .won), ("Lost", bridge.lost, -1, .lost),
            ("Removed", bridge.removed, -1, .removed),
        ]
        let chart = BridgeChart.render(
            start: bridge.start,
            movements: movements.map { .init(label: $0.0, kind: $0.3, change: Money(cents: $0.1.amount.cents * $0.2)) },
            end: bridge.end, format: format, id: "bridge")
        var rows: [Fields] = [["label": "Start", "count": "", "amount": format.money(bridge.start), "kind": "total"]]
        rows += movements.map { label, value, sign, kind in
            ["label": label, "count": Format.count(value.count), "amount": format.moneyChange(Money(cents: value.amount.cents * sign)),
             "kind": kind.rawValue]
        }
        rows.append(["label": "End", "count": "", "amount": format.money(bridge.end), "kind": "total"])
        let from = snapshot.previousSnapshot.map(Format.date) ?? ""
        let groups: [(String, [BridgeDeal], Bool)] = [
            ("Won since \(from)", bridge.wonDeals, false),
            ("Lost since \(from)", bridge.lostDeals, true),
            ("Removed since \(from): no longer open pipeline in this scope, neither won nor lost", bridge.removedDeals, false),
        ]
        let dealGroups: [Fields] = groups.filter { !$0.1.isEmpty }.map { title, deals, hasReasons in
            var fields: Fields = [
                "title": title, "count": Format.deals(deals.count), "hasReasons": hasReasons,
                "deals": deals.prefix(Self.bridgeDealListLimit).map { deal -> Fields in
                    ["id": deal.id, "name": deal.name, "owner": deal.owner, "amount": format.money(deal.amount),
                     "reason": deal.lostReason.isEmpty ? "not recorded" : deal.lostReason]
                },
                "more": false,
            ]
            if deals.count > Self.bridgeDealListLimit { fields["more"] = Format.count(deals.count - Self.bridgeDealListLimit) }
            return fields
        }
        return [
            "chartHTML": chart, "rows": rows, "dealGroups": dealGroups,
            "pushed": countAmount("Pushed to a later quarter", bridge.pushed),
            "pulledIn": countAmount("Pulled into an earlier quarter", bridge.pulledIn),
            "from": from,
            "listsUnavailable": recordListsAvailable ? false : Self.noRecordLists,
        ]
    }
}

// MARK: - Win rate, marketing share, plan

private extension ScopeViewModel {
    func winRate(_ scope: ScopeMetrics) -> Fields {
        let marketing = Set(config.marketingSources)
        var ours = WinRateWindows(), rest = WinRateWindows()
        for source in scope.winRate.bySource {
            if marketing.contains(source.source) {
                ours.qtd.add(source.value.qtd)
                ours.t13.add(source.value.t13)
            } else {
                rest.qtd.add(source.value.qtd)
                rest.t13.add(source.value.t13)
            }
        }
        func row(_ label: String, _ windows: WinRateWindows) -> Fields {
            func cell(_ window: WinRateWindow) -> Fields {
                var fields = shown(Format.percent(window.rate), else: "no deals closed")
                fields["detail"] = "\(Format.count(window.won)) won, \(Format.count(window.lost)) lost"
                fields["amountRate"] = Format.percent(window.amountRate) ?? "—"
                return fields
            }
            return ["label": label, "qtd": cell(windows.qtd), "t13": cell(windows.t13)]
        }
        return ["rows": [
            row("Marketing-sourced", ours), row("All other sources", rest),
            row("All deals", WinRateWindows(qtd: scope.winRate.qtd, t13: scope.winRate.t13)),
        ]]
    }

    func share(_ scope: ScopeMetrics) -> Fields {
        let share = scope.marketingShare
        func row(_ label: String, _ window: MarketingShareWindow) -> Fields {
            [
                "label": label,
                "opportunities": Format.count(window.opportunities.count),
                "marketing": Format.count(window.marketing.count),
                "countShare": shown(Format.percent(window.countShare), else: "no opportunities created"),
                "amountShare": shown(Format.percent(window.amountShare), else: "no opportunity amount created"),
            ]
        }
        let verdict: String
        if let value = share.qtd.amountShare {
            verdict = value < marketingShareBand.lowerBound ? "below" : value > marketingShareBand.upperBound ? "above" : "within"
        } else {
            verdict = "not measurable against"
        }
        return [
            "chartHTML": ShareBandChart.render(countShare: share.qtd.countShare, amountShare: share.qtd.amountShare,
                                               band: marketingShareBand, window: "quarter to date", id: "share"),
            "rows": [row("Quarter to date", share.qtd), row("13 weeks", share.t13)],
            "band": bandText, "verdict": verdict,
            "sources": config.marketingSources.joined(separator: ", "),
            "unavailable": sourcesAvailable ? false : "Not available: " + Self.noSources,
        ]
    }

    func plan(_ plan: PlanSummary, scope: ScopeMetrics) -> Fields {
        let stages = config.stages
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
        let wins = plan.reverseFunnel.first?.need.map { "\(Format.count($0)) \($0 == 1 ? "win" : "wins")" }
        let headline = plan.avgDeal.map { "Start at the right: target \(format.money(plan.target)) ÷ average deal \(format.money($0)) = \(wins ?? "—")" }
            ?? "Target \(format.money(plan.target)); no deals won in 13 weeks, so no need can be worked out"
        let handOverAfter = handOver(scope)?.after
        func chart(_ layout: StageColumns.Layout) -> SafeHTML {
            ReverseFunnelChart.render(steps, headline: headline, quarter: plan.quarter, elapsedFraction: plan.elapsedFraction,
                                      handOverAfter: handOverAfter, layout: layout,
                                      id: layout == .wide ? "reverse-funnel" : "reverse-funnel-narrow")
        }
        let rows: [Fields] = plan.reverseFunnel.map { step in
            let noRate = "a conversion or win rate on the way is zero or unknown"
            var row: Fields = ["stage": stages[step.stage].name, "actual": Format.count(step.actual)]
            row["need"] = shown(step.need.map { Format.count($0) }, else: noRate)
            if let expected = step.expectedByNow.map(ReverseFunnelChart.wholeNumber) {
                let answer = ReverseFunnelChart.answer(actual: step.actual, expected: expected)
                row["expected"] = shown(Format.count(expected), else: noRate)
                row["gap"] = ["text": answer.text, "css": answer.css] as Fields
            } else {
                row["expected"] = shown(nil, else: noRate)
                row["gap"] = ["text": "—", "css": "unknown"] as Fields
            }
            return row
        }
        return [
            "quarter": plan.quarter,
            "target": format.money(plan.target), "booked": format.money(plan.booked),
            "remaining": format.money(plan.remaining),
            "attainment": shown(Format.percent(plan.attainment), else: "the target is zero"),
            "coverage": amountsAvailable ? shown(Format.multiple(plan.coverage), else: "nothing remains to book")
                : shown(nil, else: "not available: " + Self.noAmounts),
            "inQuarter": amountsAvailable ? format.money(plan.inQuarterPipeline) : "not available",
            "avgDeal": shown(plan.avgDeal.map(format.money), else: "no deals won in 13 weeks"),
            "chartHTML": chart(.wide), "narrowChartHTML": chart(.narrow),
            "headline": headline,
            "elapsed": Format.percent(plan.elapsedFraction) ?? "",
            "rows": rows,
        ]
    }
}

// MARK: - Trend

private extension ScopeViewModel {
    func trend(_ scope: ScopeMetrics) -> Fields {
        let points = scope.trend
        // Each figure of each week formatted once: the sparklines' descriptions and the table
        // show the same texts.
        let pipeline = points.map { $0.availability.amounts ? format.money($0.pipelineAmount) : "not available" }
        let bookings = points.map { format.money($0.bookingsQTD) }
        let share = points.map { $0.availability.sources ? Format.percent($0.marketingAmountShareQTD) ?? "—" : "not available" }
        let compliance = config.slas.indices.map { index in points.map { Format.percent($0.slaCompliance[index]) ?? "—" } }
        let volume = config.stages.indices.map { index in points.map { Format.count($0.volume[index]) } }
        var lines: [Fields] = []
        func line(_ label: String, id: String, _ values: [Double?], _ texts: [String]) {
            let sparkPoints = zip(points, zip(values, texts)).map { Sparkline.Point(label: $0.snapshot.iso, value: $1.0, valueText: $1.1) }
            lines.append([
                "label": label,
                "latest": texts.last ?? "—",
                "chartHTML": Sparkline.render(sparkPoints, title: label + " by week", id: "trend-" + id),
            ])
        }
        line("Open pipeline", id: "pipeline", points.map { $0.availability.amounts ? Double($0.pipelineAmount.cents) : nil }, pipeline)
        line("Bookings, quarter to date", id: "bookings", points.map { Double($0.bookingsQTD.cents) }, bookings)
        line("Marketing-sourced share", id: "share", points.map { $0.availability.sources ? $0.marketingAmountShareQTD : nil }, share)
        for (index, rule) in config.slas.enumerated() {
            line("\(rule.name) SLA", id: "sla-\(index)", points.map { $0.slaCompliance[index] }, compliance[index])
        }
        for (index, stage) in config.stages.enumerated() {
            line("New \(stage.name) per week", id: "stage-\(index)", points.map { Double($0.volume[index]) }, volume[index])
        }
        let table: [Fields] = points.indices.reversed().map { week in
            [
                "snapshot": Format.date(points[week].snapshot),
                "pipeline": pipeline[week],
                "bookings": bookings[week],
                "share": share[week],
                "sla": compliance.map { ["value": $0[week]] as Fields },
                "volume": volume.map { ["value": $0[week]] as Fields },
            ]
        }
        return [
            "lines": lines, "table": table,
            "slaNames": config.slas.map { ["name": $0.name] as Fields },
            "stageNames": config.stages.map { ["name": $0.name] as Fields },
            "weeks": Format.count(points.count),
        ]
    }
}

private extension WinRateWindow {
    mutating func add(_ other: WinRateWindow) {
        won += other.won
        lost += other.lost
        wonAmount += other.wonAmount
        lostAmount += other.lostAmount
    }
}
