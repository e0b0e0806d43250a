/// Records whose explicit stage date lies in each window.
public struct WindowCounts: Equatable, Sendable {
    public var week = 0
    public var qtd = 0
    public var t13 = 0
}

/// Volume (SPEC §6.1): per stage s and window w, the records whose explicit `s` date lies in w.
public func volume(of records: [Record], in context: MetricContext) -> [WindowCounts] {
    let windows = context.windows
    var counts = Array(repeating: WindowCounts(), count: context.config.stages.count)
    for record in records {
        for (stage, date) in record.stageDates.enumerated() {
            guard let date else { continue }
            if windows.week.contains(date) { counts[stage].week += 1 }
            if windows.qtd.contains(date) { counts[stage].qtd += 1 }
            if windows.t13.contains(date) { counts[stage].t13 += 1 }
        }
    }
    return counts
}
