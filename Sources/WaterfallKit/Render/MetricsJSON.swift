/// The machine view of one snapshot (SPEC §7): `metrics.json`, schema `waterfall-metrics/1`.
enum MetricsJSON {
    static let schema = "waterfall-metrics/1"

    static func document(_ metrics: SnapshotMetrics, config: SiteConfig) -> JSONValue {
        let stages = config.stages
        func window(_ window: DateWindow) -> JSONValue {
            .object([("start", .string(window.start.iso)), ("end", .string(window.end.iso))])
        }
        return .object([
            ("schema", .string(schema)),
            ("company", .string(config.company)),
            ("currency", .string(config.currency)),
            ("snapshot", .string(metrics.snapshot.iso)),
            ("previous_snapshot", .string(metrics.previousSnapshot?.iso)),
            ("fiscal_quarter", .string(metrics.windows.quarter.label)),
            ("windows", .object([
                ("week", window(metrics.windows.week)),
                ("qtd", window(metrics.windows.qtd)),
                ("t13", window(metrics.windows.t13)),
            ])),
            ("stages", .array(stages.map { .string($0.key) })),
            // Extra (issue 8): false where the export lacks what a figure needs; the figure stays 0 here
            // and the pages say "not available".
            ("availability", .object([("amounts", .bool(metrics.dataQuality.availability.amounts)),
                                      ("sources", .bool(metrics.dataQuality.availability.sources)),
                                      // Extra (issue 11): false when built from warehouse results, whose lists are empty.
                                      ("record_lists", .bool(metrics.dataQuality.availability.recordLists))])),
            ("data_quality", dataQuality(metrics.dataQuality, snapshot: metrics.snapshot)),
            ("scopes", .array(metrics.scopes.map { scope($0, config: config) })),
        ])
    }

    /// Row counts exact; `examples` holds at most `DataQualityReport.examplesPerCode` row problems per
    /// code (the first by line), and `diagnostics_csv` names the file that lists every one (SPEC §8).
    static func dataQuality(_ quality: DataQuality, snapshot: Day) -> JSONValue {
        .object([
            ("file", .string(quality.file)),
            ("rows", .int(quality.rows)),
            ("accepted", .int(quality.accepted)),
            ("excluded", .int(quality.excluded)),
            ("errors", .object((DiagnosticCode.rowErrors + (quality.count(of: .e12) > 0 ? [.e12] : [])).map {
                ($0.rawValue, .int(quality.count(of: $0)))
            })),
            ("warnings", .object(DiagnosticCode.rowWarnings.map { ($0.rawValue, .int(quality.count(of: $0))) })),
            ("examples", .array(DataQualityReport.examples(quality.rowDiagnostics).map { diagnostic in
                .object([
                    ("file", .string(diagnostic.file)),
                    ("line", .int(diagnostic.line)),
                    ("code", .string(diagnostic.code.rawValue)),
                    ("message", .string(diagnostic.message)),
                ])
            })),
            ("examples_per_code", .int(DataQualityReport.examplesPerCode)),
            ("diagnostics_csv", .string(quality.availability.recordLists ? DataQualityReport.csvPath(snapshot) : nil)),
            ("build_warnings", .array(quality.buildDiagnostics.map { diagnostic in
                .object([
                    ("code", .string(diagnostic.code.rawValue)),
                    ("severity", .string(diagnostic.severity.rawValue)),
                    ("file", .string(diagnostic.location.file)),
                    ("line", diagnostic.location.line.map { .int($0) } ?? .null),
                    ("setting", .string(diagnostic.location.setting)),
                    ("message", .string(diagnostic.message)),
                    ("fix", .string(diagnostic.fix)),
                ])
            })),
            ("ignored", .int(quality.ignored.count)),
            ("ignored_by_status", .object(quality.ignoredByStatus.map { ($0.status, .int($0.count)) })),
        ])
    }

