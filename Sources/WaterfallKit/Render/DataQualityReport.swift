/// The data-quality views of one snapshot's diagnostics: the page and `metrics.json` show at most
/// `examplesPerCode` per code, `data-quality/diagnostics.csv` lists every one (SPEC §8).
enum DataQualityReport {
    /// Enough to see the pattern of a problem; a 300k-row export with 30k bad dates stays a small page.
    static let examplesPerCode = 100

    /// Where a week's full list is, relative to the site root: `weeks/2026-11-20/data-quality/diagnostics.csv`.
    static func csvPath(_ snapshot: Day) -> String { "weeks/\(snapshot.iso)/data-quality/diagnostics.csv" }

    /// The first `examplesPerCode` diagnostics of each code, in their original order.
    static func examples(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: [DiagnosticCode: Int] = [:]
        return diagnostics.filter { diagnostic in
            seen[diagnostic.code, default: 0] += 1
            return seen[diagnostic.code]! <= examplesPerCode
        }
    }

    /// Every diagnostic as RFC 4180 CSV: `file,line,code,severity,record_id,setting,message,fix`.
    static func csv(_ diagnostics: [Diagnostic]) -> String {
        var text = "file,line,code,severity,record_id,setting,message,fix\r\n"
        text.reserveCapacity(diagnostics.count * 120)
        for diagnostic in diagnostics {
            let fields = [diagnostic.location.file ?? "", diagnostic.location.line.map { String($0) } ?? "",
                          diagnostic.code.rawValue, diagnostic.severity.rawValue, diagnostic.recordID ?? "",
                          diagnostic.location.setting ?? "", diagnostic.message, diagnostic.fix ?? ""]
            text += fields.map(csvField).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// Quoted when it holds `,` `"` or a line break; a leading `=` `+` `@` `-` (not a number) gets a `'`
    /// so a spreadsheet does not run it as a formula; NUL and bidi controls neutralised as on pages.
    static func csvField(_ raw: String) -> String {
        var value = raw.withoutControlCharacters
        if let first = value.unicodeScalars.first, "=+@\t\r".unicodeScalars.contains(first)
            || (first == "-" && !(value.unicodeScalars.dropFirst().first.map { ("0"..."9").contains($0) } ?? false)) {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 })
        else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
