extension SiteInference {
    /// `site.yml` with every setting of SPEC §2, each with a comment; what init could not infer is
    /// a `# TODO:` line above its setting.
    public func siteYAML() -> String {
        var lines: [String] = [
            "# site.yml written by `waterfall init` from \(sample.fileName) (\(Format.count(sample.totalRows)) rows"
                + (sample.totalRows > sample.rows.count ? ", inferred from the first \(Format.count(sample.rows.count))" : "") + ").",
            "# Lines marked TODO are what init could not tell from the export: check them, then run `waterfall build`.",
            "# The README's \"Your own export\" section explains every setting.",
            "",
        ]
        func todo(_ setting: String) {
            for entry in todos where entry.setting == setting || entry.setting.hasPrefix(setting + ".") {
                lines.append("# TODO: " + entry.text + ".")
            }
        }
        todo("company")
        lines.append("company: \"Your Company\"")
        lines.append("# The address the site is published at, for absolute links in the e-mail digest.")
        lines.append("# base_url: https://reports.example.internal/pipeline/")
        todo("currency")
        lines.append("currency: " + (currency ?? "USD"))
        todo("fiscal_year_start_month")
        lines.append("fiscal_year_start_month: 1")
        lines.append("# One page per value of each dimension. Inferred: text columns with few values ("
            + (dimensions.isEmpty ? "none found" : dimensions.map { "\(sample.header[$0.column]): \($0.values) values" }
                .joined(separator: ", ")) + ").")
        lines.append("dimensions: [" + dimensions.map(\.key).joined(separator: ", ") + "]")
        lines.append("# Source values that count as marketing-sourced (their share is judged against marketing_band, default 20–30 %).")
        todo("marketing_sources")
        if let source = fields["source"] {
            lines.append("# The values of \(sample.header[source]): "
                + sample.valueCounts(source).prefix(20).map { "\($0.value) (\(Format.count($0.count)))" }.joined(separator: ", ") + ".")
        }
        lines.append("marketing_sources: " + flow(fields["source"] == nil ? ["Marketing"] : marketingSources))
        lines.append("# How dates are written: yyyy-MM-dd (also with a time), MM/dd/yyyy, dd/MM/yyyy or dd.MM.yyyy.")
        todo("date_format")
        if case .format = dateFormat, let example = dateExample {
            lines.append("# Inferred from values such as \(example).")
        }
        lines.append("date_format: " + writtenDateFormat.rawValue)
        lines.append("# Weekly exports in snapshots/ may keep their CRM file name: {date} stands where their YYYY-MM-DD date does.")
        lines.append((snapshotNames == nil ? "# snapshot_names: " : "snapshot_names: ")
            + quoted(snapshotNames ?? "crm-export-{date}.csv"))
        lines.append("# The export's header for each field Waterfall reads (fields not listed use their own name).")
        todo("columns")
        let mapped = fields.filter { sample.header[$0.value] != $0.key }.sorted { $0.value < $1.value }
        let dimensionColumns = dimensions.filter { sample.header[$0.column] != $0.key }
        if mapped.isEmpty && dimensionColumns.isEmpty {
            lines.append("columns: {}")
        } else {
            lines.append("columns:")
            lines += mapped.map { "  \($0.key): " + quoted(sample.header[$0.value]) }
            lines += dimensionColumns.map { "  \($0.key): " + quoted(sample.header[$0.column]) }
        }
        let missing = ["name", "owner", "amount", "close_date", "source", "lost_reason", "channel"].filter { fields[$0] == nil }
        if !missing.isEmpty { lines.append("  # not found in the export: " + missing.joined(separator: ", ")) }
        lines += statusLines(todo: todo)
        lines.append("# The agreed stages of the waterfall, in order; the last is the won stage.")
        todo("stages")
        lines.append("stages:")
        for stage in stages {
            lines.append("  - { key: \(stage.key), name: \(quoted(stage.name)), owner: \(quoted(stage.owner))"
                + (stage.isPipeline ? ", pipeline: true" : "") + ", definition: \(quoted(stage.definition)) }")
        }
        lines.append("# Service levels: records entering `from` get a response (a later stage or lost) within `days`.")
        if let first = stages.first, stages.count > 2 {
            lines.append("# slas:")
            lines.append("#   - { name: \"Response\", from: \(first.key), days: 2 }")
        } else {
            lines.append("# slas: []")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func statusLines(todo: (String) -> Void) -> [String] {
        var lines: [String] = []
        guard let status else {
            lines.append("# A current-status export maps its status values to stages here (SPEC §1.2); none was found.")
            todo("status")
            lines.append("# status: { column: \"Stage\", date: \"Close Date\", opened: \"Create Date\", won: [Won], lost: [Lost] }")
            return lines
        }
        lines.append("# The status column: what each of its values means (values match exactly).")
        todo("status")
        let prefix = status.date == nil ? "# " : ""
        lines.append(prefix + "status:")
        lines.append(prefix + "  column: " + quoted(sample.header[status.column]))
        lines.append(prefix + "  date: " + quoted(status.date.map { sample.header[$0] } ?? "Close Date")
            + "   # the date that goes with a closing status")
        if let opened = status.opened {
            lines.append(prefix + "  opened: " + quoted(sample.header[opened]) + "   # dates the stages open statuses map to")
        }
        func count(_ value: String) -> String { Format.count(status.counts[value] ?? 0) }
        lines.append(prefix + "  won: " + flow(status.won) + "   # inferred: the value says won")
        lines.append(prefix + "  lost: " + flow(status.lost) + "   # inferred: the value says lost")
        if status.stages.isEmpty {
            lines.append(prefix + "  stages: {}")
        } else {
            lines.append(prefix + "  stages:")
            lines += status.stages.map { prefix + "    \(quoted($0.value)): \($0.stage)   # \(count($0.value)) row"
                + (status.counts[$0.value] == 1 ? "" : "s") }
        }
        if !status.ignore.isEmpty {
            lines.append(prefix + "  # Left out (not errors): rows of these statuses have no "
                + (status.opened.map { sample.header[$0] } ?? "date") + " (so no stage date), or their name says so.")
        }
        lines.append(prefix + "  ignore: " + flow(status.ignore))
        return lines
    }

    func flow(_ values: [String]) -> String { "[" + values.map(quoted).joined(separator: ", ") + "]" }

    /// A YAML double-quoted scalar.
    func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
