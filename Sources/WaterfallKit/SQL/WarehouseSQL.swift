/// `waterfall sql` (SPEC §11): one SELECT statement that computes every leaf of every scope of
/// every snapshot in a warehouse table, in the long format (`snapshot_date`, `scope`, `path`,
/// `value`). Built from `MetricLeaves` (what each leaf counts) through one `SQLDialect`.
public struct WarehouseSQL: Sendable {
    enum Error: Swift.Error, CustomStringConvertible {
        case badTableName(option: String, name: String)

        var description: String {
            switch self {
            case let .badTableName(option, name):
                return "\(option) \"\(name)\" is not a table name: use letters, digits, `_`, `-`, `.` "
                    + "and the dialect's quotes (e.g. records, analytics.crm_records, `project.dataset.records`)."
            }
        }
    }

    public struct Options: Sendable {
        /// The input table: one row per record per snapshot (SPEC §11).
        public var table = "records"
        /// The bookings plan table with the columns of `targets.csv`; nil when there is none.
        public var targets: String? = "targets"
        /// Whether the table has the integer `line` column that decides which copy of a repeated
        /// id is accepted (without it every copy is E2).
        public var hasLineColumn = true

        public init() {}
    }

    var config: SiteConfig
    var dialect: SQLDialect
    var options: Options

    public init(config: SiteConfig, dialect: SQLDialect, options: Options = Options()) throws {
        for (option, name) in [("--table", options.table), ("--targets", options.targets)] {
            guard let name else { continue }
            let allowed = name.unicodeScalars.allSatisfy {
                ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || "_-.`\"".unicodeScalars.contains($0)
            }
            guard allowed, !name.isEmpty else { throw Error.badTableName(option: option, name: name) }
        }
        self.config = config
        self.dialect = dialect
        self.options = options
    }

    /// The statement, ending with a newline and no `;`.
    public func statement() -> String {
        let leaves = MetricLeaves(config: config, dialect: dialect)
        var scopeAgg = Aggregates(prefix: "a"), sourceAgg = Aggregates(prefix: "a")
        var bridgeAgg = Aggregates(prefix: "ba"), qualityAgg = Aggregates(prefix: "a")
        // Every per-scope leaf reads one joined row, so the scope aggregates are computed once.
        let scopeLeaves = self.scopeLeaves(leaves, &scopeAgg, &bridgeAgg)
        var from = "scope_agg b JOIN cal c ON c.d = b.snap LEFT JOIN qv q ON q.snap = b.snap AND q.sc = b.sc\n"
            + "  LEFT JOIN bridge_agg g ON g.snap = b.snap AND g.sc = b.sc"
        if options.targets != nil {
            from += "\n  LEFT JOIN tgt t ON t.quarter = c.qlabel AND t.sc = b.sc"
        }
        let blocks = [
            LeafBlock(from: from, leaves: scopeLeaves),
            LeafBlock(from: "source_agg b", leaves: leaves.sourceLeaves(&sourceAgg)),
            LeafBlock(from: "(SELECT g.*, 'company' AS sc FROM dq_agg g) b", leaves: leaves.dataQualityLeaves(&qualityAgg)),
        ]
        let quantiles = leaves.quantileInputs
        let widest = max(blocks.map(\.leaves.count).max() ?? 1, quantiles.count)

        var ctes = indexCTEs(count: widest) + recordCTEs(leaves)
        ctes += [
            ("dq_agg", "SELECT snap, \(qualityAgg.selectList)\nFROM checked GROUP BY snap"),
            ("scope_agg", "SELECT snap, sc, \(scopeAgg.selectList)\nFROM scoped GROUP BY snap, sc"),
            ("source_agg", "SELECT snap, sc, src, \(sourceAgg.selectList)\nFROM scoped GROUP BY snap, sc, src"),
        ]
        ctes += quantileCTEs(quantiles)
        ctes += bridgeCTEs()
        ctes.append(("bridge_agg", "SELECT snap, sc, \(bridgeAgg.selectList)\nFROM bscoped GROUP BY snap, sc"))
        if let targets = options.targets { ctes.append(("tgt", targetsSelect(targets))) }
        ctes.append(("leaves", blocks.map { $0.select(dialect) }.joined(separator: "\nUNION ALL\n")))

        let body = ctes.map { name, sql in "\(name) AS (\n" + sql.indented + "\n)" }.joined(separator: ",\n")
        let output = [("snap", "snapshot_date"), ("sc", "scope"), ("lp", "path"), ("lv", "value")]
            .map { "\($0) AS \(dialect.quote($1))" }.joined(separator: ", ")
        return "-- waterfall sql --dialect \(dialect.rawValue): every metrics.json leaf of every scope and snapshot (SPEC §11)\n"
            + "WITH\n\(body)\nSELECT \(output)\nFROM leaves\nWHERE lp IS NOT NULL\nORDER BY snap, sc, lp\n"
    }
}

