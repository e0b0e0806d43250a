// MARK: - Calendar, record state and row checks (SPEC §1.3, §3, §4, §11)

extension WarehouseSQL {
    /// `raw` (typed columns, cents), `days` and `cal` (each snapshot's windows and quarter), `st`
    /// and `rec` (dates after dropping future ones, derived state, warnings), `chk` and `checked`
    /// (E1, E2, E6, `ok`), `acc` (accepted rows) and `scoped` (each accepted row once per scope).
    func recordCTEs(_ leaves: MetricLeaves) -> [(String, String)] {
        let stages = config.stages.count, won = config.wonStageIndex, pipeline = config.pipelineStageIndex
        let text = dialect.text
        let dimensions = config.dimensions.enumerated().map { index, name in
            "COALESCE(NULLIF(CAST(\(column(name)) AS \(text)), ''), 'Unassigned') AS dim\(index)"
        }
        let raw = ["CAST(\(column("snapshot_date")) AS DATE) AS snap", "CAST(\(column("id")) AS \(text)) AS id",
                   options.hasLineColumn ? "\(column("line")) AS ln" : "CAST(NULL AS \(dialect.integer)) AS ln"]
            + config.stages.enumerated().map { "CAST(\(column($1.dateField)) AS DATE) AS r\($0)" }
            + ["CAST(\(column("lost_date")) AS DATE) AS rlost", "CAST(\(column("close_date")) AS DATE) AS close_d",
               "COALESCE(CAST(ROUND(\(column("amount")) * 100) AS \(dialect.integer)), 0) AS cents",
               "COALESCE(NULLIF(CAST(\(column("source")) AS \(text)), ''), 'Unassigned') AS src"]
            + dimensions
        let d = "d"
        let quarterStart = dialect.makeDate(year: "\(dialect.datePart("YEAR", of: d)) + \(monthCase(d, \.startYearOffset))",
                                            month: monthCase(d, \.startMonth), day: "1")
        let nextQuarter = dialect.makeDate(year: "\(dialect.datePart("YEAR", of: d)) + \(monthCase(d, \.nextYearOffset))",
                                           month: monthCase(d, \.nextMonth), day: "1")
        let label = "CONCAT('FY', CAST(\(dialect.datePart("YEAR", of: d)) + \(monthCase(d, \.fiscalYearOffset)) AS \(text)), "
            + "'-Q', CAST(\(monthCase(d, \.quarter)) AS \(text)))"
        let cal0 = """
            SELECT d, prev_snap, next_snap,
              CASE WHEN prev_snap IS NULL THEN \(dialect.addDays(d, "-6")) ELSE \(dialect.addDays("prev_snap", "1")) END AS wk_start,
              \(quarterStart) AS qtd_start,
              \(dialect.addDays(nextQuarter, "-1")) AS q_end,
              \(dialect.addDays(d, "-90")) AS t13_start,
              \(label) AS qlabel
            FROM days
            """
        let dropped = (0..<stages).map { "CASE WHEN r.r\($0) <= r.snap THEN r.r\($0) END AS s\($0)" }
            + ["CASE WHEN r.rlost <= r.snap THEN r.rlost END AS lost_d"]
        let outOfOrder = (1..<max(stages, 2)).filter { $0 < stages }.map {
            "r.r\($0) < \(dialect.latest((0..<$0).map { "r.r\($0)" }))"
        }
        let future = ((0..<stages).map { "r.r\($0) > r.snap" } + ["r.rlost > r.snap"]).joined(separator: " OR ")
        let st = "SELECT r.snap, r.id, r.ln, r.cents, r.src, r.close_d, "
            + config.dimensions.indices.map { "r.dim\($0), " }.joined()
            + "c.prev_snap, c.next_snap, c.wk_start, c.qtd_start, c.q_end, c.t13_start,\n  "
            + dropped.joined(separator: ",\n  ")
            + ",\n  CASE WHEN \(outOfOrder.isEmpty ? "1 = 0" : outOfOrder.joined(separator: " OR ")) THEN 1 ELSE 0 END AS w1"
            + ",\n  CASE WHEN \(future) THEN 1 ELSE 0 END AS w2\nFROM raw r JOIN cal c ON c.d = r.snap"

        let maxStage = "CASE " + (0..<stages).reversed().map { "WHEN s\($0) IS NOT NULL THEN \($0)" }.joined(separator: " ")
            + " ELSE -1 END AS max_stage"
        let reachedPipeline = (pipeline..<stages).map { "s\($0) IS NOT NULL" }.joined(separator: " OR ")
        let slaStages = Set(config.slas.compactMap { config.stageIndex(of: $0.from) }).sorted()
        let rec = ["st.*", maxStage,
                   "CASE WHEN s\(won) IS NOT NULL THEN 1 ELSE 0 END AS is_won",
                   "CASE WHEN s\(won) IS NULL AND lost_d IS NOT NULL THEN 1 ELSE 0 END AS is_lost",
                   "CASE WHEN s\(won) IS NULL AND lost_d IS NULL AND (\(reachedPipeline)) THEN 1 ELSE 0 END AS is_open",
                   "CASE WHEN s\(won) IS NOT NULL AND lost_d IS NOT NULL THEN 1 ELSE 0 END AS w3",
                   "CASE WHEN id IS NULL OR TRIM(id) = '' THEN 1 ELSE 0 END AS e1"]
            + (0..<won).map { stage in "\(dialect.earliest(((stage + 1)...won).map { "s\($0)" })) AS nx\(stage)" }
            + slaStages.map { stage in "\(dialect.earliest(((stage + 1)...won).map { "s\($0)" } + ["lost_d"])) AS rs\(stage)" }

        // E2 (SPEC §1.3 order E1, E2, E6): a copy is E2 when a copy with a smaller line was
        // accepted, i.e. passed E1 and has a stage date; without `line` every repeated id is E2.
        let firstCopy = options.hasLineColumn
            ? "MIN(CASE WHEN e1 = 0 AND max_stage >= 0 THEN ln END) OVER (PARTITION BY snap, id) AS first_ln"
            : "COUNT(*) OVER (PARTITION BY snap, id) AS copies"
        let isE2 = options.hasLineColumn ? "(e1 = 0 AND first_ln IS NOT NULL AND first_ln < ln)" : "(e1 = 0 AND copies > 1)"
        let checked = """
            SELECT chk.*,
              CASE WHEN \(isE2) THEN 1 ELSE 0 END AS e2,
              CASE WHEN e1 = 0 AND NOT \(isE2) AND max_stage < 0 THEN 1 ELSE 0 END AS e6,
              CASE WHEN e1 = 0 AND NOT \(isE2) AND max_stage >= 0 THEN 1 ELSE 0 END AS ok
            FROM chk
            """
        // Each accepted row once per scope, in one pass over `acc` (crossed with `ix`).
        let scopeKeys = ["WHEN 0 THEN 'company'"] + config.dimensions.enumerated().map { index, name in
            "WHEN \(index + 1) THEN CONCAT(\(dialect.literal(name + "=")), dim\(index))"
        }
        let scoped = "SELECT CASE ix.k \(scopeKeys.joined(separator: " ")) END AS sc, acc.*\n"
            + "FROM acc CROSS JOIN ix WHERE ix.k < \(config.dimensions.count + 1)"
        return [
            ("raw", "SELECT " + raw.joined(separator: ",\n  ") + "\nFROM \(options.table) t"),
            ("days", "SELECT snap AS d, LAG(snap) OVER (ORDER BY snap) AS prev_snap, LEAD(snap) OVER (ORDER BY snap) AS next_snap\n"
                + "FROM (SELECT DISTINCT snap FROM raw) x"),
            ("cal0", cal0),
            ("cal", "SELECT cal0.*, \(dialect.daysBetween("qtd_start", "d")) + 1 AS elapsed, "
                + "\(dialect.daysBetween("qtd_start", "q_end")) + 1 AS qdays\nFROM cal0"),
            ("st", st),
            ("rec", "SELECT " + rec.joined(separator: ",\n  ") + "\nFROM st"),
            ("chk", "SELECT rec.*, \(firstCopy)\nFROM rec"),
            ("checked", checked),
            ("acc", "SELECT * FROM checked WHERE ok = 1"),
            ("scoped", scoped),
        ]
    }

