/// The leaf paths the statement returns, and when. Two descriptions of the leaves stay: this one
/// (`MetricLeaves`: the SQL condition behind each leaf) and `LongFormatLeaves` (the Swift key
/// path each leaf is read from and written to). Merging them would tie SQL text generation to
/// `ScopeMetrics`' key paths, so instead `paths(sources:bridge:plan:)` lists what the statement
/// returns and `LeafDescriptionsTests` requires it to equal `LongFormatLeaves` for many site.yml files.
extension WarehouseSQL {
    /// The `when` of a leaf that only some rows carry.
    enum Presence {
        static let bridge = "c.prev_snap IS NOT NULL", noBridge = "c.prev_snap IS NULL"
        static let plan = "t.sc IS NOT NULL", noPlan = "t.sc IS NULL"
    }

    /// The per-scope leaves: scope figures, the bridge (or a null `/bridge` on a first snapshot)
    /// and the plan (or a null `/plan` without a target).
    func scopeLeaves(_ leaves: MetricLeaves, _ scopeAgg: inout Aggregates, _ bridgeAgg: inout Aggregates) -> [Leaf] {
        var scopeLeaves = leaves.scopeLeaves(&scopeAgg)
        scopeLeaves += leaves.bridgeLeaves(&bridgeAgg).map { Leaf(path: $0.path, value: $0.value, when: Presence.bridge) }
        scopeLeaves.append(Leaf(path: [.key("bridge")], value: .null, when: Presence.noBridge))
        if options.targets != nil {
            scopeLeaves += leaves.planLeaves(&scopeAgg).map { Leaf(path: $0.path, value: $0.value, when: Presence.plan) }
            scopeLeaves.append(Leaf(path: [.key("plan")], value: .null, when: Presence.noPlan))
        } else {
            scopeLeaves.append(Leaf(path: [.key("plan")], value: .null))
        }
        return scopeLeaves
    }

    /// The paths of one scope of one snapshot, in statement order: scope leaves, then the leaves of
    /// each source in `sources` (as `source_agg` returns them), then, for `company`, data quality.
    func paths(sources: [String], bridge: Bool, plan: Bool, company: Bool) -> [String] {
        let leaves = MetricLeaves(config: config, dialect: dialect)
        var a = Aggregates(prefix: "a"), b = Aggregates(prefix: "b")
        let present: (Leaf) -> Bool = { leaf in
            switch leaf.when {
            case Presence.bridge: return bridge
            case Presence.noBridge: return !bridge
            case Presence.plan: return plan
            case Presence.noPlan: return !plan
            default: return true
            }
        }
        func text(_ leaf: Leaf, _ source: String = "") -> String {
            leaf.path.map { token -> String in
                switch token {
                case let .key(key): return "/" + key.jsonPointerToken
                case .column: return "/" + source.jsonPointerToken
                }
            }.joined()
        }
        var paths = scopeLeaves(leaves, &a, &b).filter(present).map { text($0) }
        let perSource = leaves.sourceLeaves(&a)
        for source in sources { paths += perSource.map { text($0, source) } }
        if company { paths += leaves.dataQualityLeaves(&a).map { text($0) } }
        return paths
    }
}
