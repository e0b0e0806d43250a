/// One weekly CRM export after validation: its accepted records and every row problem.
public struct Snapshot: Sendable {
    public var date: Day
    /// Path relative to the content folder, e.g. `snapshots/2026-11-20.csv`.
    public var file: String
    public var records: [Record]
    /// Each record's strings, at `Record.row`.
    public var texts: [RecordText]
    /// The physical line each record starts on, at `Record.row` (empty for snapshots made in memory).
    public var lines: [Int32]
    /// Each accepted record's id as bytes, at its position in `records` (ids are unique among
    /// accepted records, E2); the bridge finds a record of one snapshot in the next through it.
    public var ids: IDIndex
    /// Distinct source values; `Record.source` indexes this.
    public var sources: [String]
    /// Per dimension, its distinct values; `Record.dimensionValue(_:)` indexes these.
    public var dimensionValues: [[String]]
    /// Non-blank data rows read.
    public var rowCount: Int
    /// The file's diagnostics: its file-level warnings (a stage with no column, …) first, then the
    /// row checks in line order.
    public var diagnostics: [Diagnostic]
    /// Rows left out by `status.ignore`, in line order (not errors: SPEC §1.2).
    public var ignored: [IgnoredRow] = []
    /// With a status adapter: how many rows carry each status value.
    public var statusCounts: [String: Int] = [:]
    /// Which optional inputs the figures can rely on (SPEC §1.4: "not available", never 0).
    public var availability = InputAvailability()

    public init(date: Day, file: String, records: [Record], texts: [RecordText], ids: IDIndex, sources: [String],
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
    public func line(of record: Record) -> Int? {
        Int(record.row) < lines.count ? Int(lines[Int(record.row)]) : nil
    }

    public func count(of code: DiagnosticCode) -> Int { diagnostics.lazy.filter { $0.code == code }.count }
}

/// The value used where a source or dimension value is empty.
public let unassigned = "Unassigned"

/// Whether a snapshot carries the inputs some figures need: without them the pages say
/// "not available" instead of showing 0, and metrics.json keeps its numbers beside this flag.
public struct InputAvailability: Sendable, Equatable {
    /// Some open record has an amount (W5 otherwise): pipeline, bridge and coverage amounts.
    public var amounts = true
    /// The export has a source column (W6 otherwise): marketing-sourced figures.
    public var sources = true
    /// The records themselves are at hand, so pages can list them (breached leads, the deals behind
    /// the bridge). False when the metrics come from warehouse results (`build --metrics`).
    public var recordLists = true

    public init(amounts: Bool = true, sources: Bool = true, recordLists: Bool = true) {
        self.amounts = amounts
        self.sources = sources
        self.recordLists = recordLists
    }
}
