/// The text a build or check prints on stderr: row problems, warnings and a closing summary.
public enum BuildSummary {
    /// How many row problems are shown line by line before the rest are only counted.
    public static let exampleLimit = 10

    /// Build warnings and the first row errors with file:line, one per line.
    public static func problems(_ report: BuildReport, contentRoot: String) -> [String] {
        let warnings = report.buildWarnings
        var lines = warnings.prefix(exampleLimit).map { "warning: " + $0 }
        if warnings.count > exampleLimit {
            lines.append("… and \(warnings.count - exampleLimit) more warnings like these")
        }
        let errors = report.diagnostics.filter(\.code.isError)
        for diagnostic in errors.prefix(exampleLimit) {
            lines.append(displayPath(contentRoot, diagnostic.file) + ":\(diagnostic.line): \(diagnostic.code.rawValue) \(diagnostic.message)")
        }
        if errors.count > exampleLimit {
            lines.append("… and \(errors.count - exampleLimit) more row errors (all are listed in metrics.json under data_quality)")
        }
        return lines
    }

    /// `Read 16 snapshots: 41,200 rows, 41,180 accepted, 20 excluded (E3 12, E5 8); 12 warnings (W1 9, W2 3).`
    public static func closing(_ report: BuildReport, wrote: Bool) -> String {
        func breakdown(_ codes: [DiagnosticCode]) -> String {
            let parts = codes.compactMap { code -> String? in
                let count = report.count(of: code)
                return count > 0 ? "\(code.rawValue) \(Format.count(count))" : nil
            }
            return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
        }
        let ignored = report.ignored
        let excluded = report.rows - report.accepted - ignored
        let warnings = DiagnosticCode.warnings.reduce(0) { $0 + report.count(of: $1) }
        var text = "Read \(report.snapshots.count) snapshot\(report.snapshots.count == 1 ? "" : "s"): "
            + "\(Format.count(report.rows)) rows, \(Format.count(report.accepted)) accepted, "
            + (ignored > 0 ? "\(Format.count(ignored)) ignored (status.ignore), " : "") + "\(Format.count(excluded)) excluded"
            + breakdown(DiagnosticCode.errors)
            + "; \(Format.count(warnings)) warning\(warnings == 1 ? "" : "s")" + breakdown(DiagnosticCode.warnings) + "."
        if wrote { text += " Wrote \(Format.count(report.filesWritten)) files" }
        text += (wrote ? " in " : " Took ") + seconds(report.seconds) + "."
        return text
    }

    static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
