/// The rows of each explained set, picked by the metric family's own membership test.
extension Explainer {
    func rows(of set: ExplainedSet, in scope: ScopeRecords) -> Explanation {
        let windows = context.windows
        let stages = config.stages
        let pipelineStage = context.pipelineStage
        switch set {
        case .records:
            return table(scope, middle: [stageColumn] + allDateColumns) { _ in true }
        case .accepted:
            return table(current.records, middle: [stageColumn] + allDateColumns) { _ in true }
        case let .volume(stage, window):
            let window = window.window(in: windows)
            return table(scope, middle: [dateColumn(stage)]) { Volume.counts($0, stage: stage, in: window) }
        case let .conversion(stage, window, convertedOnly):
            let window = window.window(in: windows)
            return table(scope, middle: [dateColumn(stage), ("converted_on", { $0.earliestDate(after: stage)?.iso ?? "" })]) {
                Conversion.inCohort($0, stage: stage, window: window) && (!convertedOnly || Conversion.converted($0, stage: stage))
            }
        case let .velocity(stage):
            let days = { (record: Record) in Velocity.days(record, stage: stage, t13: windows.t13) }
            return table(scope, middle: [dateColumn(stage), ("converted_on", { $0.earliestDate(after: stage)?.iso ?? "" })],
                         after: [("days", { days($0).map { String($0) } ?? "" }, false)]) { days($0) != nil }
        case let .sla(index, window, outcome):
            let rule = config.slas[index]
            let from = config.stageIndex(of: rule.from)!
            let window = window.window(in: windows)
            let judge = { (record: Record) in SLA.judge(record, from: from, days: rule.days, snapshot: context.snapshot) }
            let daysName = outcome == .onTime || outcome == .late ? "days_to_respond" : "days_waiting"
            return table(scope, middle: [dateColumn(from), ("response_date", { judge($0)?.response?.iso ?? "" })],
                         after: [(daysName, { judge($0).map { String($0.days) } ?? "" }, false)]) {
                SLA.inPopulation($0, from: from, window: window) && judge($0)?.outcome == outcome
            }
        case let .pipeline(part):
            let source = sourceIndex(part)
            return table(scope, middle: [stageColumn, dateColumn(pipelineStage), ("close_date", { $0.closeDate?.iso ?? "" })]) { record in
                guard Pipeline.isOpen(record, context: context) else { return false }
                switch part {
                case .all: return true
                case .inQuarter: return Pipeline.closesInQuarter(record, context: context)
                case .pastDue: return Pipeline.isPastDue(record, context: context)
                case let .stage(stage): return Pipeline.stage(of: record) == stage
                case .source: return record.source == source
                }
            }
        case let .bookings(window, sourceName):
            let window = window.window(in: windows)
            let source = sourceName.map(sourceIndex)
            return table(scope, middle: [dateColumn(stages.count - 1)]) { record in
                Bookings.counts(record, in: window) && source.map { record.source == $0 } ?? true
            }
        case let .winRate(window, won, sourceName):
            let source = sourceName.map(sourceIndex)
            return winRateTable(window, won: won, scope: scope) { record in source.map { record.source == $0 } ?? true }
        case let .winRateMarketing(window, won, marketing):
            return winRateTable(window, won: won, scope: scope) { MarketingShare.isMarketing($0, context: context) == marketing }
        case let .marketingShare(window, marketingOnly):
            let window = window.window(in: windows)
            return table(scope, middle: [dateColumn(pipelineStage)]) { record in
                MarketingShare.created(record, in: window, context: context)
                    && (!marketingOnly || MarketingShare.isMarketing(record, context: context))
            }
        case let .bridge(movement):
            return bridgeTable(movement, scope: scope.scope)
        case let .diagnostics(code):
            return diagnosticTable(current.diagnostics.filter { diagnostic in
                code.map { diagnostic.code == $0 } ?? diagnostic.code.isError
            })
        case let .ignored(status):
            return ignoredTable(current.ignored.filter { row in status.map { row.status == $0 } ?? true })
        }
    }
}

// MARK: - Tables

extension Explainer {
    /// A column computed from a record: name, value, and whether the value is text from the export.
    typealias TextColumn = (name: String, value: (Record) -> String, fromData: Bool)
    typealias DateColumn = (name: String, value: (Record) -> String)

    /// id, owner, name, source, `middle`, amount, `after`, file, line: one row per record of
    /// `records` (in file order) for which `includes` holds.
    func table(_ records: some Sequence<Record>, middle: [DateColumn], after: [TextColumn] = [],
               where includes: (Record) -> Bool) -> Explanation {
        let fixed = ["id", "owner", "name", "source"].map { Explanation.Column(name: $0, fromData: true) }
        let columns = fixed + middle.map { Explanation.Column(name: $0.name, fromData: false) }
            + [Explanation.Column(name: "amount", fromData: false)]
            + after.map { Explanation.Column(name: $0.name, fromData: $0.fromData) }
            + ["file", "line"].map { Explanation.Column(name: $0, fromData: false) }
        var rows: [[String]] = []
        var total = Money.zero
        for record in records where includes(record) {
            let text = current.texts[Int(record.row)]
            var row = [text.id, text.owner, text.name, current.sources[Int(record.source)]]
            row += middle.map { $0.value(record) }
            row.append(record.hasAmount ? record.amount.decimalString : "")
            row += after.map { $0.value(record) }
            row += [current.file, current.line(of: record).map { String($0) } ?? ""]
            rows.append(row)
            total += record.amount
        }
        return Explanation(columns: columns, rows: rows, count: rows.count, amount: total)
    }

