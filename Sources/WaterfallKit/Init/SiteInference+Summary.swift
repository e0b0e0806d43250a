extension SiteInference {
    /// What init inferred, one line each, for the terminal.
    public func summary() -> [String] {
        var lines: [String] = ["Read \(sample.fileName): \(Format.count(sample.totalRows)) rows, \(sample.header.count) columns."]
        let fieldNames = ["id", "name", "owner", "amount", "close_date", "source", "lost_reason", "channel"]
            + Stage.standardWaterfall.map(\.dateField) + ["lost_date"]
        for field in fieldNames {
            if let column = fields[field] { lines.append("  \(field) ← \"\(sample.header[column])\"") }
        }
        switch dateFormat {
        case let .format(format): lines.append("  date_format: \(format.rawValue) (e.g. \(dateExample ?? ""))")
        case .dayOrMonthFirst: lines.append("  date_format: MM/dd/yyyy assumed — TODO, no day above 12 tells MM/dd from dd/MM")
        case .unsupported: lines.append("  date_format: TODO — no dates in a format Waterfall reads")
        }
        if let status {
            lines.append("  status ← \"\(sample.header[status.column])\" (\(status.counts.count) values)"
                + (status.opened.map { ", opened ← \"\(sample.header[$0])\"" } ?? "")
                + (status.date.map { ", date ← \"\(sample.header[$0])\"" } ?? ""))
            func list(_ values: [String]) -> String {
                values.isEmpty ? "—" : values.map { "\($0) (\(Format.count(status.counts[$0] ?? 0)))" }.joined(separator: ", ")
            }
            lines.append("    won: " + list(status.won))
            lines.append("    lost: " + list(status.lost))
            lines.append("    stages (proposed, all → opportunity): " + list(status.stages.map(\.value)))
            lines.append("    ignore (no date to place them, or named so): " + list(status.ignore))
            if !status.unmapped.isEmpty { lines.append("    no meaning inferred: " + list(status.unmapped)) }
        }
        lines.append("  stages: " + stages.map(\.key).joined(separator: " → "))
        lines.append("  dimensions: " + (dimensions.isEmpty ? "none found"
            : dimensions.map { "\($0.key) ← \"\(sample.header[$0.column])\" (\($0.values) values)" }.joined(separator: ", ")))
        lines.append("  source: " + (fields["source"].map { "\"\(sample.header[$0])\", marketing proposed: "
            + (marketingSources.isEmpty ? "none" : marketingSources.joined(separator: ", ")) } ?? "none found"))
        if let snapshotDate { lines.append("  snapshot date: \(snapshotDate.day.iso) (\(snapshotDate.reason))") }
        if let snapshotNames { lines.append("  snapshot_names: \(snapshotNames)") }
        if !todos.isEmpty {
            lines.append("TODO in site.yml (\(todos.count)):")
            lines += todos.map { "  \($0.setting): \($0.text)" }
        }
        return lines
    }
}
