#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Applies the row checks of SPEC §1.3 to one export and collects the accepted records with
/// every error and warning.
///
/// Checks run in the order E5, E1, E3, E4, E2, E6; a row gets the first error that applies. Every
/// check but E2 looks at one row alone, so `RowChecker` runs them on pieces of the file in
/// parallel (`CheckedRows`), and `merge(_:)` takes the pieces in file order: it decides E2 (an
/// earlier *accepted* row with the same id) and interns source and dimension values in the order
/// a single pass would. A class because it accumulates state over a million rows.
final class SnapshotValidator {
    /// The longest id, source or dimension value accepted, in bytes (E12 above it, `RowChecker`).
    static let maxValueBytes = 1_000

    let config: SiteConfig
    let layout: ColumnLayout
    let file: String
    let snapshotDate: Day
    /// The checks of one row, shared by every worker.
    let checker: RowChecker

    /// How many rows carry each status value (rows with the header's number of fields).
    private var statusCounts: [String: Int] = [:]
    var ignored: [IgnoredRow] = []
    var records: [Record] = []
    private var texts = RecordTexts()
    var diagnostics: [Diagnostic] = []
    /// Each accepted id as bytes, at its record's position; handed to the snapshot (the bridge uses it).
    private var ids = IDIndex()
    /// The line each accepted record came from, by position (for E2's message and `explain`).
    private var acceptedLines: [Int32] = []
    private var sourceTable = InternTable()
    private var dimensionTables: [InternTable]
    var rowCount = 0
    /// The first date values that failed E3, for guessing the `date_format` (SPEC §1.4).
    var badDateSamples: [String] = []

    init(config: SiteConfig, layout: ColumnLayout, file: String, snapshotDate: Day) {
        self.config = config
        self.layout = layout
        self.file = file
        self.snapshotDate = snapshotDate
        checker = RowChecker(config: config, layout: layout, file: file, snapshotDate: snapshotDate)
        dimensionTables = Array(repeating: InternTable(), count: config.dimensions.count)
    }

    /// Takes the rows of the next piece of the file: decides E2 against the rows accepted so far
    /// and keeps the accepted records, with values interned in first-seen order.
    func merge(_ rows: CheckedRows) {
        rowCount += rows.rowCount
        ignored += rows.ignored
        for (value, count) in rows.statusCounts { statusCounts[value, default: 0] += count }
        if badDateSamples.count < RowChecker.badDateSampleLimit {
            badDateSamples += rows.badDateSamples.prefix(RowChecker.badDateSampleLimit - badDateSamples.count)
        }
        // The loop works on locals, not on this class's properties: a million rows of stored-property
        // access (exclusivity checks, retains of the arrays) were about a third of the merge (issue 10).
        var records = take(&self.records, leaving: []), texts = take(&self.texts, leaving: RecordTexts())
        var ids = take(&self.ids, leaving: IDIndex()), acceptedLines = take(&self.acceptedLines, leaving: [])
        var diagnostics = take(&self.diagnostics, leaving: []), sourceTable = take(&self.sourceTable, leaving: InternTable())
        var dimensionTables = take(&self.dimensionTables, leaving: [])
        defer {
            self.records = records
            self.texts = texts
            self.ids = ids
            self.acceptedLines = acceptedLines
            self.diagnostics = diagnostics
            self.sourceTable = sourceTable
            self.dimensionTables = dimensionTables
        }
        var sourceMap = GlobalIndices(local: rows.sourceTable)
        var dimensionMaps = rows.dimensionTables.map(GlobalIndices.init)
        for outcome in rows.outcomes {
            switch outcome {
            case let .diagnostic(index):
                diagnostics.append(rows.diagnostics[Int(index)])
            case let .noStageDate(index, hash):
                let diagnostic = rows.diagnostics[Int(index)]
                var id = diagnostic.recordID ?? ""
                let first = id.withUTF8 { ids.position(of: $0, hash: hash) }
                diagnostics.append(first.map { duplicateDiagnostic(id: id, line: diagnostic.location.line ?? 0,
                                                                   firstLine: acceptedLines[Int($0)]) } ?? diagnostic)
            case let .candidate(index):
                let candidate = rows.candidates[Int(index)]
                if let first = rows.texts.withID(Int(index), { ids.insert($0, hash: candidate.hash) }) {
                    diagnostics.append(duplicateDiagnostic(id: rows.texts[Int(index)].id, line: Int(candidate.line),
                                                           firstLine: acceptedLines[Int(first)]))
                    continue
                }
                if !candidate.warnings.isEmpty {
                    diagnostics += rows.diagnostics[Int(candidate.warnings.lowerBound)..<Int(candidate.warnings.upperBound)]
                }
                var record = candidate.record
                record.row = Int32(records.count)
                record.source = sourceMap.global(record.source, in: &sourceTable)
                for dimension in dimensionMaps.indices {
                    record.setDimensionValue(dimension, to: dimensionMaps[dimension].global(record.dimensionValue(dimension),
                                                                                            in: &dimensionTables[dimension]))
                }
                acceptedLines.append(candidate.line)
                records.append(record)
                texts.append(row: Int(index), of: rows.texts)
            }
        }
    }