    /// Every bridge entry of one movement, with the record's row in both snapshots.
    func bridgeTable(_ movement: Bridge.Movement, scope: Scope) -> Explanation {
        let previous = previous!
        let names = ["id", "owner", "name", "source", "previous_stage", "stage", stages.last!.dateField, "lost_date",
                     "previous_close_date", "close_date", "previous_amount", "current_amount", "amount", "note",
                     "previous_file", "previous_line", "file", "line"]
        let columns = names.map { Explanation.Column(name: $0, fromData: ["id", "owner", "name", "source"].contains($0)) }
        var rows: [[String]] = []
        var total = Money.zero
        Bridge.forEachEntry(of: scope, across: BridgeSnapshots(previous: previous, current: current, context: context), in: context) { entry in
            guard entry.movement == movement else { return }
            let (latest, snapshot) = entry.current.map { ($0, current) } ?? (entry.previous!, previous)
            let text = snapshot.texts[Int(latest.row)]
            func amount(_ record: Record?) -> String { record.flatMap { $0.hasAmount ? $0.amount.decimalString : nil } ?? "" }
            rows.append([
                text.id, text.owner, text.name, snapshot.sources[Int(latest.source)],
                entry.previous.map(stageLabel) ?? "", entry.current.map(stageLabel) ?? "",
                entry.current?.wonDate?.iso ?? "", entry.current?.lostDate?.iso ?? "",
                entry.previous?.closeDate?.iso ?? "", entry.current?.closeDate?.iso ?? "",
                amount(entry.previous), amount(entry.current), entry.amount.decimalString,
                bridgeNote(entry, scope: scope, previous: previous),
                entry.previous == nil ? "" : previous.file, line(entry.previous, in: previous),
                entry.current == nil ? "" : current.file, line(entry.current, in: current),
            ])
            total += entry.amount
        }
        return Explanation(columns: columns, rows: rows, count: rows.count, amount: total)
    }

    func line(_ record: Record?, in snapshot: Snapshot) -> String {
        record.flatMap(snapshot.line).map { String($0) } ?? ""
    }

    /// Why a deal was added to or removed from the scope's open pipeline.
    func bridgeNote(_ entry: Bridge.Entry, scope: Scope, previous: Snapshot) -> String {
        let (other, otherSnapshot, verb): (Record?, Snapshot, String)
        switch entry.movement {
        case .added: (other, otherSnapshot, verb) = (entry.previous, previous, "was")
        case .removed: (other, otherSnapshot, verb) = (entry.current, current, "now")
        default: return ""
        }
        guard let other else { return "not among the accepted rows of \(otherSnapshot.file)" }
        if !Pipeline.isOpen(other, context: context) { return "\(verb) at \(stageLabel(other))" }
        guard let name = scope.dimension, let dimension = config.dimensions.firstIndex(of: name) else { return "" }
        return "\(verb) \(name)=\(otherSnapshot.dimensionValues[dimension][Int(other.dimensionValue(dimension))])"
    }

    func diagnosticTable(_ diagnostics: [Diagnostic]) -> Explanation {
        let columns = [("file", false), ("line", false), ("code", false), ("message", true)]
            .map { Explanation.Column(name: $0.0, fromData: $0.1) }
        let rows = diagnostics.map { [$0.file, String($0.line), $0.code.rawValue, $0.message] }
        return Explanation(columns: columns, rows: rows, count: rows.count, amount: nil)
    }

    /// Rows left out by `status.ignore`, in line order.
    func ignoredTable(_ ignored: [IgnoredRow]) -> Explanation {
        let columns = [("id", true), ("status", true), ("file", false), ("line", false)]
            .map { Explanation.Column(name: $0.0, fromData: $0.1) }
        let rows = ignored.map { [$0.id, $0.status, current.file, String($0.line)] }
        return Explanation(columns: columns, rows: rows, count: rows.count, amount: nil)
    }
}

// MARK: - Columns

private extension Explainer {
    var stages: [Stage] { config.stages }

    /// The deals closed in `window` (won or lost, by `WinRate.closing`) that `includes` keeps.
    func winRateTable(_ window: ExplainedSet.WindowName, won: Bool, scope: ScopeRecords, where includes: @escaping (Record) -> Bool) -> Explanation {
        let window = window.window(in: context.windows)
        let closed = won ? dateColumn(stages.count - 1) : ("lost_date", { (record: Record) in record.lostDate?.iso ?? "" })
        let after: [TextColumn] = won ? [] : [("lost_reason", { scope.texts[Int($0.row)].lostReason }, true)]
        return table(scope, middle: [dateColumn(context.pipelineStage), closed], after: after) { record in
            guard let closing = WinRate.closing(record, context: context) else { return false }
            return closing.won == won && window.contains(closing.date) && includes(record)
        }
    }

    func dateColumn(_ stage: Int) -> DateColumn {
        (stages[stage].dateField, { $0.stageDate(stage)?.iso ?? "" })
    }

    var allDateColumns: [DateColumn] {
        stages.indices.map(dateColumn) + [("lost_date", { $0.lostDate?.iso ?? "" }), ("close_date", { $0.closeDate?.iso ?? "" })]
    }

    var stageColumn: DateColumn { ("stage", stageLabel) }

    /// The current stage (SPEC §4): won, lost, or the key of the highest stage with a date.
    func stageLabel(_ record: Record) -> String {
        if record.isWon { return stages.last!.key }
        if record.isLost { return "lost" }
        return record.maxStage >= 0 ? stages[Int(record.maxStage)].key : ""
    }

    func sourceIndex(_ name: String) -> Int32 {
        context.sources.firstIndex(of: name).map(Int32.init) ?? -1
    }

    func sourceIndex(_ part: ExplainedSet.PipelinePart) -> Int32 {
        if case let .source(name) = part { return sourceIndex(name) }
        return -1
    }
}
