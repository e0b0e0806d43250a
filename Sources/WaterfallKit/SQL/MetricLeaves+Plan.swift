// MARK: - Bridge (SPEC §6.9)

extension MetricLeaves {
    /// Bridge leaves, over the pairs of `WarehouseSQL`'s bridge: one row per deal open in the
    /// previous snapshot (`old_in`: open and in the scope there) or open in this one (`new_in`),
    /// with `c_has`, `c_won`, `c_lost` (its row in this snapshot, whatever its scope), `o_cents`,
    /// `c_cents` and `o_q`, `c_q` (the fiscal quarter of each close date, for pushed / pulled in).
    /// Values read the aggregates as `g.aN`, zero for a scope no deal moved.
    func bridgeLeaves(_ agg: inout Aggregates) -> [Leaf] {
        let leftScope = "old_in = 1 AND new_in = 0"
        let both = "old_in = 1 AND new_in = 1"
        let movements: [(String, String, String)] = [
            ("added", "new_in = 1 AND old_in = 0", "c_cents"),
            ("increased", "\(both) AND c_cents > o_cents", "c_cents - o_cents"),
            ("decreased", "\(both) AND c_cents < o_cents", "o_cents - c_cents"),
            ("won", "\(leftScope) AND c_won = 1", "o_cents"),
            ("lost", "\(leftScope) AND c_lost = 1", "o_cents"),
            ("removed", "\(leftScope) AND (c_has = 0 OR (c_won = 0 AND c_lost = 0))", "o_cents"),
        ]
        func zeroed(_ column: String) -> String { "COALESCE(g.\(column), 0)" }
        var leaves = [Leaf(path: [.key("bridge"), .key("start")], value: .cents(zeroed(agg.sum("o_cents", when: "old_in = 1"))))]
        for (name, condition, amount) in movements {
            leaves.append(Leaf(path: [.key("bridge"), .key(name)], value: .cents(zeroed(agg.sum(amount, when: condition)))))
        }
        leaves.append(Leaf(path: [.key("bridge"), .key("end")], value: .cents(zeroed(agg.sum("c_cents", when: "new_in = 1")))))
        for (name, condition, _) in movements {
            leaves.append(Leaf(path: [.key("bridge"), .key("counts"), .key(name)], value: .count(zeroed(agg.count(condition)))))
        }
        for (name, comparison) in [("pushed", ">"), ("pulled_in", "<")] {
            let condition = "\(both) AND c_q \(comparison) o_q"
            leaves += [Leaf(path: [.key("bridge"), .key(name), .key("count")], value: .count(zeroed(agg.count(condition)))),
                       Leaf(path: [.key("bridge"), .key(name), .key("amount")],
                            value: .cents(zeroed(agg.sum("c_cents", when: condition))))]
        }
        return leaves
    }
}

// MARK: - Plan (SPEC §6.10)

extension MetricLeaves {
    /// Plan leaves over a scope's aggregate row `b` (the columns of `agg`, registered by
    /// `scopeLeaves` with the same conditions) with its target `t.tcents` and the quarter's
    /// `c.elapsed` and `c.qdays`. Needs are exact integer ceilings of counts and cents.
    func planLeaves(_ agg: inout Aggregates) -> [Leaf] {
        let column = { (name: String) in "b." + name }
        let booked = column(agg.sum("cents", when: bookedIn(.qtd)))
        let (t13Count, t13Amount) = (column(agg.count(bookedIn(.t13))), column(agg.sum("cents", when: bookedIn(.t13))))
        let wonT13 = column(agg.count(winRateWon(.t13)))
        let lostT13 = column(agg.count(winRateLost(.t13)))
        let inQuarter = column(agg.sum("cents", when: "is_open = 1 AND close_d BETWEEN qtd_start AND q_end"))
        let remaining = "GREATEST(t.tcents - \(booked), 0)"

        var leaves: [Leaf] = [
            Leaf(path: [.key("plan"), .key("target")], value: .cents("t.tcents")),
            Leaf(path: [.key("plan"), .key("booked")], value: .cents(booked)),
            Leaf(path: [.key("plan"), .key("attainment")], value: .double(dialect.ratio(booked, "t.tcents"))),
            Leaf(path: [.key("plan"), .key("remaining")], value: .cents(remaining)),
            Leaf(path: [.key("plan"), .key("coverage")], value: .double(dialect.ratio(inQuarter, remaining))),
            Leaf(path: [.key("plan"), .key("avg_deal")],
                 value: .cents("CASE WHEN \(t13Count) = 0 THEN NULL ELSE \(dialect.roundedDivision(t13Amount, t13Count)) END")),
        ]
        var need = "CASE WHEN \(t13Count) > 0 AND \(t13Amount) > 0 THEN "
            + "\(dialect.ceilingDivision("t.tcents * \(t13Count)", t13Amount)) END"
        var steps = [(won, need)]
        need = "CASE WHEN \(wonT13) > 0 THEN \(dialect.ceilingDivision("(\(need)) * (\(wonT13) + \(lostT13))", wonT13)) END"
        steps.append((pipeline, need))
        for stage in stride(from: pipeline - 1, through: 0, by: -1) {
            let cohort = column(agg.count(inWindow("s\(stage)", .t13)))
            let converted = column(agg.count("\(inWindow("s\(stage)", .t13)) AND max_stage > \(stage)"))
            need = "CASE WHEN \(converted) > 0 THEN \(dialect.ceilingDivision("(\(need)) * \(cohort)", converted)) END"
            steps.append((stage, need))
        }
        let elapsed = "(CAST(c.elapsed AS \(dialect.double)) / CAST(c.qdays AS \(dialect.double)))"
        for (stage, need) in steps {
            let actual = column(agg.count(inWindow("s\(stage)", .qtd)))
            let expected = "CAST(\(need) AS \(dialect.double)) * \(elapsed)"
            let path: [PathToken] = [.key("plan"), .key("reverse_funnel"), .key(stages[stage])]
            leaves += [
                Leaf(path: path + [.key("need")], value: .count(need)),
                Leaf(path: path + [.key("actual")], value: .count(actual)),
                Leaf(path: path + [.key("expected_by_now")], value: .double(expected)),
                Leaf(path: path + [.key("pace_gap")], value: .double("CAST(\(actual) AS \(dialect.double)) - \(expected)")),
            ]
        }
        return leaves
    }
}

// MARK: - Data quality (SPEC §1.3, §11)

extension MetricLeaves {
    /// Row counts per snapshot over every row of the table (`e1`, `e2`, `e6`, `ok`, `w1`–`w3`
    /// flags); E3–E5 cannot arise in a typed table and are 0.
    func dataQualityLeaves(_ agg: inout Aggregates) -> [Leaf] {
        let dq: PathToken = .key("data_quality")
        var leaves = [Leaf(path: [dq, .key("rows")], value: .count(agg.count("1 = 1"))),
                      Leaf(path: [dq, .key("accepted")], value: .count(agg.count("ok = 1")))]
        for code in 1...6 {
            let value = [3, 4, 5].contains(code) ? "0" : agg.count("e\(code) = 1")
            leaves.append(Leaf(path: [dq, .key("errors"), .key("E\(code)")], value: .count(value)))
        }
        for code in 1...3 {
            leaves.append(Leaf(path: [dq, .key("warnings"), .key("W\(code)")], value: .count(agg.count("ok = 1 AND w\(code) = 1"))))
        }
        return leaves
    }
}
