/// The row checks of SPEC §1.3 that look at one row alone (all but E2), run by each worker of
/// the parallel loader on its piece of the file. Holds only settings, so workers share one.
/// A class: as a struct (settings, sets, dictionaries) it was copied, and its references
/// retained and released, for every row (50k-row check: 0.28 s user, against 0.16 s before).
final class RowChecker: Sendable {
    static let badDateSampleLimit = 200

    let config: SiteConfig
    let layout: ColumnLayout
    let file: String
    let snapshotDate: Day
    let dateParser: DateParser
    /// Every column whose value must be a date when not empty (E3).
    let dateColumns: [Int]
    /// Per column of the export, its place in `dateColumns` (-1: not a date column), where E3's
    /// check keeps the day it parsed for the record (each date was parsed twice before).
    let dateSlots: [Int]
    let wonStatuses: Set<String>
    let lostStatuses: Set<String>
    let ignoredStatuses: Set<String>
    /// `status.stages`: open status value → stage index.
    let stageOfStatus: [String: Int]
    /// The id, source and dimension columns, whose values E12 limits (built once, not per row).
    let limitedColumns: [Int]
    /// The columns of a record's texts in `RecordText`'s order (id, owner, name, lost reason,
    /// channel); nil where the export has none.
    let textColumns: [Int?]

