import WaterfallKit

extension DemoPopulation {
    /// Leads arriving every day from `historyStart` to `historyEnd`, each with its whole future.
    ///
    /// Arrivals grow about 35 % a year with fewer on weekends and over the year-end holidays;
    /// each lead draws from its own random stream, so one lead's story never shifts another's.
    static func simulate(_ plan: DemoPlan) -> DemoPopulation {
        var arrivals = SeededGenerator(seed: plan.seed, stream: .max)
        let growthPerDay = DemoMath.log(1.35) / 365
        // Arrivals per day at the last snapshot, so that about `records` rows fall in its 12-month export.
        let baseRate = Double(plan.options.records) / calibrationDays
        var population = DemoPopulation(leads: [], deals: [])
        population.leads.reserveCapacity(Int(Double(plan.options.records) * 2.2))
        var day = plan.historyStart
        while day <= plan.historyEnd {
            let growth = DemoMath.exp(growthPerDay * Double(day.days(since: plan.lastSnapshot)))
            let count = arrivals.poisson(baseRate * growth * seasonality(day))
            for _ in 0..<count {
                let kind = arrivals.pick(weights: sourceMix)
                var simulation = LeadSimulation(number: 100_001 + population.leads.count, arrival: day,
                                                source: kind, seed: plan.seed)
                var lead = simulation.run()
                if let deal = simulation.deal {
                    lead.deal = population.deals.count
                    population.deals.append(deal)
                }
                population.leads.append(lead)
            }
            day = day.adding(days: 1)
        }
        return population
    }

    /// Days of arrivals at the last snapshot's rate that make up its export (found by measurement:
    /// 12 months of activity, discounted for growth, plus the records still in play).
    private static let calibrationDays = 321.0

    /// Share of new records by source: marketing inquiries far outnumber the records that
    /// sales and partners create, most of which start at SAL or later.
    private static let sourceMix = [0.853, 0.106, 0.041]

    private static func seasonality(_ day: Day) -> Double {
        let (_, month, dayOfMonth) = day.civil
        let holidays = (month == 12 && dayOfMonth >= 22) || (month == 1 && dayOfMonth <= 2)
        return (day.isWeekend ? 0.5 : 1.2) * (holidays ? 0.4 : 1)
    }
}

/// The life of one lead, drawn from its own random stream.
private struct LeadSimulation {
    typealias Stage = DemoCatalog.Stage
    var rng: SeededGenerator
    var lead: DemoLead
    var deal: DemoDeal?

    init(number: Int, arrival: Day, source: Int, seed: UInt64) {
        rng = SeededGenerator(seed: seed, stream: UInt64(number))
        let channels = DemoCatalog.channels.indices.filter { DemoCatalog.channels[$0].source == source }
        let channel = channels[rng.pick(weights: channels.map { DemoCatalog.channels[$0].weight })]
        let segmentWeights = [[0.15, 0.37, 0.48], [0.35, 0.40, 0.25], [0.20, 0.42, 0.38]][source]
        let segment = rng.pick(weights: segmentWeights)
        let region = rng.pick(weights: DemoCatalog.regionWeights)
        let executives = DemoCatalog.accountExecutives.indices.filter {
            DemoCatalog.accountExecutives[$0].segment == segment && DemoCatalog.accountExecutives[$0].regions.contains(region)
        }
        let developmentReps = DemoCatalog.developmentReps.indices.filter { DemoCatalog.developmentReps[$0].region == region }
        lead = DemoLead(
            number: number, created: arrival, lastActivity: arrival, name: [],
            source: source, channel: channel, segment: segment, region: region,
            developmentRep: source == DemoCatalog.Source.marketing ? rng.element(of: developmentReps) : -1,
            accountExecutive: rng.element(of: executives),
            dates: DemoStageDates(), lost: nil, lostReason: -1, deal: -1)
        lead.name = CSV.escaped(companyName(region: region))
    }