    static func scope(_ metrics: ScopeMetrics, config: SiteConfig) -> JSONValue {
        let stages = config.stages
        func countAmount(_ value: CountAmount) -> JSONValue {
            .object([("count", .int(value.count)), ("amount", .money(value.amount))])
        }
        func cohort(_ value: Cohort) -> JSONValue {
            .object([("cohort", .int(value.cohort)), ("converted", .int(value.converted)), ("rate", .double(value.rate))])
        }
        func sla(_ window: SLAWindow) -> JSONValue {
            .object([
                ("on_time", .int(window.onTime)), ("late", .int(window.late)),
                ("pending", .int(window.pending)), ("breached", .int(window.breached)),
                ("compliance", .double(window.compliance)),
                ("median_response_days", .double(window.medianResponseDays)),
            ])
        }
        func winRate(_ window: WinRateWindow) -> JSONValue {
            .object([
                ("won", .int(window.won)), ("lost", .int(window.lost)),
                ("won_amount", .money(window.wonAmount)), ("lost_amount", .money(window.lostAmount)),
                ("rate", .double(window.rate)), ("amount_rate", .double(window.amountRate)),
            ])
        }
        func share(_ window: MarketingShareWindow) -> JSONValue {
            .object([
                ("opportunities", .int(window.opportunities.count)),
                ("amount", .money(window.opportunities.amount)),
                ("count_share", .double(window.countShare)),
                ("amount_share", .double(window.amountShare)),
                ("marketing_opportunities", .int(window.marketing.count)),
                ("marketing_amount", .money(window.marketing.amount)),
            ])
        }
        let key = { (index: Int) in stages[index].key }
        let pipeline = metrics.pipeline
        let split = metrics.winRate.split(marketingSources: config.marketingSources)
        return .object([
            ("scope", .string(metrics.scope.key)),
            ("dimension", .string(metrics.scope.dimension)),
            ("value", .string(metrics.scope.value)),
            ("records", .int(metrics.records)),
            ("volume", .object(metrics.volume.enumerated().map { index, counts in
                (key(index), .object([("week", .int(counts.week)), ("qtd", .int(counts.qtd)), ("t13", .int(counts.t13))]))
            })),
            ("conversion", .array(metrics.conversion.map { step in
                .object([("from", .string(key(step.from))), ("to", .string(key(step.from + 1))),
                         ("qtd", cohort(step.qtd)), ("t13", cohort(step.t13))])
            })),
            ("velocity", .array(metrics.velocity.map { step in
                .object([("from", .string(key(step.from))), ("to", .string(key(step.from + 1))),
                         ("n", .int(step.n)), ("median_days", .double(step.medianDays)), ("p90_days", .double(step.p90Days))])
            })),
            ("sla", .array(metrics.sla.map { result in
                .object([
                    ("name", .string(result.rule.name)), ("from", .string(result.rule.from)), ("days", .int(result.rule.days)),
                    ("week", sla(result.week)), ("qtd", sla(result.qtd)),
                    ("breached_leads", .array(result.breachedLeads.map { lead in
                        .object([("id", .string(lead.id)), ("owner", .string(lead.owner)),
                                 ("entered", .string(lead.enteredOn.iso)), ("days_waiting", .int(lead.daysWaiting))])
                    })),
                ])
            })),
            ("pipeline", .object([
                ("count", .int(pipeline.total.count)),
                ("amount", .money(pipeline.total.amount)),
                ("by_stage", .object(pipeline.byStage.map { (key($0.stage), countAmount($0.value)) })),
                ("by_source", .object(pipeline.bySource.map { ($0.source, countAmount($0.value)) })),
                ("in_quarter", countAmount(pipeline.inQuarter)),
                ("past_due", countAmount(pipeline.pastDue)),
                // Extra (issue 9): the deals behind past_due and in_quarter, largest first.
                ("past_due_deals", deals(pipeline.pastDueDeals) { pipelineDeal($0, stages: stages) }),
                ("in_quarter_deals", deals(pipeline.inQuarterDeals) { pipelineDeal($0, stages: stages) }),
            ])),
            ("bookings", .object([
                ("week", countAmount(metrics.bookings.week)),
                ("qtd", countAmount(metrics.bookings.qtd)),
                ("t13", countAmount(metrics.bookings.t13)),
                ("by_source", .object(metrics.bookings.bySource.map { ($0.source, countAmount($0.value)) })),
            ])),
            ("win_rate", .object([
                ("qtd", winRate(metrics.winRate.qtd)),
                ("t13", winRate(metrics.winRate.t13)),
                ("by_source", .object(metrics.winRate.bySource.map {
                    ($0.source, .object([("qtd", winRate($0.value.qtd)), ("t13", winRate($0.value.t13))]))
                })),
                // Extra (issue 9): marketing-sourced against the rest (`WinRateSummary.split`).
                ("marketing", .object([("qtd", winRate(split.marketing.qtd)), ("t13", winRate(split.marketing.t13))])),
                ("rest", .object([("qtd", winRate(split.rest.qtd)), ("t13", winRate(split.rest.t13))])),
            ])),
            ("marketing_share", .object([
                ("qtd", share(metrics.marketingShare.qtd)), ("t13", share(metrics.marketingShare.t13)),
                // Extra (issue 9): `marketing_band` and where each window's amount share lies against it.
                ("band", .object([("low", .double(config.marketingBand.low)), ("high", .double(config.marketingBand.high))])),
                ("band_verdict", .object([
                    ("qtd", .string(metrics.marketingShare.qtd.verdict(band: config.marketingBand)?.rawValue)),
                    ("t13", .string(metrics.marketingShare.t13.verdict(band: config.marketingBand)?.rawValue)),
                ])),
            ])),
            ("bridge", metrics.bridge.map(bridge) ?? .null),
            ("plan", metrics.plan.map { plan($0, stages: stages) } ?? .null),
            ("trend", .array(metrics.trend.map { point in
                .object([
                    ("snapshot", .string(point.snapshot.iso)),
                    ("volume", .object(point.volume.enumerated().map { (key($0), .int($1)) })),
                    ("sla_compliance", .object(zip(metrics.sla, point.slaCompliance).map { ($0.rule.name, .double($1)) })),
                    ("pipeline_amount", .money(point.pipelineAmount)),
                    ("bookings_qtd", .money(point.bookingsQTD)),
                    ("marketing_amount_share_qtd", .double(point.marketingAmountShareQTD)),
                ])
            })),
        ])
    }

