/// The metrics of SPEC §6 as leaves of the long format (§11): for each leaf its path and the
/// condition that puts an accepted record in it, read off the record-state columns that
/// `WarehouseSQL` derives (`s0`… stage dates with future dates dropped, `max_stage`, `is_won`,
/// `is_lost`, `is_open`, `nx0`… earliest later-stage date, `rs0`… SLA response date, `cents`,
/// `src`, `close_d`, `lost_d`, and the windows' first days `wk_start`, `qtd_start`, `t13_start`).
/// This is the one description every dialect's statement is generated from.
struct MetricLeaves {
    var config: SiteConfig
    var dialect: SQLDialect

    enum Window: String, CaseIterable {
        case week, qtd, t13

        var start: String {
            switch self {
            case .week: return "wk_start"
            case .qtd: return "qtd_start"
            case .t13: return "t13_start"
            }
        }
    }

    /// Values whose median or 90th percentile is a leaf (velocity days, SLA response days).
    struct QuantileInput {
        var condition: String
        var days: String
    }

    var stages: [String] { config.stages.map(\.key) }
    var won: Int { config.wonStageIndex }
    var pipeline: Int { config.pipelineStageIndex }

    func inWindow(_ date: String, _ window: Window) -> String { "(\(date) BETWEEN \(window.start) AND snap)" }
    func stageIndex(_ key: String) -> Int { config.stageIndex(of: key)! }

    /// Whether `src` is one of `marketing_sources`.
    var isMarketing: String {
        config.marketingSources.isEmpty ? "1 = 0"
            : "src IN (" + config.marketingSources.map(dialect.literal).joined(separator: ", ") + ")"
    }

    /// Quantile inputs in a fixed order: velocity per stage but the last, then SLA rule × window.
    var quantileInputs: [QuantileInput] {
        let velocity = (0..<won).map { stage in
            QuantileInput(condition: "\(inWindow("s\(stage)", .t13)) AND max_stage > \(stage)",
                          days: dialect.daysBetween("s\(stage)", "nx\(stage)"))
        }
        let sla = config.slas.flatMap { rule in
            let from = stageIndex(rule.from)
            return [Window.week, .qtd].map { window in
                QuantileInput(condition: "\(inWindow("s\(from)", window)) AND rs\(from) IS NOT NULL",
                              days: dialect.daysBetween("s\(from)", "rs\(from)"))
            }
        }
        return velocity + sla
    }
}

// MARK: - Per scope (SPEC §6.1–6.8)

extension MetricLeaves {
    /// Every leaf of a scope that is not keyed by source, the bridge, the plan or data quality.
    /// Quantile input `j` is read from columns `q.qj_med`, `q.qj_p90` and `q.qj_n`.
    func scopeLeaves(_ agg: inout Aggregates) -> [Leaf] {
        var leaves = [Leaf(path: [.key("records")], value: .count(agg.count("1 = 1")))]
        for (index, key) in stages.enumerated() {
            for window in Window.allCases {
                leaves.append(Leaf(path: [.key("volume"), .key(key), .key(window.rawValue)],
                                   value: .count(agg.count(inWindow("s\(index)", window)))))
            }
        }
        for index in 0..<won {
            for window in [Window.qtd, .t13] {
                let cohort = agg.count(inWindow("s\(index)", window))
                let converted = agg.count("\(inWindow("s\(index)", window)) AND max_stage > \(index)")
                let path: [PathToken] = [.key("conversion"), .key(stages[index]), .key(window.rawValue)]
                leaves += [Leaf(path: path + [.key("cohort")], value: .count(cohort)),
                           Leaf(path: path + [.key("converted")], value: .count(converted)),
                           Leaf(path: path + [.key("rate")], value: .double(dialect.ratio(converted, cohort)))]
            }
        }
        for index in 0..<won {
            let path: [PathToken] = [.key("velocity"), .key(stages[index])]
            leaves += [Leaf(path: path + [.key("n")], value: .count("COALESCE(q.q\(index)_n, 0)")),
                       Leaf(path: path + [.key("median_days")], value: .double("q.q\(index)_med")),
                       Leaf(path: path + [.key("p90_days")], value: .double("q.q\(index)_p90"))]
        }
        leaves += slaLeaves(&agg)
        leaves += pipelineLeaves(&agg)
        for window in Window.allCases {
            leaves += countAmount([.key("bookings"), .key(window.rawValue)], bookedIn(window), &agg)
        }
        for window in [Window.qtd, .t13] {
            leaves += winRateLeaves([.key("win_rate"), .key(window.rawValue)], window, &agg)
        }
        leaves += marketingShareLeaves(&agg)
        return leaves
    }

    /// Leaves keyed by the source value (`src`): pipeline, qtd bookings and win rates per source.
    func sourceLeaves(_ agg: inout Aggregates) -> [Leaf] {
        var leaves = countAmount([.key("pipeline"), .key("by_source"), .column("b.src")], "is_open = 1", &agg)
        leaves += countAmount([.key("bookings"), .key("by_source"), .column("b.src")], bookedIn(.qtd), &agg)
        for window in [Window.qtd, .t13] {
            leaves += winRateLeaves([.key("win_rate"), .key("by_source"), .column("b.src"), .key(window.rawValue)],
                                    window, &agg)
        }
        return leaves
    }

    func bookedIn(_ window: Window) -> String { inWindow("s\(won)", window) }

