/// The row checks of SPEC §1.3: errors exclude a row, warnings keep it.
public enum DiagnosticCode: String, CaseIterable, Sendable, Comparable {
    case e1 = "E1", e2 = "E2", e3 = "E3", e4 = "E4", e5 = "E5", e6 = "E6"
    case w1 = "W1", w2 = "W2", w3 = "W3"

    public var isError: Bool { rawValue.hasPrefix("E") }
    public static var errors: [DiagnosticCode] { allCases.filter(\.isError) }
    public static var warnings: [DiagnosticCode] { allCases.filter { !$0.isError } }

    /// What the check means, in plain words (for the data-quality page and summaries).
    public var summary: String {
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
        }
    }

    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One row problem, with the file and the physical line on which the record starts.
public struct Diagnostic: Hashable, Sendable {
    /// Path relative to the content folder, e.g. `snapshots/2026-11-20.csv`.
    public var file: String
    public var line: Int
    public var code: DiagnosticCode
    public var message: String

    public init(file: String, line: Int, code: DiagnosticCode, message: String) {
        self.file = file
        self.line = line
        self.code = code
        self.message = message
    }
}

extension Diagnostic: CustomStringConvertible {
    /// `snapshots/2026-11-20.csv:42: E3 mql_date "2026-13-45" is not a date (expected YYYY-MM-DD)`.
    public var description: String { "\(file):\(line): \(code.rawValue) \(message)" }
}