    static func bridge(_ bridge: BridgeSummary) -> JSONValue {
        .object([
            ("start", .money(bridge.start)),
            ("added", .money(bridge.added.amount)),
            ("increased", .money(bridge.increased.amount)),
            ("decreased", .money(bridge.decreased.amount)),
            ("won", .money(bridge.won.amount)),
            ("lost", .money(bridge.lost.amount)),
            ("removed", .money(bridge.removed.amount)),
            ("end", .money(bridge.end)),
            ("counts", .object([
                ("added", .int(bridge.added.count)), ("increased", .int(bridge.increased.count)),
                ("decreased", .int(bridge.decreased.count)), ("won", .int(bridge.won.count)),
                ("lost", .int(bridge.lost.count)), ("removed", .int(bridge.removed.count)),
            ])),
            ("pushed", .object([("count", .int(bridge.pushed.count)), ("amount", .money(bridge.pushed.amount))])),
            ("pulled_in", .object([("count", .int(bridge.pulledIn.count)), ("amount", .money(bridge.pulledIn.amount))])),
            ("won_deals", deals(bridge.wonDeals, reasons: false)),
            ("lost_deals", deals(bridge.lostDeals, reasons: true)),
            ("removed_deals", deals(bridge.removedDeals, reasons: false)),
            // Extra (issue 9): the deals behind pushed and pulled_in, with their close date's quarter
            // before and after.
            ("pushed_deals", deals(bridge.pushedDeals, extra: shiftedDeal)),
            ("pulled_in_deals", deals(bridge.pulledInDeals, extra: shiftedDeal)),
        ])
    }

    static func deals(_ deals: [BridgeDeal], reasons: Bool) -> JSONValue {
        self.deals(deals) { reasons ? [("lost_reason", .string($0.lostReason))] : [] }
    }

    /// A list of deals: `id`, `owner`, `amount`, then the fields `extra` adds for each.
    static func deals<Deal: ListedDeal>(_ deals: [Deal], extra: (Deal) -> [(String, JSONValue)]) -> JSONValue {
        .array(deals.map { deal in
            .object([("id", .string(deal.id)), ("owner", .string(deal.owner)), ("amount", .money(deal.amount))] + extra(deal))
        })
    }

    static func pipelineDeal(_ deal: PipelineDeal, stages: [Stage]) -> [(String, JSONValue)] {
        [("stage", .string(stages[deal.stage].key)), ("close_date", .string(deal.closeDate.iso))]
    }

    static func shiftedDeal(_ deal: ShiftedDeal) -> [(String, JSONValue)] {
        [("close_date_before", .string(deal.closeBefore.iso)), ("close_date_after", .string(deal.closeAfter.iso)),
         ("quarter_before", .string(deal.quarterBefore.label)), ("quarter_after", .string(deal.quarterAfter.label))]
    }

    static func plan(_ plan: PlanSummary, stages: [Stage]) -> JSONValue {
        .object([
            ("quarter", .string(plan.quarter)),
            ("target", .money(plan.target)),
            ("booked", .money(plan.booked)),
            ("attainment", .double(plan.attainment)),
            ("remaining", .money(plan.remaining)),
            ("coverage", .double(plan.coverage)),
            ("avg_deal", .money(plan.avgDeal)),
            ("reverse_funnel", .array(plan.reverseFunnel.map { step in
                .object([
                    ("stage", .string(stages[step.stage].key)),
                    ("need", step.need.map { .int($0) } ?? .null),
                    ("actual", .int(step.actual)),
                    ("expected_by_now", .double(step.expectedByNow)),
                    ("pace_gap", .double(step.paceGap)),
                ])
            })),
        ])
    }
}
