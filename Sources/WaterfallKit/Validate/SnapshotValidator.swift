/// Applies the row checks of SPEC §1.3 to one export, row by row, and collects the
/// accepted records with every error and warning.
///
/// Checks run in the order E5, E1, E3, E4, E2, E6; a row gets the first error that applies.
/// A class because it accumulates state over a million rows: as a struct held in an optional
/// inside the reader's closure it was copied per row (1M rows: 4.6 s as a struct, 1.8 s as a class).
public final class SnapshotValidator {
    public let config: SiteConfig
    public let layout: ColumnLayout
    public let file: String
    public let snapshotDate: Day

    private let dateParser: DateParser
    /// Every column whose value must be a date when not empty (E3).
    private let dateColumns: [Int]
    private let wonStatuses: Set<String>
    private let lostStatuses: Set<String>
    private let ignoredStatuses: Set<String>
    /// `status.stages`: open status value → stage index.
    private let stageOfStatus: [String: Int]
    /// How many rows carry each status value (rows with the header's number of fields).
    private var statusCounts: [String: Int] = [:]
    var ignored: [IgnoredRow] = []
    var records: [Record] = []
    private var texts: [RecordText] = []
    var diagnostics: [Diagnostic] = []
    /// Each accepted id's position in `records`; handed to the snapshot as it is (the bridge uses it).
    private var rowByID: [String: Int32] = [:]
    /// The line each accepted record came from, by position (for E2's message and `explain`).
    private var acceptedLines: [Int32] = []
    private var sourceTable = InternTable()
    private var dimensionTables: [InternTable]
    var rowCount = 0
    /// The longest id, source or dimension value accepted, in bytes (E12 above it).
    static let maxValueBytes = 1_000
    /// The first date values that failed E3, for guessing the `date_format` (SPEC §1.4).
    var badDateSamples: [String] = []

    public init(config: SiteConfig, layout: ColumnLayout, file: String, snapshotDate: Day) {
        self.config = config
        self.layout = layout
        self.file = file
        self.snapshotDate = snapshotDate
        dateParser = DateParser(format: config.dateFormat)
        dateColumns = layout.stages.compactMap { $0 }
            + [layout.lostDate, layout.closeDate, layout.status?.date, layout.status?.opened ?? nil].compactMap { $0 }
        wonStatuses = Set((config.status?.won ?? []).map(\.trimmingSpaces))
        lostStatuses = Set((config.status?.lost ?? []).map(\.trimmingSpaces))
        ignoredStatuses = Set((config.status?.ignore ?? []).map(\.trimmingSpaces))
        stageOfStatus = Dictionary((config.status?.stages ?? []).compactMap { entry in
            config.stageIndex(of: entry.stage).map { (entry.value.trimmingSpaces, $0) }
        }, uniquingKeysWith: { first, _ in first })
        dimensionTables = Array(repeating: InternTable(), count: config.dimensions.count)
    }

    /// Checks one data row and keeps it when it passes.
    public func check(_ row: CSVRow) {
        rowCount += 1
        if let status = layout.status, row.fieldCount == layout.headerCount {
            let value = row.string(at: status.column)
            statusCounts[value, default: 0] += 1
            // An ignored status leaves the row out before any check: it is not an error (SPEC §1.2).
            if ignoredStatuses.contains(value) {
                ignored.append(IgnoredRow(line: row.line, id: row.string(at: layout.id), status: value))
                return
            }
        }
        if let failure = firstError(in: row) {
            let id = failure.code == .e5 || failure.code == .e1 ? nil : row.string(at: layout.id)
            diagnostics.append(Diagnostic(file: file, line: row.line, code: failure.code, recordID: id, message: failure.message))
            return
        }
        guard var parsed = parseFields(of: row) else { return }
        var warnings: [(DiagnosticCode, String)] = []
        // W1 reads the dates as written; only E6 is judged after dropping future dates.
        if let message = outOfOrderMessage(parsed.stageDates) { warnings.append((.w1, message)) }
        dropFutureDates(&parsed, warnings: &warnings)
        guard parsed.stageDates.contains(where: { $0 != nil }) else {
            diagnostics.append(Diagnostic(file: file, line: row.line, code: .e6, recordID: parsed.id, message: noStageDateMessage(parsed)))
            return
        }
        if let won = parsed.stageDates.last ?? nil, let lost = parsed.lostDate {
            warnings.append((.w3, "won on \(won.iso) and lost on \(lost.iso): counted as won"))
        }
        warnings.sort { $0.0 < $1.0 }
        for (code, message) in warnings {
            diagnostics.append(Diagnostic(file: file, line: row.line, code: code, recordID: parsed.id, message: message))
        }
        rowByID[parsed.id] = Int32(records.count)
        acceptedLines.append(Int32(row.line))
        records.append(makeRecord(parsed, row: row))
        texts.append(makeText(parsed, row: row))
    }