    mutating func run() -> DemoLead {
        var stage: Int
        switch lead.source {
        case DemoCatalog.Source.marketing:
            stage = Stage.inquiry
            lead.dates.inquiry = inquiryDate()
        case DemoCatalog.Source.sales:
            stage = [Stage.sal, Stage.sql, Stage.opportunity][rng.pick(weights: [0.55, 0.30, 0.15])]
            lead.created = lead.created.businessDayOnOrAfter
            lead.dates[stage] = lead.created
        default:
            stage = rng.chance(0.5) ? Stage.sql : Stage.opportunity
            lead.created = lead.created.businessDayOnOrAfter
            lead.dates[stage] = lead.created
        }
        while stage < Stage.won, let next = advance(from: stage) {
            stage = next
        }
        var last = max(lead.created, lead.lost ?? lead.created)
        for stage in 0..<Stage.count {
            if let date = lead.dates[stage], date > last { last = date }
        }
        lead.lastActivity = last
        return lead
    }

    /// Moves the lead on from `stage`; nil when it stops there (lost, or gone quiet).
    private mutating func advance(from stage: Int) -> Int? {
        let day = lead.dates[stage]!
        switch stage {
        case Stage.inquiry:
            let segmentFactor = [1.4, 1.05, 0.85][lead.segment]
            guard rng.chance(DemoCatalog.channels[lead.channel].mqlRate * segmentFactor) else { return nil }
            let delay = rng.chance(0.4) ? 0 : min(60, Int(rng.exponential(mean: 9)))
            lead.dates.mql = max(day.adding(days: delay), lead.created)
            return Stage.mql
        case Stage.mql:
            // Lead acceptance: most MQLs get an answer within two days, some late, some never.
            guard !rng.chance(0.08) else { return nil }
            let answered = day.adding(days: acceptanceDelay())
            let response = rng.chance(0.5) ? answered.businessDayOnOrAfter : answered
            guard rng.chance(0.60) else { return lose(on: response, reasons: DemoCatalog.mqlRejectionReasons) }
            lead.dates.sal = response
            return Stage.sal
        case Stage.sal:
            guard rng.chance(0.60) else {
                guard rng.chance(0.75) else { return nil }
                return lose(on: day.adding(days: 7 + rng.int(below: 40)).businessDayOnOrAfter,
                            reasons: DemoCatalog.qualificationReasons)
            }
            let delay = 2 + min(45, Int(rng.exponential(mean: 8)))
            lead.dates.sql = day.adding(days: delay).businessDayOnOrAfter
            return Stage.sql
        case Stage.sql:
            guard rng.chance(lead.segment == DemoCatalog.Segment.enterprise ? 0.82 : 0.87) else {
                guard rng.chance(0.8) else { return nil }
                return lose(on: day.adding(days: 4 + rng.int(below: 25)).businessDayOnOrAfter,
                            reasons: DemoCatalog.qualificationReasons)
            }
            let delay = rng.chance(0.78) ? rng.int(in: 0...4) : rng.int(in: 5...20)
            lead.dates.opportunity = day.adding(days: delay).businessDayOnOrAfter
            return Stage.opportunity
        default:
            runDeal(from: day)
            return nil
        }
    }

    private mutating func lose(on day: Day, reasons: Range<Int>) -> Int? {
        lead.lost = day
        lead.lostReason = reasons.lowerBound + rng.int(below: reasons.count)
        return nil
    }

    /// Days from MQL to the SDR's answer: 0–2 days for about 70 %, then a tail of weeks.
    private mutating func acceptanceDelay() -> Int {
        let u = rng.unit()
        if u < 0.40 { return 0 }
        if u < 0.68 { return 1 }
        if u < 0.80 { return 2 }
        if u < 0.93 { return rng.int(in: 3...7) }
        return rng.int(in: 8...25)
    }