    /// `bold` (deals open in a snapshot, keyed by the next snapshot), `bnew` (every accepted row of
    /// a snapshot with a previous one), `pairs` (joined on id) and `bscoped` (each pair once per
    /// scope it is in at either end, membership by each snapshot's own values: SPEC §6.9).
    func bridgeCTEs() -> [(String, String)] {
        let dims = config.dimensions.indices
        let oldDims = dims.map { ", dim\($0) AS o_dim\($0)" }.joined()
        let newDims = dims.map { ", dim\($0) AS c_dim\($0)" }.joined()
        let pairDims = dims.map { ", o.o_dim\($0), n.c_dim\($0)" }.joined()
        let carried = "c_has, c_won, c_lost, o_cents, c_cents, o_q, c_q"
        var scoped = ["SELECT snap, 'company' AS sc, o_has AS old_in, c_open AS new_in, \(carried) FROM pairs"]
        for (index, name) in config.dimensions.enumerated() {
            let key = dialect.literal(name + "=")
            scoped.append("SELECT snap, CONCAT(\(key), o_dim\(index)) AS sc, 1 AS old_in, "
                + "CASE WHEN c_open = 1 AND c_dim\(index) = o_dim\(index) THEN 1 ELSE 0 END AS new_in, \(carried) "
                + "FROM pairs WHERE o_has = 1")
            scoped.append("SELECT snap, CONCAT(\(key), c_dim\(index)) AS sc, 0 AS old_in, 1 AS new_in, \(carried) "
                + "FROM pairs WHERE c_open = 1 AND (o_has = 0 OR c_dim\(index) <> o_dim\(index))")
        }
        return [
            ("bold", "SELECT next_snap AS bsnap, id, cents AS o_cents, \(quarterKey("close_d")) AS o_q\(oldDims)\n"
                + "FROM acc WHERE is_open = 1 AND next_snap IS NOT NULL"),
            ("bnew", "SELECT snap AS bsnap, id, cents AS c_cents, \(quarterKey("close_d")) AS c_q, is_open AS c_open, "
                + "is_won AS c_won, is_lost AS c_lost\(newDims)\nFROM acc WHERE prev_snap IS NOT NULL"),
            ("pairs", """
                SELECT COALESCE(o.bsnap, n.bsnap) AS snap,
                  CASE WHEN o.id IS NULL THEN 0 ELSE 1 END AS o_has, CASE WHEN n.id IS NULL THEN 0 ELSE 1 END AS c_has,
                  COALESCE(n.c_open, 0) AS c_open, COALESCE(n.c_won, 0) AS c_won, COALESCE(n.c_lost, 0) AS c_lost,
                  o.o_cents, n.c_cents, o.o_q, n.c_q\(pairDims)
                FROM bold o FULL OUTER JOIN bnew n ON o.bsnap = n.bsnap AND o.id = n.id
                WHERE o.id IS NOT NULL OR n.c_open = 1
                """),
            ("bscoped", scoped.joined(separator: "\nUNION ALL\n")),
        ]
    }
}

