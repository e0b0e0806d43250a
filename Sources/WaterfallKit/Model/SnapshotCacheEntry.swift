/// What the build cache keeps of one snapshot (`snapshots/KEY` in the cache folder, KEY from
/// `SnapshotCacheKey`): its metrics, data quality and diagnostics included, with the trends left
/// out (they are rebuilt from each week's own figures), and the status counts `StatusValueCheck`
/// needs. The record lists (deals and leads, nearly all of the bytes) are a second record in the
/// same file (`SnapshotLists`), decoded only for the weeks a build renders. The entry is stored in
/// `CompactEncoder`'s binary form (a weekly build decodes every week's entry), the lists as binary
/// columns (`SnapshotLists+Binary.swift`).
struct SnapshotCacheEntry: Codable {
    static let kind = "snapshot"
    /// Bumped when the layout or any stored metric type changes; an entry of another format is rebuilt.
    static let format = 3

    /// The figures, without trends and without record lists.
    var metrics: SnapshotMetrics
    var statusCounts: [String: Int]

    /// Splits `metrics` into the entry and its record lists.
    static func split(_ metrics: SnapshotMetrics, statusCounts: [String: Int]) -> (SnapshotCacheEntry, SnapshotLists) {
        var stored = metrics
        for index in stored.scopes.indices { stored.scopes[index].trend = [] }
        let lists = SnapshotLists(taking: &stored)
        return (SnapshotCacheEntry(metrics: stored, statusCounts: statusCounts), lists)
    }
}

/// The record lists of a snapshot's metrics, per scope in scope order: the deals behind the
/// pipeline and bridge figures and the breached leads of each SLA rule.
struct SnapshotLists {
    static let kind = "snapshot-lists"
    /// 3: columns in `BinaryColumns` layout (`SnapshotLists+Binary.swift`); 2 was `CompactEncoder`'s form.
    static let format = 3

    struct Scope {
        var pastDueDeals: [PipelineDeal]
        var inQuarterDeals: [PipelineDeal]
        var breachedLeads: [[BreachedLead]]
        var wonDeals: [BridgeDeal]
        var lostDeals: [BridgeDeal]
        var removedDeals: [BridgeDeal]
        var pushedDeals: [ShiftedDeal]
        var pulledInDeals: [ShiftedDeal]
    }

    var scopes: [Scope]

    init(scopes: [Scope]) { self.scopes = scopes }

    /// Moves every list out of `metrics`, leaving them empty there.
    init(taking metrics: inout SnapshotMetrics) {
        scopes = metrics.scopes.indices.map { index in
            var scope = metrics.scopes[index]
            defer { metrics.scopes[index] = scope }
            let lists = Scope(
                pastDueDeals: scope.pipeline.pastDueDeals, inQuarterDeals: scope.pipeline.inQuarterDeals,
                breachedLeads: scope.sla.map(\.breachedLeads),
                wonDeals: scope.bridge?.wonDeals ?? [], lostDeals: scope.bridge?.lostDeals ?? [],
                removedDeals: scope.bridge?.removedDeals ?? [], pushedDeals: scope.bridge?.pushedDeals ?? [],
                pulledInDeals: scope.bridge?.pulledInDeals ?? [])
            (scope.pipeline.pastDueDeals, scope.pipeline.inQuarterDeals) = ([], [])
            for rule in scope.sla.indices { scope.sla[rule].breachedLeads = [] }
            if scope.bridge != nil {
                (scope.bridge!.wonDeals, scope.bridge!.lostDeals, scope.bridge!.removedDeals) = ([], [], [])
                (scope.bridge!.pushedDeals, scope.bridge!.pulledInDeals) = ([], [])
            }
            return lists
        }
    }

    /// Puts the lists back into `metrics` (the snapshot they were taken from).
    func restore(into metrics: inout SnapshotMetrics) {
        for (index, lists) in zip(metrics.scopes.indices, scopes) {
            metrics.scopes[index].pipeline.pastDueDeals = lists.pastDueDeals
            metrics.scopes[index].pipeline.inQuarterDeals = lists.inQuarterDeals
            for (rule, leads) in zip(metrics.scopes[index].sla.indices, lists.breachedLeads) {
                metrics.scopes[index].sla[rule].breachedLeads = leads
            }
            if metrics.scopes[index].bridge != nil {
                metrics.scopes[index].bridge!.wonDeals = lists.wonDeals
                metrics.scopes[index].bridge!.lostDeals = lists.lostDeals
                metrics.scopes[index].bridge!.removedDeals = lists.removedDeals
                metrics.scopes[index].bridge!.pushedDeals = lists.pushedDeals
                metrics.scopes[index].bridge!.pulledInDeals = lists.pulledInDeals
            }
        }
    }
}
