/// One SLA rule's outcome in one window.
struct SLAWindow: Codable, Equatable, Sendable {
    var onTime = 0
    var late = 0
    var pending = 0
    var breached = 0
    /// Median of response − entered over the responded records (on time and late).
    var medianResponseDays: Double?

    /// on_time / (on_time + late + breached); pending records are not yet judged.
    var compliance: Double? { rate(onTime, onTime + late + breached) }
    var population: Int { onTime + late + pending + breached }
}

/// A record that entered the SLA's stage and has waited longer than agreed with no response.
struct BreachedLead: Codable, Equatable, Sendable {
    var id: String
    var name: String
    var owner: String
    var enteredOn: Day
    var daysWaiting: Int
}

struct SLAResult: Codable, Equatable, Sendable {
    var rule: SLARule
    var week = SLAWindow()
    var qtd = SLAWindow()
    /// Breached records of the `qtd` population, longest waiting first.
    var breachedLeads: [BreachedLead] = []
}

/// Who is judged by an SLA rule and how; `sla(of:in:)` and `Explainer` ask here.
enum SLA {
    /// How a record of a rule's population stands at the snapshot date.
    enum Outcome: String, Sendable, CaseIterable {
        case onTime = "on_time", late, pending, breached
    }

    /// One record's judgement: its outcome, the response date (nil when not responded) and the
    /// days counted (response − entered when responded, else the age d − entered).
    struct Judgement: Sendable {
        var outcome: Outcome
        var response: Day?
        var days: Int
    }

    /// In the population of a rule for a window: an explicit `from` date in the window.
    @inline(__always)
    static func inPopulation(_ record: Record, from: Int, window: DateWindow) -> Bool {
        window.contains(record.stageDate(from))
    }

    /// Response = earliest explicit date of a later stage or `lost_date`. Responded: on time if
    /// response − entered ≤ N, else late. Not responded: pending if d − entered ≤ N, else breached.
    /// Nil when the record never entered the rule's stage.
    @inline(__always)
    static func judge(_ record: Record, from: Int, days limit: Int, snapshot: Day) -> Judgement? {
        guard let entered = record.stageDate(from) else { return nil }
        var response = record.earliestDate(after: from)
        if let lost = record.lostDate, response.map({ lost < $0 }) ?? true { response = lost }
        if let response {
            let days = response.days(since: entered)
            return Judgement(outcome: days <= limit ? .onTime : .late, response: response, days: days)
        }
        let age = snapshot.days(since: entered)
        return Judgement(outcome: age <= limit ? .pending : .breached, response: nil, days: age)
    }
}

extension SLAWindow {
    /// Counts one judged record.
    @inline(__always)
    mutating func add(_ outcome: SLA.Outcome) {
        switch outcome {
        case .onTime: onTime += 1
        case .late: late += 1
        case .pending: pending += 1
        case .breached: breached += 1
        }
    }

    /// The figure of one outcome.
    func count(of outcome: SLA.Outcome) -> Int {
        switch outcome {
        case .onTime: return onTime
        case .late: return late
        case .pending: return pending
        case .breached: return breached
        }
    }
}

/// SLA (SPEC §6.4), for each rule {from, days: N}, windows `week` and `qtd`: population = records
/// with an explicit `from` date in the window. Response = earliest explicit date of a later stage
/// or `lost_date`. Responded: on time if response − from ≤ N, else late. Not responded: pending
/// if d − from ≤ N, else breached.
func sla(of scope: ScopeRecords, in context: MetricContext) -> [SLAResult] {
    var tally = SLATally(context)
    for record in scope { tally.add(record, context, texts: scope.texts) }
    return tally.results
}

/// SLA outcomes counted one record at a time (`MetricsEngine` feeds every scope of a record in one pass).
struct SLATally {
    private var rules: [(from: Int, result: SLAResult, weekResponseDays: [Int], qtdResponseDays: [Int])]

    init(_ context: MetricContext) {
        rules = context.config.slas.map { rule in (context.config.stageIndex(of: rule.from)!, SLAResult(rule: rule), [], []) }
    }

    @inline(__always)
    mutating func add(_ record: Record, _ context: MetricContext, texts: RecordTexts) {
        for index in rules.indices {
            let from = rules[index].from
            let inWeek = SLA.inPopulation(record, from: from, window: context.windows.week)
            let inQuarter = SLA.inPopulation(record, from: from, window: context.windows.qtd)
            guard inWeek || inQuarter,
                  let judgement = SLA.judge(record, from: from, days: rules[index].result.rule.days, snapshot: context.snapshot)
            else { continue }
            if inWeek { rules[index].result.week.add(judgement.outcome) }
            if inQuarter { rules[index].result.qtd.add(judgement.outcome) }
            if judgement.response != nil {
                if inWeek { rules[index].weekResponseDays.append(judgement.days) }
                if inQuarter { rules[index].qtdResponseDays.append(judgement.days) }
            } else if judgement.outcome == .breached, inQuarter {
                let text = texts.idOwnerName(Int(record.row))
                rules[index].result.breachedLeads.append(BreachedLead(id: text.id, name: text.name, owner: text.owner,
                                                                      enteredOn: record.stageDate(from)!, daysWaiting: judgement.days))
            }
        }
    }

    /// Each rule's result: medians of the response days, breached leads longest waiting first.
    var results: [SLAResult] {
        rules.map { rule in
            var result = rule.result
            result.week.medianResponseDays = quantile(rule.weekResponseDays, 0.5)
            result.qtd.medianResponseDays = quantile(rule.qtdResponseDays, 0.5)
            result.breachedLeads.sort {
                $0.daysWaiting != $1.daysWaiting ? $0.daysWaiting > $1.daysWaiting : $0.id.precedesByCodePoint($1.id)
            }
            return result
        }
    }
}