    /// The validated snapshot; `fileDiagnostics` (about the file as a whole) and the checks of SPEC §1.4
    /// come before the rows'. `today` is the build's latest possible snapshot date (nil: not checked).
    public func finish(fileDiagnostics: [Diagnostic] = [], today: Day? = nil) -> Snapshot {
        var snapshot = Snapshot(date: snapshotDate, file: file, records: records, texts: texts, rowByID: rowByID,
                                sources: sourceTable.values, dimensionValues: dimensionTables.map(\.values), rowCount: rowCount,
                                diagnostics: fileDiagnostics + fileChecks(today: today) + unmappedStatusDiagnostics() + diagnostics,
                                lines: acceptedLines)
        snapshot.availability = availability
        snapshot.ignored = ignored
        snapshot.statusCounts = statusCounts
        return snapshot
    }

    /// W12: a status value in none of `won`, `lost`, `stages`, `ignore`: one per value, most rows first.
    private func unmappedStatusDiagnostics() -> [Diagnostic] {
        guard let status = layout.status else { return [] }
        let header = layout.headers[status.column]
        let mappedStage = config.stages[config.pipelineStageIndex].key
        return statusCounts.filter { value, _ in
            !wonStatuses.contains(value) && !lostStatuses.contains(value) && !ignoredStatuses.contains(value) && stageOfStatus[value] == nil
        }
        .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        .map { value, count in
            let shown = value.isEmpty ? "an empty \(header)" : "\(header) \"\(value)\""
            let example = value.isEmpty ? "" : " (e.g. `\"\(value)\": \(mappedStage)`)"
            return Diagnostic(
                code: .w12, location: DiagnosticLocation(file: file, setting: "status"),
                message: "\(Format.count(count)) row\(count == 1 ? "" : "s") with \(shown), which is in none of "
                    + "`status.won`, `lost`, `stages` or `ignore` in site.yml: only the export's own date columns date them",
                fix: "Map the value under `status.stages`\(example), or list it under `won`, `lost` or `ignore`")
        }
    }
}

// MARK: - Checks

private extension SnapshotValidator {
    struct Failure {
        var code: DiagnosticCode
        var message: String
    }

    struct ParsedRow {
        var id: String
        var stageDates: [Day?]
        var lostDate: Day?
        var closeDate: Day?
        var amount: Money?
    }

    func firstError(in row: CSVRow) -> Failure? {
        if row.fieldCount != layout.headerCount {
            return Failure(code: .e5, message: "the row has \(row.fieldCount) field\(row.fieldCount == 1 ? "" : "s"), "
                + "the header has \(layout.headerCount) (check for an unquoted comma or a missing quote)")
        }
        if let failure = overlongValue(in: row) { return failure }
        if row.isEmpty(at: layout.id) {
            return Failure(code: .e1, message: "\(layout.headers[layout.id]) is empty (every row needs an id)")
        }
        for column in dateColumns {
            let parses = row.withValue(at: column) { $0.isEmpty || dateParser.parse($0) != nil }
            if !parses {
                if badDateSamples.count < 200 { badDateSamples.append(row.string(at: column)) }
                return Failure(code: .e3, message: "\(layout.headers[column]) \(quoted(row.string(at: column))) "
                    + "is not a date (expected \(dateParser.expected))")
            }
        }
        if let column = layout.amount {
            let result = row.withValue(at: column) { $0.isEmpty ? AmountParser.Result.amount(.zero) : AmountParser.parse($0) }
            switch result {
            case .amount: break
            case .negative:
                return Failure(code: .e4, message: "\(layout.headers[column]) \(quoted(row.string(at: column))) is negative (amounts must be 0 or more)")
            case .notADecimal:
                return Failure(code: .e4, message: "\(layout.headers[column]) \(quoted(row.string(at: column))) "
                    + "is not a decimal number (write it like 1234.50, without separators or currency signs)")
            case .tooLarge:
                return Failure(code: .e4, message: "\(layout.headers[column]) \(quoted(row.string(at: column))) "
                    + "is too large (amounts must be below 92,000,000,000,000,000)")
            }
        }
        let id = row.string(at: layout.id)
        if let first = rowByID[id] {
            let firstLine = acceptedLines[Int(first)]
            return Failure(code: .e2, message: "\(layout.headers[layout.id]) \(quoted(id)) was already accepted on line \(firstLine)")
        }
        return nil
    }

