import WaterfallKit

/// What the CRM showed on one snapshot day for one scope, as the people writing the
/// weekly commentary would read it. Approximate by design: the site computes the real figures.
struct DemoWeekFacts {
    var day: Day
    var quarter: DemoQuarter
    var inquiriesThisWeek = 0
    var mqlsThisWeek = 0
    var mqlsLastWeek = 0
    /// MQLs of the last four weeks that got an answer, and how many within two days.
    var answeredMQLs = 0
    var answeredOnTime = 0
    /// MQLs still unanswered after the two-day SLA, by region.
    var waitingByRegion = [Int](repeating: 0, count: DemoCatalog.regions.count)
    var opportunitiesT13 = 0
    var marketingOpportunitiesT13 = 0
    var wonThisWeek = 0
    var wonThisWeekAmount: Int64 = 0
    var biggestWin: (name: String, cents: Int64, segment: Int)?
    var bookedQTD: Int64 = 0
    var wonQTD = 0
    var openCount = 0
    var openAmount: Int64 = 0
    var inQuarterAmount: Int64 = 0
    var pastDueCount = 0
    var pastDueAmount: Int64 = 0
    var pushedCount = 0
    var pushedAmount: Int64 = 0

    var waitingMQLs: Int { waitingByRegion.reduce(0, +) }
    var elapsedDays: Int { day.days(since: quarter.start) + 1 }
    var daysLeft: Int { quarter.end.days(since: day) }

    init(population: DemoPopulation, day: Day, includes: (DemoLead) -> Bool) {
        self.day = day
        quarter = DemoQuarter(containing: day, startMonth: DemoPlan.fiscalYearStartMonth)
        let weekStart = day.adding(days: -6), lastWeekStart = day.adding(days: -13)
        let t13Start = day.adding(days: -90), fourWeeksStart = day.adding(days: -27)
        let lastSnapshot = day.adding(days: -7)
        func within(_ date: Day?, _ start: Day) -> Bool { date.map { start <= $0 && $0 <= day } ?? false }

        for lead in population.leads where lead.created <= day && includes(lead) {
            let dates = lead.dates
            if within(dates.inquiry, weekStart) { inquiriesThisWeek += 1 }
            if within(dates.mql, weekStart) { mqlsThisWeek += 1 }
            if let mql = dates.mql, lastWeekStart <= mql, mql < weekStart { mqlsLastWeek += 1 }
            if let mql = dates.mql, within(mql, fourWeeksStart) {
                let answers = [dates.sal, dates.sql, dates.opportunity, lead.lost].compactMap { $0 }.filter { $0 <= day }
                if let answer = answers.min() {
                    answeredMQLs += 1
                    if answer.days(since: mql) <= 2 { answeredOnTime += 1 }
                } else if day.days(since: mql) > 2 {
                    waitingByRegion[lead.region] += 1
                }
            }
            if within(dates.opportunity, t13Start) {
                opportunitiesT13 += 1
                if lead.source == DemoCatalog.Source.marketing { marketingOpportunitiesT13 += 1 }
            }
            guard lead.deal >= 0, let opened = dates.opportunity, opened <= day else { continue }
            let deal = population.deals[lead.deal]
            let amount = deal.amount(asOf: day)?.cents ?? 0
            if let won = dates.won, won <= day {
                if quarter.contains(won) {
                    wonQTD += 1
                    bookedQTD += amount
                }
                if won >= weekStart {
                    wonThisWeek += 1
                    wonThisWeekAmount += amount
                    if amount > (biggestWin?.cents ?? 0) {
                        biggestWin = (DemoCommentaryText.plainName(lead.name), amount, lead.segment)
                    }
                }
            }
            guard lead.isOpen(on: day) else { continue }
            openCount += 1
            openAmount += amount
            guard let close = deal.closeDate(asOf: day) else { continue }
            if quarter.contains(close) { inQuarterAmount += amount }
            if close < day {
                pastDueCount += 1
                pastDueAmount += amount
            }
            if lead.isOpen(on: lastSnapshot), let before = deal.closeDate(asOf: lastSnapshot),
               DemoQuarter(containing: close, startMonth: DemoPlan.fiscalYearStartMonth).start
                > DemoQuarter(containing: before, startMonth: DemoPlan.fiscalYearStartMonth).start {
                pushedCount += 1
                pushedAmount += amount
            }
        }
    }
}
