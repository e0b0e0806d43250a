/// Every metric of SPEC §6 for one scope in one snapshot.
struct ScopeMetrics: Codable, Sendable {
    var scope: Scope
    var records: Int
    var volume: [WindowCounts]
    var conversion: [ConversionStep]
    var velocity: [VelocityStep]
    var sla: [SLAResult]
    var pipeline: PipelineSummary
    var bookings: BookingsSummary
    var winRate: WinRateSummary
    var marketingShare: MarketingShareSummary
    var bridge: BridgeSummary?
    var plan: PlanSummary?
    var trend: [TrendPoint]
}

/// Rows read and kept, and every diagnostic, for one snapshot file (the latest also carries the
/// build's own warnings: targets, commentary).
struct DataQuality: Codable, Sendable {
    var file: String
    var rows: Int
    var accepted: Int
    var diagnostics: [Diagnostic]
    /// Rows left out by `status.ignore`: neither accepted nor errors.
    var ignored: [IgnoredRow] = []
    var availability = InputAvailability()
    /// Row-check counts read from warehouse results (SPEC §11), which carry counts but no rows;
    /// nil when `diagnostics` holds every row problem.
    var rowCounts: [DiagnosticCode: Int]?

    func count(of code: DiagnosticCode) -> Int {
        if let rowCounts, code.isRowCheck { return rowCounts[code] ?? 0 }
        return diagnostics.lazy.filter { $0.code == code }.count
    }
    /// Errors and warnings of every code: the diagnostics, plus the row counts of warehouse results.
    var errorCount: Int { counted(\.isError) }
    var warningCount: Int { counted { !$0.isError } }
    private func counted(_ kind: (DiagnosticCode) -> Bool) -> Int {
        (rowCounts ?? [:]).filter { kind($0.key) }.values.reduce(0, +) + diagnostics.filter { kind($0.code) }.count
    }

    /// Rows excluded by an error (rows = accepted + excluded + ignored).
    var excluded: Int { rows - accepted - ignored.count }
    /// The row checks (E1–E6, W1–W3), in line order.
    var rowDiagnostics: [Diagnostic] { diagnostics.filter(\.code.isRowCheck) }
    /// The file, setting and build diagnostics (SPEC §1.4).
    var buildDiagnostics: [Diagnostic] { diagnostics.filter { !$0.code.isRowCheck } }

    /// Ignored rows per status value, in code-point order of the values.
    var ignoredByStatus: [(status: String, count: Int)] {
        Dictionary(grouping: ignored, by: \.status).map { ($0.key, $0.value.count) }.sorted { $0.status < $1.status }
    }
}

/// All metrics of one snapshot: the content of one `metrics.json`.
struct SnapshotMetrics: Codable, Sendable {
    var snapshot: Day
    var previousSnapshot: Day?
    var windows: Windows
    var dataQuality: DataQuality
    var scopes: [ScopeMetrics]
}
