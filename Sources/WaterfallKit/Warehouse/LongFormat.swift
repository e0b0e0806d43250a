/// One row of the long format (SPEC §11): a leaf of one scope's `metrics.json` object in one snapshot.
struct LeafRow: Equatable, Sendable {
    var snapshot: Day
    /// `company` or `DIM=VALUE`, as in `metrics.json`.
    var scope: String
    /// An RFC 6901 pointer in which a list item is addressed by its key: `/conversion/mql/t13/rate`.
    var path: String
    /// The number as text; nil for null.
    var value: String?
    /// The line of the results file the row starts on (0 for rows made here).
    var line = 0

    init(snapshot: Day, scope: String, path: String, value: String?, line: Int = 0) {
        self.snapshot = snapshot
        self.scope = scope
        self.path = path
        self.value = value
        self.line = line
    }
}

/// The long format of SPEC §11, both ways: metrics → leaf rows (what `waterfall sql` computes in a
/// warehouse) and leaf rows → metrics (`waterfall build --metrics`). Both walk `LongFormatLeaves`.
enum LongFormat {
    static let columns = ["snapshot_date", "scope", "path", "value"]

    /// Every leaf of one snapshot: its data-quality counts and availability (scope `company`), then
    /// each scope's leaves in `metrics.json` order. Trend and record lists are left out.
    static func rows(of metrics: SnapshotMetrics, config: SiteConfig) -> [LeafRow] {
        var rows = LongFormatLeaves.snapshot().map {
            LeafRow(snapshot: metrics.snapshot, scope: Scope.company.key, path: $0.path, value: $0.read(metrics.dataQuality))
        }
        for scope in metrics.scopes {
            rows += LongFormatLeaves.scope(LongFormatLeaves.shape(of: scope), config: config).map {
                LeafRow(snapshot: metrics.snapshot, scope: scope.scope.key, path: $0.path, value: $0.read(scope))
            }
        }
        return rows
    }

    /// The rows of every snapshot as CSV (RFC 4180, header first, LF line ends, null as an empty field).
    static func csv(_ snapshots: [SnapshotMetrics], config: SiteConfig) -> String {
        var out = Array((columns.joined(separator: ",") + "\n").utf8)
        for metrics in snapshots {
            for row in rows(of: metrics, config: config) {
                CSV.appendRecord([row.snapshot.iso, row.scope, row.path, row.value ?? ""].lazy.map { (value: $0, fromData: false) },
                                 lineEnd: "\n", to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
