/// How bad a diagnostic is: an error excludes a row (row checks) or stops the build (every other
/// check); a warning keeps the row and the build going.
public enum DiagnosticSeverity: String, Sendable {
    case error, warning
}

/// Every check Waterfall makes, by stable code. E1–E6 and W1–W3 are the row checks of SPEC §1.3,
/// E12 a row check of Waterfall's own; the others are the file, setting and build checks of SPEC §1.4. Codes never change meaning
/// and are never reused; each has a kebab-case `name` as well (README: "Diagnostic codes").
enum DiagnosticCode: String, CaseIterable, Sendable, Comparable {
    // Row checks (SPEC §1.3), counted once per row.
    case e1 = "E1", e2 = "E2", e3 = "E3", e4 = "E4", e5 = "E5", e6 = "E6"
    case w1 = "W1", w2 = "W2", w3 = "W3"
    // File, setting and build checks (SPEC §1.4).
    case e7 = "E7", e8 = "E8", e9 = "E9", e10 = "E10", e11 = "E11"
    // A row check beyond SPEC §1.3 (a value too long to be an id, source or dimension value).
    case e12 = "E12"
    case w4 = "W4", w5 = "W5", w6 = "W6", w7 = "W7", w8 = "W8", w9 = "W9", w10 = "W10", w11 = "W11", w12 = "W12", w13 = "W13", w14 = "W14", w15 = "W15", w16 = "W16", w17 = "W17"

    var severity: DiagnosticSeverity { rawValue.hasPrefix("E") ? .error : .warning }
    var isError: Bool { severity == .error }
    /// A check of one row (SPEC §1.3, and E12): counted per row in `data_quality.errors` / `warnings`.
    var isRowCheck: Bool { self <= .w3 || self == .e12 }
    /// SPEC §1.3's row checks, listed even where none occurred (a zero is news too); E12 is listed
    /// only where it occurred, so files without such values keep their bytes.
    var isListedWhenZero: Bool { self <= .w3 }

    /// The row error codes E1–E6, in order.
    static var rowErrors: [DiagnosticCode] { allCases.filter { $0.isListedWhenZero && $0.isError } }
    /// The row warning codes W1–W3, in order.
    static var rowWarnings: [DiagnosticCode] { allCases.filter { $0.isListedWhenZero && !$0.isError } }

    /// A stable identifier that reads as words, e.g. `amount-empty-on-open`.
    var name: String {
        switch self {
        case .e1: return "empty-id"
        case .e2: return "duplicate-id"
        case .e3: return "bad-date"
        case .e4: return "bad-amount"
        case .e5: return "field-count"
        case .e6: return "no-stage-date"
        case .w1: return "dates-out-of-order"
        case .w2: return "future-date"
        case .w3: return "won-and-lost"
        case .e7: return "snapshot-mostly-excluded"
        case .e8: return "unknown-column-key"
        case .e9: return "unreadable-layout"
        case .e10: return "bad-targets-row"
        case .e11: return "bad-yaml"
        case .e12: return "value-too-long"
        case .w4: return "stage-without-column"
        case .w5: return "amount-empty-on-open"
        case .w6: return "no-source-column"
        case .w7: return "header-near-miss"
        case .w8: return "snapshot-in-future"
        case .w9: return "target-not-shown"
        case .w10: return "commentary-not-shown"
        case .w11: return "status-value-unused"
        case .w12: return "status-value-unmapped"
        case .w13: return "commentary-link-broken"
        case .w14: return "no-base-url"
        case .w15: return "output-debris-kept"
        case .w16: return "restatement"
        case .w17: return "archive-incomplete"
        }
    }

