/// One weekly CRM export after validation: its accepted records and every row problem.
struct Snapshot: Sendable {
    var date: Day
    /// Path relative to the content folder, e.g. `snapshots/2026-11-20.csv`.
    var file: String
    var records: [Record]
    /// Each record's strings, at `Record.row`.
    var texts: RecordTexts
    /// The physical line each record starts on, at `Record.row` (empty for snapshots made in memory).
    var lines: [Int32]
    /// Each accepted record's id as bytes, at its position in `records` (ids are unique among
    /// accepted records, E2); the bridge finds a record of one snapshot in the next through it.
    var ids: IDIndex
    /// Distinct source values; `Record.source` indexes this.
    var sources: [String]
    /// Per dimension, its distinct values; `Record.dimensionValue(_:)` indexes these.
    var dimensionValues: [[String]]
    /// Non-blank data rows read.
    var rowCount: Int
    /// The file's diagnostics: its file-level warnings (a stage with no column, …) first, then the
    /// row checks in line order.
    var diagnostics: [Diagnostic]
    /// Rows left out by `status.ignore`, in line order (not errors: SPEC §1.2).
    var ignored: [IgnoredRow] = []
    /// With a status adapter: how many rows carry each status value.
    var statusCounts: [String: Int] = [:]
    /// Which optional inputs the figures can rely on (SPEC §1.4: "not available", never 0).
    var availability = InputAvailability()

    init(date: Day, file: String, records: [Record], texts: RecordTexts, ids: IDIndex, sources: [String],
                dimensionValues: [[String]], rowCount: Int, diagnostics: [Diagnostic], lines: [Int32] = []) {
        self.date = date
        self.file = file
        self.records = records
        self.texts = texts
        self.lines = lines
        self.ids = ids
        self.sources = sources
        self.dimensionValues = dimensionValues
        self.rowCount = rowCount
        self.diagnostics = diagnostics
    }

    /// The line a record starts on, nil when not known.
    func line(of record: Record) -> Int? {
        Int(record.row) < lines.count ? Int(lines[Int(record.row)]) : nil
    }

    func count(of code: DiagnosticCode) -> Int { diagnostics.lazy.filter { $0.code == code }.count }
}

/// The value used where a source or dimension value is empty.
let unassigned = "Unassigned"

/// Whether a snapshot carries the inputs some figures need: without them the pages say
/// "not available" instead of showing 0, and metrics.json keeps its numbers beside this flag.
struct InputAvailability: Codable, Sendable, Equatable {
    /// Some open record has an amount (W5 otherwise): pipeline, bridge and coverage amounts.
    var amounts = true
    /// The export has a source column (W6 otherwise): marketing-sourced figures.
    var sources = true
    /// The records themselves are at hand, so pages can list them (breached leads, the deals behind
    /// the bridge). False when the metrics come from warehouse results (`build --metrics`).
    var recordLists = true

    init(amounts: Bool = true, sources: Bool = true, recordLists: Bool = true) {
        self.amounts = amounts
        self.sources = sources
        self.recordLists = recordLists
    }
}

// MARK: - What the next snapshot needs

extension Snapshot {
    /// What the next snapshot's bridge (SPEC §6.9) reads of this one: its open records (open at
    /// `pipelineStage`), with their strings and ids, its date, values and availability. A build
    /// keeps this rather than the whole snapshot while it reads the next (issue 10: memory). The
    /// bridge's figures do not change: a record not open here enters the next bridge only as
    /// `added`, at the next snapshot's amount, whether or not it is found here.
    func keepingOpenPipeline(pipelineStage: Int) -> Snapshot {
        var kept: [Record] = [], keptTexts = RecordTexts(), keptIDs = IDIndex()
        for record in records where record.isOpen(pipelineStage: pipelineStage) {
            let row = Int(record.row)
            _ = ids.withID(at: row) { keptIDs.insert($0, hash: ids.hash(at: row)) }
            keptTexts.append(row: row, of: texts)
            var copy = record
            copy.row = Int32(kept.count)
            kept.append(copy)
        }
        var snapshot = Snapshot(date: date, file: file, records: kept, texts: keptTexts, ids: keptIDs, sources: sources,
                                dimensionValues: dimensionValues, rowCount: rowCount, diagnostics: [])
        snapshot.availability = availability
        return snapshot
    }
}
