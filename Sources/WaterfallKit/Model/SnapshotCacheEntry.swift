/// What the build cache keeps of one snapshot (`snapshots/KEY` in the cache folder, KEY from
/// `SnapshotCacheKey`): its metrics, data quality and diagnostics included, with the trends left
/// out (they are rebuilt from each week's own figures), and the status counts `StatusValueCheck` needs.
struct SnapshotCacheEntry: Codable {
    static let kind = "snapshot"
    /// Bumped when the layout or any stored metric type changes; an entry of another format is rebuilt.
    static let format = 1

    var metrics: SnapshotMetrics
    var statusCounts: [String: Int]

    init(metrics: SnapshotMetrics, statusCounts: [String: Int]) {
        var stored = metrics
        for index in stored.scopes.indices { stored.scopes[index].trend = [] }
        self.metrics = stored
        self.statusCounts = statusCounts
    }
}
