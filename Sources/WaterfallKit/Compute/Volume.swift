/// Records whose explicit stage date lies in each window.
struct WindowCounts: Codable, Equatable, Sendable {
    var week = 0
    var qtd = 0
    var t13 = 0
}

/// Who counts in which metric of the volume family; `volume(of:in:)` and `Explainer` both ask here.
enum Volume {
    /// A record counts in volume[stage][window] when its explicit `stage` date lies in the window.
    @inline(__always)
    static func counts(_ record: Record, stage: Int, in window: DateWindow) -> Bool {
        window.contains(record.stageDate(stage))
    }
}

/// Volume (SPEC §6.1): per stage s and window w, the records whose explicit `s` date lies in w.
func volume(of scope: ScopeRecords, in context: MetricContext) -> [WindowCounts] {
    var tally = VolumeTally(context)
    for record in scope { tally.add(record, context) }
    return tally.counts
}

/// Volume counted one record at a time (`MetricsEngine` feeds every scope of a record in one pass).
struct VolumeTally {
    var counts: [WindowCounts]

    init(_ context: MetricContext) { counts = Array(repeating: WindowCounts(), count: context.config.stages.count) }

    @inline(__always)
    mutating func add(_ record: Record, _ context: MetricContext) {
        let windows = context.windows
        for stage in 0...context.wonStage {
            if Volume.counts(record, stage: stage, in: windows.week) { counts[stage].week += 1 }
            if Volume.counts(record, stage: stage, in: windows.qtd) { counts[stage].qtd += 1 }
            if Volume.counts(record, stage: stage, in: windows.t13) { counts[stage].t13 += 1 }
        }
    }
}
