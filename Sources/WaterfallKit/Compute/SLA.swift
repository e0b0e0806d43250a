/// One SLA rule's outcome in one window.
public struct SLAWindow: Equatable, Sendable {
    public var onTime = 0
    public var late = 0
    public var pending = 0
    public var breached = 0
    /// Median of response − entered over the responded records (on time and late).
    public var medianResponseDays: Double?

    /// on_time / (on_time + late + breached); pending records are not yet judged.
    public var compliance: Double? { rate(onTime, onTime + late + breached) }
    public var population: Int { onTime + late + pending + breached }
}

/// A record that entered the SLA's stage and has waited longer than agreed with no response.
public struct BreachedLead: Equatable, Sendable {
    public var id: String
    public var name: String
    public var owner: String
    public var enteredOn: Day
    public var daysWaiting: Int
}

public struct SLAResult: Equatable, Sendable {
    public var rule: SLARule
    public var week = SLAWindow()
    public var qtd = SLAWindow()
    /// Breached records of the `qtd` population, longest waiting first.
    public var breachedLeads: [BreachedLead] = []
}

/// SLA (SPEC §6.4), for each rule {from, days: N}, windows `week` and `qtd`: population = records
/// with an explicit `from` date in the window. Response = earliest explicit date of a later stage
/// or `lost_date`. Responded: on time if response − from ≤ N, else late. Not responded: pending
/// if d − from ≤ N, else breached.
public func sla(of scope: ScopeRecords, in context: MetricContext) -> [SLAResult] {
    context.config.slas.map { rule in
        let from = context.config.stageIndex(of: rule.from)!
        var result = SLAResult(rule: rule)
        var weekResponseDays: [Int] = [], qtdResponseDays: [Int] = []
        for record in scope {
            guard let entered = record.stageDate(from) else { continue }
            let inWeek = context.windows.week.contains(entered)
            let inQuarter = context.windows.qtd.contains(entered)
            guard inWeek || inQuarter else { continue }
            var response = record.earliestDate(after: from)
            if let lost = record.lostDate, response.map({ lost < $0 }) ?? true { response = lost }
            let outcome: (inout SLAWindow) -> Void
            if let response {
                let days = response.days(since: entered)
                outcome = { window in
                    if days <= rule.days { window.onTime += 1 } else { window.late += 1 }
                }
                if inWeek { weekResponseDays.append(days) }
                if inQuarter { qtdResponseDays.append(days) }
            } else {
                let age = context.snapshot.days(since: entered)
                outcome = { window in
                    if age <= rule.days { window.pending += 1 } else { window.breached += 1 }
                }
                if age > rule.days, inQuarter {
                    let text = scope.texts[Int(record.row)]
                    result.breachedLeads.append(BreachedLead(id: text.id, name: text.name, owner: text.owner,
                                                             enteredOn: entered, daysWaiting: age))
                }
            }
            if inWeek { outcome(&result.week) }
            if inQuarter { outcome(&result.qtd) }
        }
        result.week.medianResponseDays = quantile(weekResponseDays, 0.5)
        result.qtd.medianResponseDays = quantile(qtdResponseDays, 0.5)
        result.breachedLeads.sort {
            $0.daysWaiting != $1.daysWaiting ? $0.daysWaiting > $1.daysWaiting : $0.id.precedesByCodePoint($1.id)
        }
        return result
    }
}