    /// What the check means, in plain words (for the data-quality page and summaries).
    var summary: String {
        switch self {
        case .e1: return "empty id"
        case .e2: return "duplicate id (an earlier row with the same id was accepted)"
        case .e3: return "a date that does not parse"
        case .e4: return "an amount that is not a decimal, or is negative"
        case .e5: return "a different number of fields than the header"
        case .e6: return "no stage date"
        case .w1: return "stage dates out of order"
        case .w2: return "a date after the snapshot date (treated as empty)"
        case .w3: return "both won and lost (counted as won)"
        case .e7: return "no row accepted, or more than half the rows excluded for one code"
        case .e8: return "a `columns:` key that is not a field Waterfall reads"
        case .e9: return "a file that is not comma-separated CSV with LF or CRLF line ends"
        case .e10: return "a targets.csv row that cannot be read"
        case .e11: return "a YAML file that Waterfall refuses (aliases, duplicate keys)"
        case .e12: return "an id, source or dimension value longer than 1,000 bytes (a mis-mapped column)"
        case .w4: return "a stage with no date column (it gets no dates)"
        case .w5: return "no amount on any open record (pipeline figures not available)"
        case .w6: return "no source column (marketing-sourced figures not available)"
        case .w7: return "a header that matches a wanted column only when case or spaces are ignored"
        case .w8: return "a snapshot dated after the latest possible date"
        case .w9: return "a target that no page shows"
        case .w10: return "a commentary file that no page shows"
        case .w11: return "a status value in site.yml that no row carries"
        case .w12: return "a status value that is in none of the status lists"
        case .w13: return "a commentary link that leads to no file of the site"
        case .w14: return "no base_url: the e-mail digests cannot link to the site"
        case .w15: return "a folder beside the output that the build could not or would not remove"
        case .w16: return "the inputs behind an archived quarter changed (a restatement; the archive is left as it is)"
        case .w17: return "an archived quarter's folder that is not a complete BagIt bag"
        }
    }

    static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a problem is: a file relative to the content folder, a line, a `site.yml` setting.
struct DiagnosticLocation: Codable, Hashable, Sendable {
    /// Relative to the content folder (`snapshots/2026-11-20.csv`), so output bytes never
    /// depend on where the folder lives; nil for the build as a whole.
    var file: String?
    /// 1-based physical line (for a CSV row: the line on which the record starts).
    var line: Int?
    /// A `site.yml` key path, e.g. `columns.ammount` or `status.won`.
    var setting: String?

    init(file: String? = nil, line: Int? = nil, setting: String? = nil) {
        self.file = file
        self.line = line
        self.setting = setting
    }
}

/// One problem found in the content: a row check, a file or setting problem, or a build warning
/// (modelled on swift-docc's `Diagnostic`: severity, location, summary and solution).
struct Diagnostic: Codable, Hashable, Sendable {
    var code: DiagnosticCode
    var location: DiagnosticLocation
    /// The id of the record the row problem is about, when the row has one.
    var recordID: String?
    /// What is wrong, naming the bad value.
    var message: String
    /// What to change, in the user's terms (a setting to write, a command to run); nil for row checks,
    /// whose message says it.
    var fix: String?

    init(code: DiagnosticCode, location: DiagnosticLocation, recordID: String? = nil, message: String, fix: String? = nil) {
        self.code = code
        self.location = location
        self.recordID = recordID
        self.message = message
        self.fix = fix
    }

    /// A row check on `line` of `file`.
    init(file: String, line: Int, code: DiagnosticCode, recordID: String? = nil, message: String) {
        self.init(code: code, location: DiagnosticLocation(file: file, line: line), recordID: recordID, message: message)
    }

    var severity: DiagnosticSeverity { code.severity }
    /// The file relative to the content folder, or "" for the build as a whole.
    var file: String { location.file ?? "" }
    /// The line, or 0 when the problem is not on one line.
    var line: Int { location.line ?? 0 }

    /// `snapshots/2026-11-20.csv:42: E3 mql_date "2026-13-45" is not a date (expected YYYY-MM-DD)`,
    /// with the file under `contentRoot` as the user typed it (for stderr only, never for output files).
    func formatted(contentRoot: String? = nil) -> String {
        var place = ""
        if let file = location.file {
            place = contentRoot.map { displayPath($0, file) } ?? file
            if let line = location.line { place += ":\(line)" }
            place += ": "
        }
        if let setting = location.setting { place += "\(setting): " }
        return place + code.rawValue + " " + message + (fix.map { ". " + $0 } ?? "")
    }
}

extension Diagnostic: CustomStringConvertible {
    var description: String { formatted() }
}

extension Sequence where Element == Diagnostic {
    /// How many diagnostics carry each code, in code order, codes with none left out.
    func countsByCode() -> [(code: DiagnosticCode, count: Int)] {
        var counts: [DiagnosticCode: Int] = [:]
        for diagnostic in self { counts[diagnostic.code, default: 0] += 1 }
        return DiagnosticCode.allCases.compactMap { code in counts[code].map { (code, $0) } }
    }
}

/// A coded problem that stops the build where it is found (a file or setting nothing can be built
/// from). Thrown, so its location names the file as the user typed it: it only reaches stderr.
struct DiagnosticError: Swift.Error, Equatable, CustomStringConvertible, Sendable {
    var diagnostic: Diagnostic

    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    var description: String { diagnostic.formatted() }
}