// MARK: - Pieces of the statement

extension WarehouseSQL {
    /// A column of the input table.
    func column(_ name: String) -> String { "t." + dialect.quote(name) }

    /// `targets` with a scope key and the target in cents.
    func targetsSelect(_ table: String) -> String {
        let dimension = dialect.quote("dimension"), value = dialect.quote("value")
        return """
            SELECT CAST(\(dialect.quote("quarter")) AS \(dialect.text)) AS quarter,
              CASE WHEN \(dimension) IS NULL OR \(dimension) = '' THEN 'company'
                ELSE CONCAT(\(dimension), '=', COALESCE(NULLIF(\(value), ''), 'Unassigned')) END AS sc,
              CAST(ROUND(\(dialect.quote("bookings")) * 100) AS \(dialect.integer)) AS tcents
            FROM \(table)
            """
    }

    /// Velocity and SLA medians and 90th percentiles by rank (SPEC §5, linear interpolation
    /// between closest ranks), the same way on every engine: `qv` has `qJ_n`, `qJ_med`, `qJ_p90`.
    func quantileCTEs(_ inputs: [MetricLeaves.QuantileInput]) -> [(String, String)] {
        let double = dialect.double
        // One pass over `scoped` for every figure (not one UNION ALL branch each), crossed with `ix`.
        let days = inputs.enumerated().map { "WHEN \($0) THEN \($1.days)" }.joined(separator: " ")
        let holds = inputs.enumerated().map { "WHEN \($0) THEN (\($1.condition))" }.joined(separator: "\n    ")
        let union = "SELECT s.snap, s.sc, ix.k AS qk, CASE ix.k \(days) END AS qd\nFROM scoped s CROSS JOIN ix\n"
            + "WHERE ix.k < \(inputs.count) AND CASE ix.k\n    \(holds)\n  END"
        func position(_ index: Int, _ q: String) -> String { "CAST(q\(index)_n - 1 AS \(double)) * CAST(\(q) AS \(double))" }
        let picks = inputs.indices.flatMap { index in
            [("m", "0.5"), ("p", "0.9")].flatMap { name, q in
                let floor = "FLOOR(CAST(qn - 1 AS \(double)) * CAST(\(q) AS \(double)))"
                return ["MAX(CASE WHEN qk = \(index) AND qi = \(floor) THEN qd END) AS q\(index)_\(name)lo",
                        "MAX(CASE WHEN qk = \(index) AND qi = \(floor) + 1 THEN qd END) AS q\(index)_\(name)hi"]
            } + ["MAX(CASE WHEN qk = \(index) THEN qn END) AS q\(index)_n"]
        }
        let values = inputs.indices.flatMap { index in
            [("med", "m", "0.5"), ("p90", "p", "0.9")].map { name, short, q in
                let low = "CAST(q\(index)_\(short)lo AS \(double))"
                let high = "CAST(COALESCE(q\(index)_\(short)hi, q\(index)_\(short)lo) AS \(double))"
                let h = position(index, q)
                return "\(low) + (\(h) - FLOOR(\(h))) * (\(high) - \(low)) AS q\(index)_\(name)"
            } + ["q\(index)_n"]
        }
        return [
            ("qin", union),
            ("qrank", "SELECT snap, sc, qk, qd,\n  ROW_NUMBER() OVER (PARTITION BY snap, sc, qk ORDER BY qd) - 1 AS qi,\n"
                + "  COUNT(*) OVER (PARTITION BY snap, sc, qk) AS qn\nFROM qin"),
            ("qwide", "SELECT snap, sc,\n  " + picks.joined(separator: ",\n  ") + "\nFROM qrank GROUP BY snap, sc"),
            ("qv", "SELECT snap, sc,\n  " + values.joined(separator: ",\n  ") + "\nFROM qwide"),
        ]
    }

    /// `ix`: the integers 0 up to at least `count` − 1, for unpivoting.
    func indexCTEs(count: Int) -> [(String, String)] {
        let digits = String(max(count - 1, 1)).count
        let tables = (0..<digits).map { "dg d\($0)" }.joined(separator: " CROSS JOIN ")
        let value = (0..<digits).map { "d\($0).k * \(Int(pow10(digits - 1 - $0)))" }.joined(separator: " + ")
        return [("dg", (0...9).map { "SELECT \($0) AS k" }.joined(separator: " UNION ALL ")),
                ("ix", "SELECT \(value) AS k FROM \(tables)")]
    }

    private func pow10(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { value, _ in value * 10 } }
}

extension String {
    var indented: String { split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") }
}