    /// The validated snapshot; `fileDiagnostics` (about the file as a whole) and the checks of SPEC §1.4
    /// come before the rows'. `today` is the build's latest possible snapshot date (nil: not checked).
    func finish(fileDiagnostics: [Diagnostic] = [], today: Day? = nil) -> Snapshot {
        var snapshot = Snapshot(date: snapshotDate, file: file, records: records, texts: texts, ids: ids,
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
            !checker.wonStatuses.contains(value) && !checker.lostStatuses.contains(value) && !checker.ignoredStatuses.contains(value)
                && checker.stageOfStatus[value] == nil
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

    private func duplicateDiagnostic(id: String, line: Int, firstLine: Int32) -> Diagnostic {
        Diagnostic(file: file, line: line, code: .e2, recordID: id,
                   message: "\(layout.headers[layout.id]) \(checker.quoted(id)) was already accepted on line \(firstLine)")
    }
}

/// Moves a value out of a stored property, leaving `empty` there, so that the caller holds the only reference.
private func take<Value>(_ value: inout Value, leaving empty: Value) -> Value {
    var taken = empty
    swap(&taken, &value)
    return taken
}

/// The file-wide index of each value interned in a piece's table, filled in as the merge meets them.
private struct GlobalIndices {
    private let local: InternTable
    private var indices: [Int32]

    init(local: InternTable) {
        self.local = local
        indices = Array(repeating: -1, count: local.values.count)
    }

    @inline(__always)
    mutating func global(_ index: Int32, in table: inout InternTable) -> Int32 {
        let known = indices[Int(index)]
        if known >= 0 { return known }
        let found = table.index(of: local.values[Int(index)])
        indices[Int(index)] = found
        return found
    }
}

/// A row left out because its status is listed under `status.ignore` (not an error).
struct IgnoredRow: Codable, Sendable, Equatable {
    var line: Int
    var id: String
    var status: String
}

/// Distinct values in first-seen order; empty values become `Unassigned`.
struct InternTable {
    private(set) var values: [String] = []
    private var indices: [String: Int32] = [:]
    /// The UTF-8 bytes of the values, one after another, while there are few values, and where
    /// each ends (`index(ofBytes:)`). One flat array: an array per value was retained and released
    /// at every comparison, a few per row of a million.
    private var valueBytes: [UInt8] = []
    private var valueEnds: [Int] = []
    /// Above this many values a linear scan of the bytes costs more than a `String` lookup.
    private static let scanLimit = 16

    mutating func index(of raw: String) -> Int32 {
        let value = raw.isEmpty ? unassigned : raw
        if let index = indices[value] { return index }
        let index = Int32(values.count)
        values.append(value)
        indices[value] = index
        if values.count <= Self.scanLimit {
            valueBytes.append(contentsOf: value.utf8)
            valueEnds.append(valueBytes.count)
        }
        return index
    }

    /// `index(of:)` of the value with these (valid UTF-8) bytes, without building a `String` when
    /// the bytes equal a value's already held (a million rows, a handful of segments). Bytes that
    /// equal none take the `String` path, which also finds a canonically equivalent value.
    mutating func index(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if !bytes.isEmpty, values.count <= Self.scanLimit {
            let found = valueBytes.withUnsafeBufferPointer { held -> Int? in
                var start = 0
                for (index, end) in valueEnds.enumerated() {
                    defer { start = end }
                    if end - start == bytes.count, memcmp(held.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 { return index }
                }
                return nil
            }
            if let found { return Int32(found) }
        }
        return index(of: String(decoding: bytes, as: UTF8.self))
    }
}
