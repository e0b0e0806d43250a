/// The few places where the warehouse engines spell the same thing differently: types, date
/// arithmetic, integer division, identifier quoting and number-to-text. Everything else in the
/// statement is SQL all five accept.
public enum SQLDialect: String, CaseIterable, Sendable {
    case duckdb, spark, postgres, bigquery, snowflake

    /// The text type of `CAST(x AS …)`.
    var text: String {
        switch self {
        case .duckdb, .snowflake: return "VARCHAR"
        case .postgres: return "TEXT"
        case .spark, .bigquery: return "STRING"
        }
    }

    var double: String {
        switch self {
        case .postgres: return "DOUBLE PRECISION"
        case .bigquery: return "FLOAT64"
        default: return "DOUBLE"
        }
    }

    var integer: String { self == .bigquery ? "INT64" : "BIGINT" }

    /// A column or table name. Snowflake folds unquoted names to upper case, so plain lower-case
    /// names stay unquoted there (they then match however the table was created).
    func quote(_ name: String) -> String {
        switch self {
        case .spark, .bigquery:
            return "`" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "`", with: "\\`") + "`"
        case .snowflake where name.isPlainIdentifier:
            return name
        default:
            return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// A string literal.
    func literal(_ value: String) -> String {
        switch self {
        case .spark, .bigquery:
            return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        default:
            return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }

    /// `date` plus `days` days (a negative number goes back).
    func addDays(_ date: String, _ days: String) -> String {
        switch self {
        case .duckdb, .postgres: return "(\(date) + \(days))"
        case .spark: return "DATE_ADD(\(date), \(days))"
        case .bigquery: return "DATE_ADD(\(date), INTERVAL \(days) DAY)"
        case .snowflake: return "DATEADD(day, \(days), \(date))"
        }
    }

    /// Whole days from `start` to `end` (`end − start`).
    func daysBetween(_ start: String, _ end: String) -> String {
        switch self {
        case .duckdb: return "DATE_DIFF('day', \(start), \(end))"
        case .postgres: return "(\(end) - \(start))"
        case .spark: return "DATEDIFF(\(end), \(start))"
        case .bigquery: return "DATE_DIFF(\(end), \(start), DAY)"
        case .snowflake: return "DATEDIFF(day, \(start), \(end))"
        }
    }

    func makeDate(year: String, month: String, day: String) -> String {
        switch self {
        case .duckdb, .postgres, .spark: return "MAKE_DATE(\(year), \(month), \(day))"
        case .bigquery: return "DATE(\(year), \(month), \(day))"
        case .snowflake: return "DATE_FROM_PARTS(\(year), \(month), \(day))"
        }
    }

    /// The calendar year or month of a date, as an integer.
    func datePart(_ part: String, of date: String) -> String {
        "CAST(EXTRACT(\(part) FROM \(date)) AS \(self == .bigquery ? "INT64" : "INTEGER"))"
    }

    /// ⌊a / b⌋ of non-negative integers, exactly (no floating point).
    func integerDivision(_ a: String, _ b: String) -> String {
        switch self {
        case .duckdb: return "((\(a)) // (\(b)))"
        case .postgres, .bigquery: return "DIV(\(a), \(b))"
        case .spark: return "((\(a)) DIV (\(b)))"
        case .snowflake: return "CAST(((\(a)) - MOD(\(a), \(b))) / (\(b)) AS BIGINT)"
        }
    }

    func remainder(_ a: String, _ b: String) -> String {
        switch self {
        case .bigquery, .snowflake: return "MOD(\(a), \(b))"
        default: return "((\(a)) % (\(b)))"
        }
    }

    /// A double as text that reads back as the same double.
    func doubleText(_ value: String) -> String {
        switch self {
        case .bigquery: return "FORMAT('%.17g', \(value))"
        case .snowflake: return "TO_VARCHAR(\(value), 'TME')"
        default: return "CAST(\(value) AS \(text))"
        }
    }
}

extension SQLDialect {
    /// An integer as text.
    func integerText(_ value: String) -> String { "CAST(\(value) AS \(text))" }

    /// Integer cents as currency units with two decimals (`1234.50`), built from integers so no
    /// engine's decimal rounding can touch it.
    func moneyText(_ cents: String) -> String {
        let magnitude = "ABS(\(cents))"
        return "CASE WHEN \(cents) IS NULL THEN NULL ELSE CONCAT(CASE WHEN \(cents) < 0 THEN '-' ELSE '' END, "
            + "\(integerText(integerDivision(magnitude, "100"))), '.', "
            + "LPAD(\(integerText(remainder(magnitude, "100"))), 2, '0')) END"
    }

    /// numerator / denominator as a double, NULL when the denominator is 0.
    func ratio(_ numerator: String, _ denominator: String) -> String {
        "CASE WHEN \(denominator) = 0 THEN NULL ELSE CAST(\(numerator) AS \(double)) / CAST(\(denominator) AS \(double)) END"
    }

    /// ⌈a / b⌉ of a non-negative integer a and a positive b, exactly.
    func ceilingDivision(_ a: String, _ b: String) -> String { integerDivision("(\(a)) + (\(b)) - 1", b) }

    /// a / b rounded half away from zero, for non-negative a and positive b (`plan.avg_deal`).
    func roundedDivision(_ a: String, _ b: String) -> String {
        "(\(integerDivision(a, b)) + CASE WHEN 2 * \(remainder(a, b)) >= (\(b)) THEN 1 ELSE 0 END)"
    }

    /// The earliest of dates that may be NULL (NULL when all are): BigQuery and Snowflake's
    /// `LEAST` is NULL as soon as one argument is, so NULLs are read as the last day first.
    func earliest(_ dates: [String]) -> String {
        guard dates.count > 1 else { return dates.first ?? "CAST(NULL AS DATE)" }
        let far = "DATE '9999-12-31'"
        return "NULLIF(LEAST(" + dates.map { "COALESCE(\($0), \(far))" }.joined(separator: ", ") + "), \(far))"
    }

    /// The latest of dates that may be NULL, reading NULL as the first day.
    func latest(_ dates: [String]) -> String {
        guard dates.count > 1 else { return dates.first ?? "CAST(NULL AS DATE)" }
        return "GREATEST(" + dates.map { "COALESCE(\($0), DATE '0001-01-01')" }.joined(separator: ", ") + ")"
    }
}

extension String {
    /// Lower-case letters, digits and `_`, not starting with a digit: safe unquoted everywhere.
    var isPlainIdentifier: Bool {
        guard let first = utf8.first, !(48...57).contains(first) else { return false }
        return !isEmpty && utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }

    /// This text as one reference token of an RFC 6901 JSON Pointer (`~` → `~0`, `/` → `~1`).
    var jsonPointerToken: String {
        replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