    init(config: SiteConfig, layout: ColumnLayout, file: String, snapshotDate: Day) {
        self.config = config
        self.layout = layout
        self.file = file
        self.snapshotDate = snapshotDate
        dateParser = DateParser(format: config.dateFormat)
        dateColumns = layout.stages.compactMap { $0 }
            + [layout.lostDate, layout.closeDate, layout.status?.date, layout.status?.opened ?? nil].compactMap { $0 }
        precondition(dateColumns.count <= RowDates.capacity, "more date columns than a row's dates hold")
        var dateSlots = Array(repeating: -1, count: layout.headerCount)
        for (slot, column) in dateColumns.enumerated() { dateSlots[column] = slot }
        self.dateSlots = dateSlots
        wonStatuses = Set((config.status?.won ?? []).map(\.trimmingSpaces))
        lostStatuses = Set((config.status?.lost ?? []).map(\.trimmingSpaces))
        ignoredStatuses = Set((config.status?.ignore ?? []).map(\.trimmingSpaces))
        limitedColumns = [layout.id] + [layout.source].compactMap { $0 } + layout.dimensions
        textColumns = [layout.id, layout.owner, layout.name, layout.lostReason, layout.channel]
        stageOfStatus = Dictionary((config.status?.stages ?? []).compactMap { entry in
            config.stageIndex(of: entry.stage).map { (entry.value.trimmingSpaces, $0) }
        }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks one data row and adds what it found to `rows`.
    func check(_ row: CSVRow, into rows: inout CheckedRows) {
        rows.rowCount += 1
        if let status = layout.status, row.fieldCount == layout.headerCount {
            let value = row.string(at: status.column)
            rows.statusCounts[value, default: 0] += 1
            // An ignored status leaves the row out before any check: it is not an error (SPEC §1.2).
            if ignoredStatuses.contains(value) {
                rows.ignored.append(IgnoredRow(line: row.line, id: row.string(at: layout.id), status: value))
                return
            }
        }
        var dates = RowDates()
        if let failure = firstError(in: row, &rows, dates: &dates) {
            // No record id for E12: the id may be the overlong value itself.
            let id = [.e5, .e1, .e12].contains(failure.code) ? nil : row.string(at: layout.id)
            rows.add(Diagnostic(file: file, line: row.line, code: failure.code, recordID: id, message: failure.message))
            return
        }
        guard var parsed = parseFields(of: row, dates: dates) else { return }
        let hash = row.withValue(at: layout.id) { IDIndex.hash($0) }
        var warnings: [(DiagnosticCode, String)] = []
        // W1 reads the dates as written; only E6 is judged after dropping future dates.
        if let message = outOfOrderMessage(parsed.stageDates) { warnings.append((.w1, message)) }
        dropFutureDates(&parsed, warnings: &warnings)
        guard parsed.stageDates.contains(where: { $0 != nil }) else {
            rows.addNoStageDate(Diagnostic(file: file, line: row.line, code: .e6, recordID: parsed.id, message: noStageDateMessage(parsed)),
                                hash: hash)
            return
        }
        if let won = parsed.stageDates.last ?? nil, let lost = parsed.lostDate {
            warnings.append((.w3, "won on \(won.iso) and lost on \(lost.iso): counted as won"))
        }
        warnings.sort { $0.0 < $1.0 }
        let record = makeRecord(parsed, row: row, &rows)
        appendTexts(of: row, to: &rows.texts)
        rows.addCandidate(record: record, line: Int32(row.line), hash: hash,
                          warnings: warnings.map { Diagnostic(file: file, line: row.line, code: $0.0, recordID: parsed.id, message: $0.1) })
    }

    /// A value as messages show it: quoted, cut at 60 characters.
    func quoted(_ value: String) -> String { quotedValue(value) }
}

/// What the checks found in one piece of a file, in row order, before E2 (`SnapshotValidator.merge(_:)`).
/// Source and dimension values are interned per piece; the merge maps them to the file's tables.
struct CheckedRows {
    enum Outcome {
        /// An error that no later row can change (E5, E1, E3, E4), at `diagnostics[index]`.
        case diagnostic(Int32)
        /// Passed every check of its own (with its warnings): accepted unless an earlier row with
        /// its id was accepted (E2), at `candidates[index]`.
        case candidate(Int32)
        /// E6 at `diagnostics[index]`, unless an earlier row with its id was accepted (then E2).
        case noStageDate(Int32, hash: UInt64)
    }

    /// A candidate's texts are `texts[index]`, at its index in `candidates`.
    struct Candidate {
        var record: Record
        var line: Int32
        /// `IDIndex.hash` of the id's bytes.
        var hash: UInt64
        /// Its warnings, in `diagnostics`.
        var warnings: Range<Int32>
    }

    var outcomes: [Outcome] = []
    var candidates: [Candidate] = []
    var texts = RecordTexts()
    var diagnostics: [Diagnostic] = []
    var ignored: [IgnoredRow] = []
    var statusCounts: [String: Int] = [:]
    var badDateSamples: [String] = []
    var sourceTable = InternTable()
    var dimensionTables: [InternTable]
    /// Non-blank data rows read.
    var rowCount = 0
    /// The first row whose bytes are not UTF-8 (the loader stops there).
    var notUTF8Line: Int?

    init(dimensions: Int) {
        dimensionTables = Array(repeating: InternTable(), count: dimensions)
    }

    /// Room for the rows of `byteCount` bytes of a file, at one row per 64 bytes and texts of up to
    /// half the bytes: grown by doubling instead, a 1 MiB piece's candidates were copied about a
    /// dozen times over (issue 10). Only reserved, so a piece of longer rows costs address space.
    init(dimensions: Int, byteCount: Int) {
        self.init(dimensions: dimensions)
        let rows = byteCount / 64 + 1
        outcomes.reserveCapacity(rows)
        candidates.reserveCapacity(rows)
        texts.reserveCapacity(rows: rows, bytes: byteCount / 2)
    }

    mutating func add(_ diagnostic: Diagnostic) {
        outcomes.append(.diagnostic(Int32(diagnostics.count)))
        diagnostics.append(diagnostic)
    }

    mutating func addNoStageDate(_ diagnostic: Diagnostic, hash: UInt64) {
        outcomes.append(.noStageDate(Int32(diagnostics.count), hash: hash))
        diagnostics.append(diagnostic)
    }

    /// Adds a candidate whose texts were just appended to `texts`.
    mutating func addCandidate(record: Record, line: Int32, hash: UInt64, warnings: [Diagnostic]) {
        let first = Int32(diagnostics.count)
        diagnostics += warnings
        outcomes.append(.candidate(Int32(candidates.count)))
        candidates.append(Candidate(record: record, line: line, hash: hash, warnings: first..<Int32(diagnostics.count)))
        assert(texts.count == candidates.count, "each candidate's texts are appended before it")
    }
}

// MARK: - Checks

private extension RowChecker {
    struct Failure {
        var code: DiagnosticCode
        var message: String
    }

    /// The days of one row's date columns, by their place in `dateColumns` (nil: empty, or not
    /// parsed yet). Inline, not an array: one per row of a million.
    struct RowDates {
        static let capacity = 16
        private var days = InlineArray<16, Day?>(repeating: nil)

        subscript(slot: Int) -> Day? {
            get { slot < 0 ? nil : days[slot] }
            set { days[slot] = newValue }
        }
    }

    struct ParsedRow {
        var id: String
        var stageDates: StageDates
        var lostDate: Day?
        var closeDate: Day?
        var amount: Money?
    }

    /// E12: an id, source or dimension value over `SnapshotValidator.maxValueBytes`. No export holds such ids or
    /// segment names; a column of notes or a whole mis-quoted file mapped there does, and each such
    /// value is written into every page's navigation (a 50 MB value took about 7 minutes to build).
    func overlongValue(in row: CSVRow) -> Failure? {
        for index in limitedColumns.indices {
            let column = limitedColumns[index]
            let length = row.withValue(at: column) { $0.count }
            guard length > SnapshotValidator.maxValueBytes else { continue }
            let header = layout.headers[column]
            // The start only: decoding the whole value is what E12 saves the build from.
            let start = row.withValue(at: column) { String(decoding: $0.prefix(240), as: UTF8.self) }
            return Failure(code: .e12, message: "\(header) holds a value of \(Format.count(length)) bytes, \(quotedValue(start)) "
                + "(an id, source or dimension value "
                + "may have at most \(Format.count(SnapshotValidator.maxValueBytes))): check that `columns:` in site.yml maps "
                + "\(header) to the right column of the export, and that the row's quotes are closed")
        }
        return nil
    }

    /// The first of E5, E12, E1, E3, E4 that the row fails; the days of its date columns, when they
    /// all parse, are left in `dates` (by their place in `dateColumns`) for `parseFields`.
    func firstError(in row: CSVRow, _ rows: inout CheckedRows, dates: inout RowDates) -> Failure? {
        if row.fieldCount != layout.headerCount {
            return Failure(code: .e5, message: "the row has \(row.fieldCount) field\(row.fieldCount == 1 ? "" : "s"), "
                + "the header has \(layout.headerCount) (check for an unquoted comma or a missing quote)")
        }
        if let failure = overlongValue(in: row) { return failure }
        if row.isEmpty(at: layout.id) {
            return Failure(code: .e1, message: "\(layout.headers[layout.id]) is empty (every row needs an id)")
        }
        // The parser copied out first: read through `self` in the closure, the checker was retained
        // and released around every date of every row.
        let parser = dateParser
        for slot in dateColumns.indices {
            let column = dateColumns[slot]
            let parses = row.withValue(at: column) { bytes in
                if bytes.isEmpty { return true }
                dates[slot] = parser.parse(bytes)
                return dates[slot] != nil
            }
            if !parses {
                if rows.badDateSamples.count < Self.badDateSampleLimit { rows.badDateSamples.append(row.string(at: column)) }
                return Failure(code: .e3, message: "\(layout.headers[column]) \(quotedValue(row.string(at: column))) "
                    + "is not a date (expected \(dateParser.expected))")
            }
        }
        if let column = layout.amount {
            let result = row.withValue(at: column) { $0.isEmpty ? AmountParser.Result.amount(.zero) : AmountParser.parse($0) }
            switch result {
            case .amount: break
            case .negative:
                return Failure(code: .e4, message: "\(layout.headers[column]) \(quotedValue(row.string(at: column))) is negative (amounts must be 0 or more)")
            case .notADecimal:
                return Failure(code: .e4, message: "\(layout.headers[column]) \(quotedValue(row.string(at: column))) "
                    + "is not a decimal number (write it like 1234.50, without separators or currency signs)")
            case .tooLarge:
                return Failure(code: .e4, message: "\(layout.headers[column]) \(quotedValue(row.string(at: column))) "
                    + "is too large (amounts must be below 92,000,000,000,000,000)")
            }
        }
        // E2 needs the rows before this one: `SnapshotValidator.merge(_:)` decides it.
        return nil
    }

    /// Reads the fields of a row that passed E1–E5, applying the status adapter (SPEC §1.2);
    /// `dates` are the days `firstError` parsed.
    func parseFields(of row: CSVRow, dates: RowDates) -> ParsedRow? {
        func date(_ column: Int?) -> Day? {
            guard let column else { return nil }
            return dates[dateSlots[column]]
        }
        var stageDates = StageDates(count: layout.stages.count)
        for (index, column) in layout.stages.enumerated() { stageDates[index] = date(column) }
        var parsed = ParsedRow(
            id: row.string(at: layout.id),
            stageDates: stageDates,
            lostDate: date(layout.lostDate),
            closeDate: date(layout.closeDate),
            amount: layout.amount.flatMap { column in
                row.withValue(at: column) { bytes -> Money? in
                    guard !bytes.isEmpty, case let .amount(money) = AmountParser.parse(bytes) else { return nil }
                    return money
                }
            })
        if let status = layout.status {
            // An export's own date column for a stage, won_date or lost_date wins over the mapping
            // for the whole file (SPEC §1.2).
            func setStage(_ index: Int, _ column: Int?) {
                if layout.stages[index] == nil { parsed.stageDates[index] = date(column) }
            }
            let value = row.string(at: status.column)
            let won = parsed.stageDates.count - 1
            if wonStatuses.contains(value) {
                setStage(won, status.date)
                setStage(config.pipelineStageIndex, status.opened)
            } else if lostStatuses.contains(value) {
                if layout.lostDate == nil { parsed.lostDate = date(status.date) }
                setStage(config.pipelineStageIndex, status.opened)
            } else if let stage = stageOfStatus[value] {
                setStage(stage, status.opened)
            }
        }
        return parsed
    }

    /// W2: stage dates and `lost_date` after the snapshot date are treated as empty.
    func dropFutureDates(_ parsed: inout ParsedRow, warnings: inout [(DiagnosticCode, String)]) {
        var dropped: [String] = []
        for index in parsed.stageDates.indices {
            if let date = parsed.stageDates[index], date > snapshotDate {
                dropped.append("\(fieldLabel(stage: index)) \(date.iso)")
                parsed.stageDates[index] = nil
            }
        }
        if let lost = parsed.lostDate, lost > snapshotDate {
            dropped.append("\(layout.lostDate.map { layout.headers[$0] } ?? "lost date") \(lost.iso)")
            parsed.lostDate = nil
        }
        if !dropped.isEmpty {
            warnings.append((.w2, dropped.joined(separator: ", ") + " after the snapshot date \(snapshotDate.iso): treated as empty"))
        }
    }

    func outOfOrderMessage(_ dates: StageDates) -> String? {
        var latest: (index: Int, date: Day)?
        for (index, date) in dates.enumerated() {
            guard let date else { continue }
            if let previous = latest, date < previous.date {
                return "\(fieldLabel(stage: index)) \(date.iso) is before \(fieldLabel(stage: previous.index)) \(previous.date.iso)"
            }
            if latest == nil || date > latest!.date { latest = (index, date) }
        }
        return nil
    }

    func noStageDateMessage(_ parsed: ParsedRow) -> String {
        let names = config.stages.indices.map { fieldLabel(stage: $0) }.joined(separator: ", ")
        return "no stage date on or before \(snapshotDate.iso) (a row needs at least one of \(names))"
    }

    func fieldLabel(stage index: Int) -> String {
        if let column = layout.stages[index] { return layout.headers[column] }
        if index == config.stages.count - 1, let status = layout.status { return layout.headers[status.date] }
        if let opened = layout.status?.opened, layout.datesFromOpened(config).contains(index) { return layout.headers[opened] }
        return config.stages[index].dateField
    }

    func quotedValue(_ value: String) -> String {
        let shown = value.count > 60 ? String(value.prefix(57)) + "…" : value
        return "\"" + shown + "\""
    }

    func makeRecord(_ parsed: ParsedRow, row: CSVRow, _ rows: inout CheckedRows) -> Record {
        let source = layout.source.map { column in row.withValue(at: column) { rows.sourceTable.index(ofBytes: $0) } }
            ?? rows.sourceTable.index(of: "")
        var record = Record(
            row: 0, stageDates: parsed.stageDates, lostDate: parsed.lostDate,
            closeDate: parsed.closeDate, amount: parsed.amount ?? .zero, hasAmount: parsed.amount != nil, source: source)
        // Set one by one: an array of them was a heap allocation per row.
        for (dimension, column) in layout.dimensions.enumerated() {
            record.setDimensionValue(dimension, to: row.withValue(at: column) { rows.dimensionTables[dimension].index(ofBytes: $0) })
        }
        return record
    }

    /// The row's texts (`textColumns`), trimmed and unquoted, as bytes: five `String`s a row were
    /// a tenth of a 1M-row check, made by the workers and taken apart again by the merge.
    func appendTexts(of row: CSVRow, to texts: inout RecordTexts) {
        for column in textColumns {
            if let column {
                row.withValue(at: column) { texts.appendField($0) }
            } else {
                texts.appendField(UnsafeBufferPointer(start: nil, count: 0))
            }
        }
    }
}
