import WaterfallKit

/// The simulated CRM: every lead's full history, from which each weekly export is cut.
struct DemoPopulation: Sendable {
    /// In id order, which is arrival order.
    var leads: [DemoLead]
    var deals: [DemoDeal]
}

/// One demand record and everything that will ever happen to it.
struct DemoLead: Sendable {
    var number: Int
    /// The day the record appears in the CRM (event leads are uploaded after the event date).
    var created: Day
    /// Closing day, or the last day anything happened to it.
    var lastActivity: Day
    /// The CSV field, quoted when it needs to be.
    var name: [UInt8]
    var source: Int
    var channel: Int
    var segment: Int
    var region: Int
    /// Index in `DemoCatalog.developmentReps`, or -1.
    var developmentRep: Int
    /// Index in `DemoCatalog.accountExecutives`.
    var accountExecutive: Int
    var dates: DemoStageDates
    var lost: Day?
    /// Index in `DemoCatalog.lostReasons`, or -1.
    var lostReason: Int
    /// Index in `DemoPopulation.deals`, or -1.
    var deal: Int
}

/// The six stage dates of a record, indexed by `DemoCatalog.Stage`.
struct DemoStageDates: Sendable {
    var inquiry: Day?, mql: Day?, sal: Day?, sql: Day?, opportunity: Day?, won: Day?

    subscript(stage: Int) -> Day? {
        get {
            switch stage {
            case 0: return inquiry
            case 1: return mql
            case 2: return sal
            case 3: return sql
            case 4: return opportunity
            default: return won
            }
        }
        set {
            switch stage {
            case 0: inquiry = newValue
            case 1: mql = newValue
            case 2: sal = newValue
            case 3: sql = newValue
            case 4: opportunity = newValue
            default: won = newValue
            }
        }
    }

    /// The highest stage with a date on or before `day`, or -1.
    func maxStage(asOf day: Day) -> Int {
        for stage in stride(from: DemoCatalog.Stage.count - 1, through: 0, by: -1) {
            if let date = self[stage], date <= day { return stage }
        }
        return -1
    }
}

/// An opportunity's amount and expected close date as they change over time.
struct DemoDeal: Sendable {
    /// Amount from each day on (nil: not entered); the first entry is the opportunity date.
    var amounts: [(day: Day, amount: Money?)]
    /// Expected close date from each day on; the last entry is the closing day itself.
    var closeDates: [(day: Day, close: Day)]

    func amount(asOf day: Day) -> Money? { latest(amounts.map { ($0.day, $0.amount) }, asOf: day) ?? nil }

    func closeDate(asOf day: Day) -> Day? { latest(closeDates.map { ($0.day, $0.close) }, asOf: day) }

    /// The value of the last entry dated on or before `day` (entries in date order).
    private func latest<Value>(_ history: [(Day, Value)], asOf day: Day) -> Value? {
        history.last { $0.0 <= day }?.1
    }
}

extension DemoLead {
    /// Whether the export on `day` contains this record: created by then, and active
    /// within the last 12 months.
    func isExported(on day: Day) -> Bool {
        created <= day && lastActivity.days(since: day) >= -DemoPlan.retentionDays
    }

    /// Open pipeline on `day`: reached the opportunity stage, not won, not lost.
    func isOpen(on day: Day) -> Bool {
        guard let opportunity = dates.opportunity, opportunity <= day else { return false }
        if let won = dates.won, won <= day { return false }
        if let lost, lost <= day { return false }
        return true
    }

    /// Owner as shown on `day`: the account executive once accepted, the development rep
    /// while an MQL, nobody while an inquiry in nurture.
    func owner(on day: Day) -> Int? {
        if dates.maxStage(asOf: day) >= DemoCatalog.Stage.sal { return accountExecutive }
        if let mql = dates.mql, mql <= day, developmentRep >= 0 {
            return DemoCatalog.accountExecutives.count + developmentRep
        }
        return nil
    }
}
