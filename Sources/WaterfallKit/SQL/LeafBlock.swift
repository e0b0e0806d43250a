/// One row of the long format (SPEC §11): a path below the scope and how its value is written.
struct Leaf {
    /// Reference tokens of the JSON Pointer, each a fixed key or a column escaped at run time.
    var path: [PathToken]
    var value: LeafValue
    /// When set, the leaf exists only for rows where this holds (its path is NULL elsewhere and the
    /// row is dropped): bridge leaves only with a previous snapshot, plan leaves only with a target.
    var when: String? = nil
}

enum PathToken {
    case key(String)
    /// A column whose value is the token (a source value), escaped by the statement.
    case column(String)
}

/// What a leaf's value expression yields, and so how it becomes text.
enum LeafValue {
    case count(String)
    case cents(String)
    case double(String)
    case null
}

/// Aggregate columns of one grouped query, registered by the leaves that need them: the same
/// condition asked twice is one column.
struct Aggregates {
    let prefix: String
    private(set) var columns: [(name: String, sql: String)] = []
    private var names: [String: String] = [:]

    init(prefix: String) { self.prefix = prefix }

    /// The column counting the rows where `condition` holds.
    mutating func count(_ condition: String) -> String {
        column("SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END)")
    }

    /// The column summing `amount` over the rows where `condition` holds.
    mutating func sum(_ amount: String, when condition: String) -> String {
        column("SUM(CASE WHEN \(condition) THEN \(amount) ELSE 0 END)")
    }

    /// The column holding any aggregate expression.
    mutating func column(_ sql: String) -> String {
        if let name = names[sql] { return name }
        let name = prefix + String(columns.count)
        names[sql] = name
        columns.append((name, sql))
        return name
    }

    /// `SUM(…) AS a0, …` for the select list.
    var selectList: String {
        columns.map { "\($0.sql) AS \($0.name)" }.joined(separator: ",\n    ")
    }
}

/// Leaves read from one relation with `snap` and `sc` columns: unpivoted to
/// (snap, sc, lp, lv) rows by a cross join with the index table `ix` and a CASE on its `k`.
struct LeafBlock {
    var from: String
    var leaves: [Leaf]

    func select(_ dialect: SQLDialect) -> String {
        guard !leaves.isEmpty else { return "" }
        if leaves.count == 1 {
            return "SELECT b.snap, b.sc, \(path(leaves[0], dialect)) AS lp, \(text(leaves[0], dialect)) AS lv\nFROM \(from)"
        }
        let paths = leaves.enumerated().map { "WHEN \($0) THEN \(path($1, dialect))" }.joined(separator: "\n        ")
        let values = leaves.enumerated().map { "WHEN \($0) THEN \(text($1, dialect))" }.joined(separator: "\n        ")
        return """
            SELECT b.snap, b.sc,
              CASE ix.k
                \(paths)
              END AS lp,
              CASE ix.k
                \(values)
              END AS lv
            FROM \(from) CROSS JOIN ix
            WHERE ix.k < \(leaves.count)
            """
    }

    private func path(_ leaf: Leaf, _ dialect: SQLDialect) -> String {
        guard let condition = leaf.when else { return fixedPath(leaf, dialect) }
        return "CASE WHEN \(condition) THEN \(fixedPath(leaf, dialect)) END"
    }

    private func fixedPath(_ leaf: Leaf, _ dialect: SQLDialect) -> String {
        var parts: [String] = []
        var pending = ""
        for token in leaf.path {
            switch token {
            case let .key(key): pending += "/" + key.jsonPointerToken
            case let .column(column):
                parts.append(dialect.literal(pending + "/"))
                parts.append("REPLACE(REPLACE(\(column), '~', '~0'), '/', '~1')")
                pending = ""
            }
        }
        if !pending.isEmpty || parts.isEmpty { parts.append(dialect.literal(pending)) }
        return parts.count == 1 ? parts[0] : "CONCAT(" + parts.joined(separator: ", ") + ")"
    }

    private func text(_ leaf: Leaf, _ dialect: SQLDialect) -> String {
        switch leaf.value {
        case let .count(sql): return dialect.integerText(sql)
        case let .cents(sql): return dialect.moneyText(sql)
        case let .double(sql): return dialect.doubleText(sql)
        case .null: return "CAST(NULL AS \(dialect.text))"
        }
    }
}