// MARK: - Fiscal calendar

extension WarehouseSQL {
    /// What the fiscal calendar says about a date of each calendar month, read from
    /// `FiscalCalendar` for the configured start month (the SQL only looks these up).
    struct MonthFacts {
        var startYearOffset: Int
        var startMonth: Int
        var nextYearOffset: Int
        var nextMonth: Int
        var fiscalYearOffset: Int
        var quarter: Int
        var monthsIntoQuarter: Int
    }

    func monthFacts(_ month: Int) -> MonthFacts {
        let year = 2001
        let quarter = FiscalCalendar(startMonth: config.fiscalYearStartMonth).quarter(containing: Day(year: year, month: month, day: 1)!)
        let start = quarter.start.civil
        let next = Day(daysSinceEpoch: quarter.end.daysSinceEpoch + 1).civil
        return MonthFacts(startYearOffset: start.year - year, startMonth: start.month, nextYearOffset: next.year - year,
                          nextMonth: next.month, fiscalYearOffset: quarter.fiscalYear - year, quarter: quarter.quarter,
                          monthsIntoQuarter: (month - start.month + 12) % 12)
    }

    /// `CASE month(date) WHEN 1 THEN … END` of one fact.
    func monthCase(_ date: String, _ fact: KeyPath<MonthFacts, Int>) -> String {
        "CASE \(dialect.datePart("MONTH", of: date)) "
            + (1...12).map { "WHEN \($0) THEN \(monthFacts($0)[keyPath: fact])" }.joined(separator: " ") + " END"
    }

    /// An integer that orders fiscal quarters: the month number (year × 12 + month) of the
    /// quarter's first month. NULL for a NULL date.
    func quarterKey(_ date: String) -> String {
        "(\(dialect.datePart("YEAR", of: date)) * 12 + \(dialect.datePart("MONTH", of: date)) - \(monthCase(date, \.monthsIntoQuarter)))"
    }
}