    /// E12: an id, source or dimension value over `maxValueBytes`. No export holds such ids or
    /// segment names; a column of notes or a whole mis-quoted file mapped there does, and each such
    /// value is written into every page's navigation (a 50 MB value took about 7 minutes to build).
    func overlongValue(in row: CSVRow) -> Failure? {
        for column in [layout.id] + [layout.source].compactMap({ $0 }) + layout.dimensions {
            let length = row.withValue(at: column) { $0.count }
            guard length > SnapshotValidator.maxValueBytes else { continue }
            let header = layout.headers[column]
            // The first 57 characters only: decoding the whole value is what E12 saves the build from.
            let start = row.withValue(at: column) { String(decoding: $0.prefix(240), as: UTF8.self) }
            return Failure(code: .e12, message: "\(header) holds a value of \(Format.count(length)) bytes, \(quoted(start)) "
                + "(an id, source or dimension value "
                + "may have at most \(Format.count(SnapshotValidator.maxValueBytes))): check that `columns:` in site.yml maps "
                + "\(header) to the right column of the export, and that the row's quotes are closed")
        }
        return nil
    }

    /// Reads the fields of a row that passed E1–E5, applying the status adapter (SPEC §1.2).
    func parseFields(of row: CSVRow) -> ParsedRow? {
        func date(_ column: Int?) -> Day? {
            guard let column else { return nil }
            return row.withValue(at: column) { $0.isEmpty ? nil : dateParser.parse($0) }
        }
        var parsed = ParsedRow(
            id: row.string(at: layout.id),
            stageDates: layout.stages.map(date),
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

    func outOfOrderMessage(_ dates: [Day?]) -> String? {
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

    func quoted(_ value: String) -> String {
        let shown = value.count > 60 ? String(value.prefix(57)) + "…" : value
        return "\"" + shown + "\""
    }

    func makeRecord(_ parsed: ParsedRow, row: CSVRow) -> Record {
        let source = sourceTable.index(of: layout.source.map { row.string(at: $0) } ?? "")
        var dimensionValues: [Int32] = []
        dimensionValues.reserveCapacity(layout.dimensions.count)
        for (dimension, column) in layout.dimensions.enumerated() {
            dimensionValues.append(dimensionTables[dimension].index(of: row.string(at: column)))
        }
        return Record(
            row: Int32(records.count), stageDates: parsed.stageDates, lostDate: parsed.lostDate,
            closeDate: parsed.closeDate, amount: parsed.amount ?? .zero, hasAmount: parsed.amount != nil,
            source: source, dimensionValues: dimensionValues)
    }

    func makeText(_ parsed: ParsedRow, row: CSVRow) -> RecordText {
        func text(_ column: Int?) -> String { column.map { row.string(at: $0) } ?? "" }
        return RecordText(id: parsed.id, owner: text(layout.owner), name: text(layout.name),
                          lostReason: text(layout.lostReason), channel: text(layout.channel))
    }
}

/// A row left out because its status is listed under `status.ignore` (not an error).
public struct IgnoredRow: Sendable, Equatable {
    public var line: Int
    public var id: String
    public var status: String
}

/// Distinct values in first-seen order; empty values become `Unassigned`.
struct InternTable {
    private(set) var values: [String] = []
    private var indices: [String: Int32] = [:]

    mutating func index(of raw: String) -> Int32 {
        let value = raw.isEmpty ? unassigned : raw
        if let index = indices[value] { return index }
        let index = Int32(values.count)
        values.append(value)
        indices[value] = index
        return index
    }
}
