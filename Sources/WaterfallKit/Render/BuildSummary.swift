/// The text a build or check prints on stderr: the diagnostics and a closing summary. `check` and
/// `build` print the same, from the same report.
public enum BuildSummary {
    /// How many row problems are shown line by line before the rest are only counted.
    static let exampleLimit = 10

    /// One line for stderr; the command line prefixes `error:` / `warning:` by severity.
    public struct Line: Sendable, Equatable {
        public var severity: DiagnosticSeverity?
        public var text: String
    }

    /// Every file, setting and build diagnostic, then the first row errors, with the path as the user
    /// typed it. `quiet`: errors only.
    public static func problems(_ report: BuildReport, contentRoot: String, quiet: Bool = false) -> [Line] {
        let diagnostics = report.diagnostics
        var lines: [Line] = []
        var shownPerCode: [DiagnosticCode: Int] = [:]
        for diagnostic in diagnostics.filter({ !$0.code.isRowCheck }) where !quiet || diagnostic.code.isError {
            shownPerCode[diagnostic.code, default: 0] += 1
            if shownPerCode[diagnostic.code]! <= exampleLimit {
                lines.append(Line(severity: diagnostic.severity, text: diagnostic.formatted(contentRoot: contentRoot)))
            }
        }
        for (code, shown) in shownPerCode.sorted(by: { $0.key < $1.key }) where shown > exampleLimit {
            lines.append(Line(severity: nil, text: "… and \(Format.count(shown - exampleLimit)) more \(code.rawValue) like these"))
        }
        let errors = diagnostics.filter { $0.code.isRowCheck && $0.code.isError }
        for diagnostic in errors.prefix(exampleLimit) {
            lines.append(Line(severity: nil, text: diagnostic.formatted(contentRoot: contentRoot)))
        }
        if errors.count > exampleLimit {
            lines.append(Line(severity: nil, text: "… and \(Format.count(errors.count - exampleLimit)) more row errors "
                + "(all are listed in data-quality/diagnostics.csv)"))
        }
        return lines
    }

    /// `Read 16 snapshots: 41,200 rows, 41,180 accepted, 20 excluded (E3 12, E5 8); 12 warnings (W1 9, W4 3).`
    /// Every diagnostic counts under its code: the row errors in the excluded rows, the others as
    /// errors or warnings.
    public static func closing(_ report: BuildReport, wrote: Bool) -> String {
        let counts = report.diagnostics.countsByCode()
        func breakdown(_ selected: [(code: DiagnosticCode, count: Int)]) -> String {
            selected.isEmpty ? "" : " (" + selected.map { "\($0.code.rawValue) \(Format.count($0.count))" }.joined(separator: ", ") + ")"
        }
        func plural(_ count: Int, _ noun: String) -> String { "\(Format.count(count)) \(noun)\(count == 1 ? "" : "s")" }
        let rowErrors = counts.filter { $0.code.isRowCheck && $0.code.isError }
        let otherErrors = counts.filter { !$0.code.isRowCheck && $0.code.isError }
        let warnings = counts.filter { !$0.code.isError }
        let ignored = report.ignored
        let excluded = report.rows - report.accepted - ignored
        var text = "Read \(plural(report.snapshots.count, "snapshot")): "
            + "\(Format.count(report.rows)) rows, \(Format.count(report.accepted)) accepted, "
            + (ignored > 0 ? "\(Format.count(ignored)) ignored (status.ignore), " : "") + "\(Format.count(excluded)) excluded"
            + breakdown(rowErrors)
        if !otherErrors.isEmpty {
            text += "; " + plural(otherErrors.reduce(0) { $0 + $1.count }, "error") + breakdown(otherErrors)
        }
        text += "; " + plural(warnings.reduce(0) { $0 + $1.count }, "warning") + breakdown(warnings) + "."
        if wrote { text += " Wrote \(Format.count(report.filesWritten)) files" }
        text += (wrote ? " in " : " Took ") + seconds(report.seconds) + "."
        return text
    }

    static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
