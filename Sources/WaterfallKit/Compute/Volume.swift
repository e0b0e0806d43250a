/// Records whose explicit stage date lies in each window.
public struct WindowCounts: Equatable, Sendable {
    public var week = 0
    public var qtd = 0
    public var t13 = 0
}

/// Volume (SPEC §6.1): per stage s and window w, the records whose explicit `s` date lies in w.
public func volume(of scope: ScopeRecords, in context: MetricContext) -> [WindowCounts] {
    let windows = context.windows
    var counts = Array(repeating: WindowCounts(), count: context.config.stages.count)
    for record in scope {
        for stage in 0...context.wonStage {
            guard let date = record.stageDate(stage) else { continue }
            if windows.week.contains(date) { counts[stage].week += 1 }
            if windows.qtd.contains(date) { counts[stage].qtd += 1 }
            if windows.t13.contains(date) { counts[stage].t13 += 1 }
        }
    }
    return counts
}
