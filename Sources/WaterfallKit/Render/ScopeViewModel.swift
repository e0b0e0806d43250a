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

    /// Every section but the commentary, which depends on the page's depth (`CommentarySection`).
    func sections(for scope: ScopeMetrics) -> ScopeSections {
        ScopeSections(
            records: Format.count(scope.records),
            kpis: KPISection(tiles: kpiTiles(scope)),
            funnel: FunnelSection(scope, in: self),
            slas: scope.sla.enumerated().map { SLASection($1, index: $0, in: self) },
            pipeline: PipelineSection(scope, in: self),
            bookings: BookingsSection(scope, in: self),
            bridge: amountsAvailable ? scope.bridge.map { BridgeSection($0, in: self) } : nil,
            amountsAvailable: amountsAvailable,
            winRate: WinRateSection(scope, in: self),
            share: ShareSection(scope, in: self),
            plan: scope.plan.map { PlanSection($0, scope: scope, in: self) },
            quarter: snapshot.windows.quarter.label,
            trend: TrendSection(scope, in: self))
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
            tile(.stageEntries, "Entered \(config.stages[stage].name) this week", Format.count(scope.volume[stage].week), else: "",
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

extension ScopeViewModel {
    /// The marketing-sourced band (`marketing_band`) as the pages write it: `20–30%`.
    var bandText: String { Format.band(config.marketingBand) }
}

/// The body of a scope page: one typed section per part of SPEC §8, and the commentary, added
/// per copy of the page. `fields` is what `scope.mustache` sees under `scope`. Like every section,
/// it supplies each of its keys on every page (`false` when a part is absent), so the test that
/// templates name only supplied keys sees them all on any page.
struct ScopeSections: TemplateSection {
    var records: String
    var kpis: KPISection
    var funnel: FunnelSection
    var slas: [SLASection]
    var pipeline: PipelineSection
    var bookings: BookingsSection
    /// Nil for the first snapshot or without amounts (`amountsAvailable` says which).
    var bridge: BridgeSection?
    var amountsAvailable: Bool
    var winRate: WinRateSection
    var share: ShareSection
    /// Nil when `targets.csv` has no target for the scope and quarter.
    var plan: PlanSection?
    var quarter: String
    var trend: TrendSection
    var commentary: CommentarySection?

    var fields: Fields {
        var fields: Fields = [
            "records": records, "kpis": kpis.fields, "funnel": funnel.fields, "slas": slas.fields, "hasSLAs": !slas.isEmpty,
            "pipeline": pipeline.fields, "bookings": bookings.fields, "winRate": winRate.fields, "share": share.fields,
            "trend": trend.fields, "quarter": quarter,
        ]
        fields["bridge"] = bridge?.fields ?? false
        fields["noBridge"] = bridge == nil && amountsAvailable
        fields["noAmounts"] = bridge == nil && !amountsAvailable
        fields["plan"] = plan?.fields ?? false
        fields["noPlan"] = plan == nil
        fields["commentary"] = commentary?.fields ?? false
        return fields
    }
}
