import Foundation

/// Reads the optional bookings plan `targets.csv`: `quarter,dimension,value,bookings` (SPEC §6.10).
enum TargetsLoader {
    /// The plan in `content/targets.csv`, or no targets when the file does not exist.
    static func load(from content: ContentFolder, config: SiteConfig) throws -> Targets {
        let path = (content.root as NSString).appendingPathComponent("targets.csv")
        guard FileManager.default.fileExists(atPath: path) else { return .none }
        return try parse(FileByteSource(path: path), display: content.display("targets.csv"), config: config)
    }

    static func parse<Source: ByteSource>(_ source: Source, display: String, config: SiteConfig) throws -> Targets {
        var reader = CSVReader(source: source)
        var columns: [String: Int]?
        var targets = Targets()
        var seenOn: [Targets.Key: Int] = [:]
        try reader.forEachRow { row in
            guard row.isValidUTF8 else { throw ContentError.notUTF8(path: display, line: row.line) }
            guard let columns else {
                var found: [String: Int] = [:]
                for index in 0..<row.fieldCount { found[row.string(at: index).lowercased()] = index }
                let missing = ["quarter", "dimension", "value", "bookings"].filter { found[$0] == nil }
                guard missing.isEmpty else {
                    throw ContentError.badTarget(path: display, line: row.line, problem:
                        "missing column\(missing.count == 1 ? "" : "s") " + missing.joined(separator: ", ")
                        + ". The header must be: quarter,dimension,value,bookings")
                }
                columns = found
                return
            }
            func field(_ name: String) -> String { row.string(at: columns[name]!) }
            let quarter = field("quarter"), dimension = field("dimension"), value = field("value")
            guard isQuarterLabel(quarter) else {
                throw ContentError.badTarget(path: display, line: row.line,
                                             problem: "quarter \"\(quarter)\" is not a fiscal quarter label (write it like FY2027-Q4)")
            }
            let scope: Scope
            if dimension.isEmpty, !value.isEmpty {
                // Found 11: this silently became the company's target.
                throw DiagnosticError(Diagnostic(
                    code: .e10, location: DiagnosticLocation(file: display, line: row.line),
                    message: "value \"\(value)\" has no dimension, so it is neither a company target nor a segment's",
                    fix: "Write the dimension (one of: \(config.dimensions.joined(separator: ", "))) before it, "
                        + "or leave both empty for the company target"))
            } else if dimension.isEmpty {
                scope = .company
            } else {
                guard config.dimensions.contains(dimension) else {
                    throw ContentError.badTarget(path: display, line: row.line, problem:
                        "dimension \"\(dimension)\" is not in site.yml (use one of: \(config.dimensions.joined(separator: ", ")), or leave it empty for the company)")
                }
                scope = Scope(dimension: dimension, value: value.isEmpty ? unassigned : value)
            }
            guard case let .amount(bookings) = AmountParser.parse(field("bookings")) else {
                throw ContentError.badTarget(path: display, line: row.line,
                                             problem: "bookings \"\(field("bookings"))\" is not an amount of 0 or more (write it like 1250000)")
            }
            let key = Targets.Key(quarter: quarter, scope: scope)
            if let first = seenOn[key] {
                throw ContentError.badTarget(path: display, line: row.line,
                                             problem: "a second target for \(quarter) \(scope.key) (the first is on line \(first)); keep one")
            }
            seenOn[key] = row.line
            targets.bookings[key] = bookings
            targets.lines[key] = row.line
        }
        return targets
    }

    static func isQuarterLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 9, text.hasPrefix("FY"), bytes[6] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "Q"),
              (UInt8(ascii: "1")...UInt8(ascii: "4")).contains(bytes[8]) else { return false }
        return bytes[2..<6].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