    /// Webinar and event leads carry the date of the session, uploaded some days later.
    private mutating func inquiryDate() -> Day {
        let arrival = lead.created
        switch DemoCatalog.channels[lead.channel].name {
        case "Webinar" where rng.chance(0.7):
            return arrival.adding(days: -((arrival.weekdayFromMonday - 3 + 7) % 7))   // the Thursday before
        case "Events" where rng.chance(0.8):
            // Trade shows every five weeks, on Tuesdays.
            let sinceAnchor = Int(arrival.daysSinceEpoch) - 5   // 1970-01-06 was a Tuesday
            let offset = ((sinceAnchor % 35) + 35) % 35
            return arrival.adding(days: -offset)
        default:
            return arrival
        }
    }

    private mutating func companyName(region: Int) -> String {
        let prefix = rng.element(of: DemoCatalog.namePrefixes)
        let industry = rng.element(of: DemoCatalog.nameIndustries)
        let suffix = rng.element(of: DemoCatalog.nameSuffixes[region])
        if rng.chance(0.002) { return "\(prefix) \"\(industry)\" Works" }
        if suffix.isEmpty { return "\(prefix) \(industry)" }
        return suffix.hasPrefix(",") ? "\(prefix) \(industry)\(suffix)" : "\(prefix) \(industry) \(suffix)"
    }
}

// MARK: - Opportunities

private extension LeadSimulation {
    /// Amount, expected close date and outcome of an opportunity created on `opened`.
    mutating func runDeal(from opened: Day) {
        let segment = lead.segment
        let sourceEdge = [-0.03, 0, 0.05][lead.source]
        let won = rng.chance(DemoCatalog.winRate[segment] + sourceEdge)
        let cycle = DemoCatalog.salesCycle[segment]
        let cycleDays = clamp(rng.logNormal(median: cycle.median, sigma: cycle.sigma), cycle.range)
        var estimate = opened.adding(days: Int(cycleDays * (0.5 + 1.0 * rng.unit())))
        if rng.chance(0.5) { estimate = estimate.lastDayOfMonth }
        let goesDark = !won && rng.chance(0.35)
        var close: Day
        if goesDark {
            // Nobody touches the deal after its date passes, until a pipeline review closes it out.
            close = estimate.adding(days: 7 + rng.int(below: 50)).businessDayOnOrAfter
        } else {
            let days = won ? cycleDays : cycleDays * (0.6 + 0.7 * rng.unit())
            close = opened.adding(days: Int(days)).businessDayOnOrAfter
        }
        if won, rng.chance(0.3) {
            // The quarter-end push: many wins land in the quarter's last two weeks.
            let quarter = DemoQuarter(containing: close, startMonth: DemoPlan.fiscalYearStartMonth)
            let candidate = businessDayOnOrBefore(quarter.end.adding(days: -rng.int(below: 12)))
            if candidate > close { close = candidate }
        }
        deal = DemoDeal(amounts: amounts(opened: opened, close: close, won: won),
                        closeDates: goesDark ? [(opened, estimate), (close, close)]
                                             : closeDates(opened: opened, estimate: estimate, close: close))
        if won {
            lead.dates.won = close
        } else if goesDark {
            lead.lost = close
            lead.lostReason = DemoCatalog.opportunityReasons.lowerBound + 1   // No decision
        } else {
            _ = lose(on: close, reasons: DemoCatalog.opportunityReasons)
        }
    }

