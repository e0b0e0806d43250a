extension LongFormat {
    /// A problem with warehouse results: the file, the line and column when there is one, what is
    /// wrong, and the fix.
    enum Error: Swift.Error, CustomStringConvertible, Equatable {
        case invalid(file: String, line: Int?, column: String?, problem: String, fix: String)
        /// Several problems, in line order (at most `shownProblems` are printed).
        case several([Error], total: Int)

        var description: String {
            switch self {
            case let .invalid(file, line, column, problem, fix):
                let place = file + (line.map { ":\($0)" } ?? "") + (column.map { ", column \($0)" } ?? "")
                return "\(place): \(problem). \(fix)"
            case let .several(errors, total):
                let more = total > errors.count ? "\n… and \(total - errors.count) more like these" : ""
                return "\(total) problems in the warehouse results:\n" + errors.map { "  " + $0.description }.joined(separator: "\n") + more
            }
        }
    }

    /// How many problems an error lists before counting the rest.
    static let shownProblems = 20

    /// Reads the rows of a results CSV (RFC 4180, header required, columns in any order).
    static func readRows<Source: ByteSource>(_ source: Source, file: String) throws -> [LeafRow] {
        var reader = CSVReader(source: source)
        var positions: [Int]?
        var rows: [LeafRow] = []
        let dates = DateParser(format: .iso)
        func invalid(_ line: Int?, _ column: String?, _ problem: String, _ fix: String) -> Error {
            .invalid(file: file, line: line, column: column, problem: problem, fix: fix)
        }
        try reader.forEachRow { row in
            guard row.isValidUTF8 else {
                throw invalid(row.line, nil, "the line is not UTF-8 text", "Export the results as UTF-8 CSV")
            }
            guard let positions else {
                let names = (0..<row.fieldCount).map { row.string(at: $0) }
                if let extra = names.first(where: { !columns.contains($0) }) {
                    throw invalid(row.line, extra.isEmpty ? nil : extra, "the header names a column \"\(extra)\" that is not one of "
                        + columns.joined(separator: ", "), "Export exactly the columns of `waterfall sql`: " + columns.joined(separator: ","))
                }
                let missing = columns.filter { !names.contains($0) }
                guard missing.isEmpty else {
                    throw invalid(row.line, nil, "the header has no column " + missing.joined(separator: ", ")
                        + " (read: \(names.joined(separator: ",")))",
                        "The first line must be the header `\(columns.joined(separator: ","))`; export with a header "
                        + "(DuckDB `HEADER`, Postgres `CSV HEADER`, Snowflake `HEADER = TRUE`)")
                }
                positions = columns.map { names.firstIndex(of: $0)! }
                return
            }
            guard row.fieldCount == columns.count else {
                throw invalid(row.line, nil, "\(row.fieldCount) fields where the header has \(columns.count)",
                              "Quote values holding a comma (RFC 4180), or check that the export did not split a line")
            }
            let text = positions.map { row.string(at: $0) }
            guard let day = dates.parse(text[0]) else {
                throw invalid(row.line, "snapshot_date", "\"\(text[0])\" is not a date", "Write dates as YYYY-MM-DD")
            }
            rows.append(LeafRow(snapshot: day, scope: text[1], path: text[2], value: text[3].isEmpty ? nil : text[3], line: row.line))
        }
        guard positions != nil else {
            throw invalid(nil, nil, "the file is empty", "Export the result of `waterfall sql` with its header line")
        }
        return rows
    }
}

// MARK: - Values

extension MetricLeaf.Kind {
    /// The value of a leaf of this kind read from its text; nil text is null.
    func parse(_ text: String?, nullable: Bool) -> Result<LeafNumber, LeafValueProblem> {
        guard let text else { return nullable ? .success(.null) : .failure(.init(problem: "is empty (null), but this leaf is never null")) }
        switch self {
        case .count:
            guard let cents = Self.cents(text), cents % 100 == 0 else {
                return .failure(.init(problem: "\"\(text)\" is not a whole number"))
            }
            return .success(.count(cents / 100))
        case .money:
            guard let cents = Self.cents(text) else {
                return .failure(.init(problem: "\"\(text)\" is not an amount exact to the cent (plain decimal, at most two non-zero decimals)"))
            }
            return .success(.money(Money(cents: cents)))
        case .real:
            guard let value = Double(text), value.isFinite else { return .failure(.init(problem: "\"\(text)\" is not a number")) }
            return .success(.real(value))
        case .flag:
            switch text.lowercased() {
            case "1", "true": return .success(.flag(true))
            case "0", "false": return .success(.flag(false))
            default: return .failure(.init(problem: "\"\(text)\" is not 1 or 0"))
            }
        }
    }

    /// A plain decimal (optional minus, digits, optional fraction) in hundredths; nil when it is
    /// not one, holds a non-zero digit past the second decimal, or does not fit 64-bit cents.
    static func cents(_ text: String) -> Int64? {
        var digits = Substring(text)
        let negative = digits.hasPrefix("-")
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy(\.isASCIIDigit) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty,
              fraction.dropFirst(2).allSatisfy({ $0 == "0" }) else { return nil }
        let hundredths = String((fraction + "00").prefix(2))
        guard let units = Int64(whole), let part = Int64(hundredths) else { return nil }
        let (scaled, overflow) = units.multipliedReportingOverflow(by: 100)
        guard !overflow, scaled <= Int64.max - part else { return nil }
        return negative ? -(scaled + part) : scaled + part
    }
}

/// Why a leaf's text is not a value of its kind.
struct LeafValueProblem: Swift.Error {
    var problem: String
}
