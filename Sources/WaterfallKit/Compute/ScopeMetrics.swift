/// Every metric of SPEC §6 for one scope in one snapshot.
public struct ScopeMetrics: Sendable {
    public var scope: Scope
    public var records: Int
    public var volume: [WindowCounts]
    public var conversion: [ConversionStep]
    public var velocity: [VelocityStep]
    public var sla: [SLAResult]
    public var pipeline: PipelineSummary
    public var bookings: BookingsSummary
    public var winRate: WinRateSummary
    public var marketingShare: MarketingShareSummary
    public var bridge: BridgeSummary?
    public var plan: PlanSummary?
    public var trend: [TrendPoint]
}

/// Rows read and kept, and every diagnostic, for one snapshot file (the latest also carries the
/// build's own warnings: targets, commentary).
public struct DataQuality: Sendable {
    public var file: String
    public var rows: Int
    public var accepted: Int
    public var diagnostics: [Diagnostic]
    /// Rows left out by `status.ignore`: neither accepted nor errors.
    public var ignored: [IgnoredRow] = []
    public var availability = InputAvailability()
    /// Row-check counts read from warehouse results (SPEC §11), which carry counts but no rows;
    /// nil when `diagnostics` holds every row problem.
    public var rowCounts: [DiagnosticCode: Int]?

    public func count(of code: DiagnosticCode) -> Int {
        if let rowCounts, code.isRowCheck { return rowCounts[code] ?? 0 }
        return diagnostics.lazy.filter { $0.code == code }.count
    }
    /// Errors and warnings of every code: the diagnostics, plus the row counts of warehouse results.
    public var errorCount: Int { counted(\.isError) }
    public var warningCount: Int { counted { !$0.isError } }
    private func counted(_ kind: (DiagnosticCode) -> Bool) -> Int {
        (rowCounts ?? [:]).filter { kind($0.key) }.values.reduce(0, +) + diagnostics.filter { kind($0.code) }.count
    }

    /// Rows excluded by an error (rows = accepted + excluded + ignored).
    public var excluded: Int { rows - accepted - ignored.count }
    /// The row checks (E1–E6, W1–W3), in line order.
    public var rowDiagnostics: [Diagnostic] { diagnostics.filter(\.code.isRowCheck) }
    /// The file, setting and build diagnostics (SPEC §1.4).
    public var buildDiagnostics: [Diagnostic] { diagnostics.filter { !$0.code.isRowCheck } }

    /// Ignored rows per status value, in code-point order of the values.
    public var ignoredByStatus: [(status: String, count: Int)] {
        Dictionary(grouping: ignored, by: \.status).map { ($0.key, $0.value.count) }.sorted { $0.status < $1.status }
    }
}

/// All metrics of one snapshot: the content of one `metrics.json`.
public struct SnapshotMetrics: Sendable {
    public var snapshot: Day
    public var previousSnapshot: Day?
    public var windows: Windows
    public var dataQuality: DataQuality
    public var scopes: [ScopeMetrics]
}