    mutating func amounts(opened: Day, close: Day, won: Bool) -> [(day: Day, amount: Money?)] {
        let size = DemoCatalog.dealSize[lead.segment]
        var dollars = rounded(clamp(rng.logNormal(median: size.median, sigma: size.sigma), size.range), to: size.step)
        var cents = Int64(dollars) * 100
        if lead.segment == DemoCatalog.Segment.smb, rng.chance(0.12) {
            // Priced per robot cell: units times a list price with cents.
            let unitCents = rng.element(of: [124_950 as Int64, 89_950, 214_950])
            cents = max(1, (cents + unitCents / 2) / unitCents) * unitCents
        }
        var entries: [(day: Day, amount: Money?)] = []
        let span = close.days(since: opened)
        if rng.chance(0.04) {
            entries.append((opened, nil))
            if rng.chance(0.5), span > 22 {
                entries.append((opened.adding(days: rng.int(in: 7...21)), Money(cents: cents)))
            }
        } else {
            entries.append((opened, Money(cents: cents)))
        }
        let revisions = rng.pick(weights: [0.42, 0.33, 0.18, 0.07])
        var days = (0..<revisions).map { _ in span > 2 ? opened.adding(days: 1 + rng.int(below: span - 1)) : close }
        days.sort()
        for day in days {
            let factor = rng.chance(0.55) ? 1.05 + 0.3 * rng.unit() : 0.7 + 0.25 * rng.unit()
            dollars = rounded(clamp(Double(cents / 100) * factor, size.range), to: size.step)
            cents = Int64(dollars) * 100
            entries.append((day, Money(cents: cents)))
        }
        if won, entries.last?.amount == nil {
            entries.append((close, Money(cents: cents)))
        }
        return entries.enumerated()
            .sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }
            .map(\.element)
    }

    /// The rep's estimates: pushed when the deal runs late (often only after the date has
    /// passed), sometimes pulled in, and set to the closing day when it closes.
    mutating func closeDates(opened: Day, estimate first: Day, close: Day) -> [(day: Day, close: Day)] {
        var estimate = first
        var entries = [(day: opened, close: estimate)]
        var changed = opened
        for _ in 0..<6 {
            if estimate.days(since: close) < -3 {
                // Some reps never touch the date again: past due until the deal closes.
                guard !rng.chance(0.2) else { break }
                var revision = rng.chance(0.3) ? estimate.adding(days: -rng.int(in: 0...10))
                                               : estimate.adding(days: rng.int(in: 0...35))
                revision = max(revision, changed.adding(days: 1))
                guard revision < close else { break }
                var next = rng.chance(0.35) ? close.adding(days: rng.int(in: -3...10))
                                            : revision.adding(days: 14 + rng.int(below: 45))
                next = max(next, revision.adding(days: 7))
                if rng.chance(0.5) { next = next.lastDayOfMonth }
                entries.append((revision, next))
                estimate = next
                changed = revision
            } else if estimate.days(since: close) > 20, rng.chance(0.7) {
                let room = close.days(since: changed) - 1
                if room > 0 {
                    entries.append((changed.adding(days: 1 + rng.int(below: room)), close.adding(days: rng.int(in: 0...5))))
                }
                break
            } else {
                break
            }
        }
        entries.append((close, close))
        return quarterEndScrub(entries, opened: opened, close: close)
    }

    /// In the last weeks of each quarter the forecast is scrubbed: a deal still expected in
    /// the quarter (or already past due) that will not close in it is usually pushed out.
    mutating func quarterEndScrub(_ entries: [(day: Day, close: Day)], opened: Day, close: Day) -> [(day: Day, close: Day)] {
        var entries = entries
        var quarter = DemoQuarter(containing: opened, startMonth: DemoPlan.fiscalYearStartMonth)
        while quarter.end < close {
            let scrub = businessDayOnOrBefore(quarter.end.adding(days: -rng.int(in: 0...16)))
            let current = entries.last { $0.day <= scrub }?.close ?? close
            if scrub > opened.adding(days: 3), current <= quarter.end, rng.chance(0.65) {
                var pushed = quarter.next.start.adding(days: rng.int(in: 5...60))
                if rng.chance(0.5) { pushed = pushed.lastDayOfMonth }
                let index = entries.firstIndex { $0.day > scrub } ?? entries.count
                entries.insert((scrub, pushed), at: index)
            }
            quarter = quarter.next
        }
        return entries
    }

    func clamp(_ value: Double, _ range: ClosedRange<Double>) -> Double {
        min(max(value, range.lowerBound), range.upperBound)
    }

    func rounded(_ value: Double, to step: Double) -> Double {
        max(step, (value / step).rounded() * step)
    }

    func businessDayOnOrBefore(_ day: Day) -> Day {
        switch day.weekdayFromMonday {
        case 5: return day.adding(days: -1)
        case 6: return day.adding(days: -2)
        default: return day
        }
    }
}
