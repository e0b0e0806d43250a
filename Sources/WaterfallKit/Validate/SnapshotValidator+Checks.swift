/// The checks of SPEC §1.4 on a whole export once every row is read: a mapping mistake must never
/// turn into a plausible-looking report.
extension SnapshotValidator {
    /// E7 (no row accepted, or more than half excluded for one code), W5 (no amount on any open
    /// record), W6 (no source column), W8 (a snapshot dated after `today`).
    func fileChecks(today: Day?) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let here = DiagnosticLocation(file: file)
        if let excluded = mostlyExcluded() {
            found.append(excluded)
        }
        let open = records.lazy.filter { $0.isOpen(pipelineStage: self.config.pipelineStageIndex) }
        if layout.amount == nil {
            found.append(Diagnostic(code: .w5, location: DiagnosticLocation(file: file, line: 1, setting: "columns.amount"),
                                    message: "no column \"\(config.header(for: "amount"))\": open pipeline, bridge and coverage amounts are not available",
                                    fix: "Map `amount` to the export's amount column under `columns:` in site.yml"))
        } else if let column = layout.amount, !open.isEmpty, !open.contains(where: \.hasAmount) {
            found.append(Diagnostic(code: .w5, location: DiagnosticLocation(file: file, setting: "columns.amount"),
                                    message: "\(layout.headers[column]) is empty on every one of the \(Format.count(open.count)) open records: "
                                        + "open pipeline, bridge and coverage amounts are not available (shown as such, not as 0)",
                                    fix: "Export the open deals with their amounts, or map `amount` to the column that holds them"))
        }
        if layout.source == nil {
            found.append(Diagnostic(code: .w6, location: DiagnosticLocation(file: file, line: 1, setting: "columns.source"),
                                    message: "no column \"\(config.header(for: "source"))\": marketing-sourced figures are not available "
                                        + "(every record counts as Unassigned)",
                                    fix: "Map `source` to the export's lead or deal source column under `columns:` in site.yml"))
        }
        if let today, snapshotDate > today {
            found.append(Diagnostic(code: .w8, location: here,
                                    message: "the snapshot date \(snapshotDate.iso) is after today (\(today.iso))",
                                    fix: "Name the file after the day the export was taken"))
        }
        return found
    }

    /// Which optional inputs this export carries (see `InputAvailability`).
    var availability: InputAvailability {
        let pipeline = config.pipelineStageIndex
        let open = records.lazy.filter { $0.isOpen(pipelineStage: pipeline) }
        return InputAvailability(amounts: layout.amount != nil && (open.isEmpty || open.contains(where: \.hasAmount)),
                                 sources: layout.source != nil)
    }

    /// E7 with the likely cause, when no row was accepted or one code excluded more than half the rows.
    private func mostlyExcluded() -> Diagnostic? {
        var counts: [DiagnosticCode: Int] = [:]
        for diagnostic in diagnostics where diagnostic.code.isError { counts[diagnostic.code, default: 0] += 1 }
        let top = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }
        // Rows left out by `status.ignore` were never checked: judge the share among the others.
        let checked = rowCount - ignored.count
        guard checked == 0 || records.isEmpty || (top.map { $0.value * 2 > checked } ?? false) else { return nil }
        if top == nil, !ignored.isEmpty {
            return Diagnostic(code: .e7, location: DiagnosticLocation(file: file, setting: "status.ignore"),
                              message: "every row (\(Format.count(ignored.count))) carries a status listed under `status.ignore`, "
                                + "so every figure of this week would be 0",
                              fix: "Check `status.ignore` in site.yml against the file's status values")
        }
        guard let (code, count) = top else {
            return Diagnostic(code: .e7, location: DiagnosticLocation(file: file),
                              message: "the file has a header but no rows, so every figure of this week would be 0",
                              fix: "Export the records again, or move the file out of snapshots/")
        }
        let share = Format.percent(Double(count) / Double(max(1, checked))) ?? ""
        let setting: String?
        let cause: String
        switch code {
        case .e3:
            setting = "date_format"
            cause = DateSniffer.advice(badDateSamples, current: config.dateFormat)
        case .e5:
            setting = nil
            cause = "the rows do not split into the header's columns: check the delimiter (Waterfall reads commas) and the quoting"
        case .e6:
            setting = "columns"
            cause = "no stage date column has a date on or before the snapshot date: check the stage date columns under `columns:` "
                + "(or the status mapping under `status:`) against the file's headers: "
                + layout.headers.prefix(20).map { "\"\($0)\"" }.joined(separator: ", ")
        case .e1:
            setting = "columns.id"
            cause = "the id column \"\(layout.headers[layout.id])\" is empty: map `id` to the export's record id column under `columns:`"
        case .e12:
            setting = "columns"
            cause = "the id, source or dimension values are far too long: check that `columns:` maps each to the right column "
                + "and that the file's quotes are balanced"
        case .e2:
            setting = "columns.id"
            cause = "the ids repeat: \"\(layout.headers[layout.id])\" is not unique per record; map `id` to the record id column under `columns:`"
        default:
            setting = "columns.amount"
            cause = "the amounts are not plain decimals: export them without currency signs or thousands separators (1234.50)"
        }
        return Diagnostic(code: .e7, location: DiagnosticLocation(file: file, setting: setting),
                          message: "\(Format.count(count)) of \(Format.count(checked)) rows (\(share)) are excluded for \(code.rawValue) "
                            + "(\(code.summary))\(records.isEmpty ? ", no row accepted" : ""): this week's figures would be wrong",
                          fix: cause.prefix(1).uppercased() + cause.dropFirst())
    }
}