    /// Reached the pipeline stage and won (won date in the window) or lost (lost date in it).
    func winRateWon(_ window: Window) -> String { "max_stage >= \(pipeline) AND \(inWindow("s\(won)", window))" }
    func winRateLost(_ window: Window) -> String {
        "max_stage >= \(pipeline) AND s\(won) IS NULL AND \(inWindow("lost_d", window))"
    }

    /// `count` and `amount` of the records where `condition` holds.
    func countAmount(_ path: [PathToken], _ condition: String, _ agg: inout Aggregates) -> [Leaf] {
        [Leaf(path: path + [.key("count")], value: .count(agg.count(condition))),
         Leaf(path: path + [.key("amount")], value: .cents(agg.sum("cents", when: condition)))]
    }

    private func slaLeaves(_ agg: inout Aggregates) -> [Leaf] {
        var leaves: [Leaf] = []
        for (ruleIndex, rule) in config.slas.enumerated() {
            let from = stageIndex(rule.from)
            let responseDays = dialect.daysBetween("s\(from)", "rs\(from)")
            let age = dialect.daysBetween("s\(from)", "snap")
            leaves.append(Leaf(path: [.key("sla"), .key(rule.name), .key("days")], value: .count(String(rule.days))))
            for (windowIndex, window) in [Window.week, .qtd].enumerated() {
                let population = inWindow("s\(from)", window)
                let onTime = agg.count("\(population) AND rs\(from) IS NOT NULL AND \(responseDays) <= \(rule.days)")
                let late = agg.count("\(population) AND rs\(from) IS NOT NULL AND \(responseDays) > \(rule.days)")
                let pending = agg.count("\(population) AND rs\(from) IS NULL AND \(age) <= \(rule.days)")
                let breached = agg.count("\(population) AND rs\(from) IS NULL AND \(age) > \(rule.days)")
                let quantile = won + ruleIndex * 2 + windowIndex
                let path: [PathToken] = [.key("sla"), .key(rule.name), .key(window.rawValue)]
                leaves += [
                    Leaf(path: path + [.key("on_time")], value: .count(onTime)),
                    Leaf(path: path + [.key("late")], value: .count(late)),
                    Leaf(path: path + [.key("pending")], value: .count(pending)),
                    Leaf(path: path + [.key("breached")], value: .count(breached)),
                    Leaf(path: path + [.key("compliance")],
                         value: .double(dialect.ratio(onTime, "(\(onTime) + \(late) + \(breached))"))),
                    Leaf(path: path + [.key("median_response_days")], value: .double("q.q\(quantile)_med")),
                ]
            }
        }
        return leaves
    }

    private func pipelineLeaves(_ agg: inout Aggregates) -> [Leaf] {
        var leaves = countAmount([.key("pipeline")], "is_open = 1", &agg)
        for stage in pipeline..<won {
            leaves += countAmount([.key("pipeline"), .key("by_stage"), .key(stages[stage])],
                                  "is_open = 1 AND max_stage = \(stage)", &agg)
        }
        leaves += countAmount([.key("pipeline"), .key("in_quarter")], "is_open = 1 AND close_d BETWEEN qtd_start AND q_end", &agg)
        leaves += countAmount([.key("pipeline"), .key("past_due")], "is_open = 1 AND close_d < snap", &agg)
        return leaves
    }

    /// Won or lost in the window among records that reached the pipeline stage.
    private func winRateLeaves(_ path: [PathToken], _ window: Window, _ agg: inout Aggregates) -> [Leaf] {
        let wonWhen = winRateWon(window)
        let lostWhen = winRateLost(window)
        let (wonCount, lostCount) = (agg.count(wonWhen), agg.count(lostWhen))
        let (wonAmount, lostAmount) = (agg.sum("cents", when: wonWhen), agg.sum("cents", when: lostWhen))
        return [
            Leaf(path: path + [.key("won")], value: .count(wonCount)),
            Leaf(path: path + [.key("lost")], value: .count(lostCount)),
            Leaf(path: path + [.key("won_amount")], value: .cents(wonAmount)),
            Leaf(path: path + [.key("lost_amount")], value: .cents(lostAmount)),
            Leaf(path: path + [.key("rate")], value: .double(dialect.ratio(wonCount, "(\(wonCount) + \(lostCount))"))),
            Leaf(path: path + [.key("amount_rate")], value: .double(dialect.ratio(wonAmount, "(\(wonAmount) + \(lostAmount))"))),
        ]
    }

    /// Includes the two extra fields metrics.json has long carried (`marketing_opportunities`,
    /// `marketing_amount`), so pages built from the results can show the marketing part.
    private func marketingShareLeaves(_ agg: inout Aggregates) -> [Leaf] {
        [Window.qtd, .t13].flatMap { window -> [Leaf] in
            let created = inWindow("s\(pipeline)", window)
            let (count, amount) = (agg.count(created), agg.sum("cents", when: created))
            let marketing = "\(created) AND \(isMarketing)"
            let (marketingCount, marketingAmount) = (agg.count(marketing), agg.sum("cents", when: marketing))
            let path: [PathToken] = [.key("marketing_share"), .key(window.rawValue)]
            return [
                Leaf(path: path + [.key("opportunities")], value: .count(count)),
                Leaf(path: path + [.key("amount")], value: .cents(amount)),
                Leaf(path: path + [.key("count_share")], value: .double(dialect.ratio(marketingCount, count))),
                Leaf(path: path + [.key("amount_share")], value: .double(dialect.ratio(marketingAmount, amount))),
                Leaf(path: path + [.key("marketing_opportunities")], value: .count(marketingCount)),
                Leaf(path: path + [.key("marketing_amount")], value: .cents(marketingAmount)),
            ]
        }
    }
}
