import WaterfallKit

/// Weekly commentary for the last three snapshots, written in turn by Marketing, Sales and
/// Finance, plus a few notes for single segments and regions.
struct DemoCommentary {
    let plan: DemoPlan
    let population: DemoPopulation
    let targets: DemoTargets

    private typealias Text = DemoCommentaryText

    func files() -> [ContentFile] {
        var files: [ContentFile] = []
        for day in plan.snapshots.suffix(3) {
            let facts = DemoWeekFacts(population: population, day: day) { _ in true }
            var rng = SeededGenerator(seed: plan.seed, stream: 0xC0_0000 + UInt64(bitPattern: Int64(day.daysSinceEpoch)))
            let body: String
            switch (Int(day.daysSinceEpoch) / 7) % 3 {
            case 0: body = marketing(facts, rng: &rng)
            case 1: body = sales(facts, rng: &rng)
            default: body = finance(facts, rng: &rng)
            }
            files.append(ContentFile(path: "commentary/\(day.iso).md", text: body))
        }
        let notes: [(snapshotsBack: Int, note: ScopeNote)] = [
            (0, .enterprise), (0, .midMarket), (0, .emea), (1, .apac), (1, .smb),
        ]
        for (back, note) in notes where back < plan.snapshots.count {
            let day = plan.snapshots[plan.snapshots.count - 1 - back]
            let facts = DemoWeekFacts(population: population, day: day) { note.includes($0) }
            let path = "commentary/\(day.iso)/\(note.dimension)/\(slug(note.value)).md"
            files.append(ContentFile(path: path, text: scopeNote(note, facts)))
        }
        return files
    }
}

// MARK: - Company-wide voices

private extension DemoCommentary {
    func marketing(_ facts: DemoWeekFacts, rng: inout SeededGenerator) -> String {
        let change = Text.percent(facts.mqlsThisWeek - facts.mqlsLastWeek, of: facts.mqlsLastWeek)
        let trend: String
        switch change {
        case nil: trend = "MQLs: \(facts.mqlsThisWeek) this week"
        case let value? where value >= 3: trend = "MQLs up \(value)% on last week"
        case let value? where value <= -3: trend = "MQLs down \(-value)% on last week"
        default: trend = "MQLs flat on last week"
        }
        let onTime = Text.percent(facts.answeredOnTime, of: facts.answeredMQLs)
        var text = frontMatter(title: trend + (onTime.map { ", lead acceptance at \($0)%" } ?? ""),
                               author: "Dana Whitfield", team: "Marketing")
        text += """
            We generated **\(facts.mqlsThisWeek) MQLs** in the week to \(Text.prose(facts.day)), against \
            \(facts.mqlsLastWeek) the week before, from \(facts.inquiriesThisWeek) new inquiries. \
            \(rng.element(of: Self.channelNotes))\((change ?? 0) <= -25 ? " " + Self.dropNote : "")

            ## Lead acceptance


            """
        if let onTime {
            text += "\(facts.answeredOnTime) of the \(facts.answeredMQLs) MQLs answered in the last four weeks were "
                + "accepted or rejected within the two-day SLA (\(onTime)%). "
        }
        if facts.waitingMQLs > 0 {
            let region = DemoCatalog.regions[facts.waitingByRegion.indices.max { facts.waitingByRegion[$0] < facts.waitingByRegion[$1] }!]
            text += "**\(Text.count(facts.waitingMQLs, "MQL")) \(facts.waitingMQLs == 1 ? "is" : "are") still waiting past the SLA**, most of them in \(region). "
                + "Anything older than a week goes back to nurture on Friday, so please work the queue.\n\n"
        } else {
            text += "The queue is clear: no MQL is waiting past the SLA.\n\n"
        }
        if let share = Text.percent(facts.marketingOpportunitiesT13, of: facts.opportunitiesT13) {
            let band = share < 20 ? "below the 20–30% band we have committed to"
                : share > 30 ? "above the 20–30% band, helped by the events season" : "inside the 20–30% band"
            text += """
                ## Share of pipeline

                Marketing sourced \(share)% of the opportunities created in the last thirteen weeks \
                (\(facts.marketingOpportunitiesT13) of \(facts.opportunitiesT13)), \(band).


                """
        }
        text += "Next week:\n\n"
        for item in pick(3, from: Self.marketingPlans, rng: &rng) { text += "- \(item)\n" }
        return text
    }

    func sales(_ facts: DemoWeekFacts, rng: inout SeededGenerator) -> String {
        let title = facts.wonThisWeek == 0 ? "No deal won this week"
            : facts.wonThisWeek == 1 ? "One deal won this week" : "\(facts.wonThisWeek) deals won this week"
        var text = frontMatter(title: title + (facts.pastDueCount > 0 ? ", \(Text.count(facts.pastDueCount, "past-due deal")) to clean up" : ""),
                               author: "Marcus Oyelaran", team: "Sales")
        text += "## Wins\n\n"
        if let biggest = facts.biggestWin {
            text += "We closed \(Text.count(facts.wonThisWeek, "deal")) for \(Text.money(facts.wonThisWeekAmount)) this week. "
                + "The biggest was **\(biggest.name)** (\(DemoCatalog.segments[biggest.segment]), \(Text.money(biggest.cents))), "
                + rng.element(of: Self.winNotes) + "\n\n"
        } else {
            text += "No deal closed this week. The next ones to watch are in the commit column of the forecast.\n\n"
        }
        text += """
            ## Pipeline

            Open pipeline stands at \(Text.money(facts.openAmount)) across \(facts.openCount) opportunities; \
            \(Text.money(facts.inQuarterAmount)) of it is expected to close in \(facts.quarter.label).


            """
        if facts.pushedCount > 0 {
            text += "\(Text.count(facts.pushedCount, "deal")) (\(Text.money(facts.pushedAmount))) slipped into a later quarter this week. "
                + "Every push needs a reason in the next-step field before the forecast call.\n\n"
        }
        if facts.pastDueCount > 0 {
            text += "**\(Text.count(facts.pastDueCount, "open opportunity", "open opportunities")) (\(Text.money(facts.pastDueAmount))) \(facts.pastDueCount == 1 ? "has" : "have") a close date in the past.** "
                + "Owners: update the date or close them out by Tuesday.\n\n"
        }
        text += "Asks for the team:\n\n"
        for (index, item) in pick(3, from: Self.salesAsks, rng: &rng).enumerated() { text += "\(index + 1). \(item)\n" }
        return text
    }

    func finance(_ facts: DemoWeekFacts, rng: inout SeededGenerator) -> String {
        let target = targets.target(for: facts.quarter)?.cents ?? 0
        let attainment = Text.percent(facts.bookedQTD, of: target) ?? 0
        let elapsed = Text.percent(facts.elapsedDays, of: facts.quarter.dayCount) ?? 0
        var text = frontMatter(title: "\(facts.quarter.label): \(attainment)% of plan booked with \(facts.daysLeft) days to go",
                               author: "Helen Brandt", team: "Finance")
        text += """
            We have booked **\(Text.money(facts.bookedQTD))** against the \(facts.quarter.label) plan of \
            \(Text.money(target)) (\(attainment)%), \(facts.elapsedDays) of \(facts.quarter.dayCount) days into the \
            quarter (\(elapsed)% of the time).


            """
        let previousQuarter = DemoQuarter(containing: facts.quarter.start.adding(days: -1), startMonth: DemoPlan.fiscalYearStartMonth)
        if facts.elapsedDays <= 28, let previousTarget = targets.target(for: previousQuarter) {
            let booked = bookings(in: previousQuarter)
            text += "\(previousQuarter.label) closed at \(Text.money(booked)), "
                + "\(Text.percent(booked, of: previousTarget.cents) ?? 0)% of plan. "
                + "The quarter-end push carried it again; I would rather see the wins spread across the quarter.\n\n"
        }
        let remaining = max(target - facts.bookedQTD, 0)
        if remaining > 0 {
            let coverage = Text.ratio(facts.inQuarterAmount, remaining)
            let verdict = facts.inQuarterAmount >= 3 * remaining
                ? "Comfortable on paper, but part of it is past due and will move."
                : "Below the 3x we want at this point of the quarter, so the gap has to come from pull-ins and the pipeline Marketing is building now."
            text += "Coverage: the pipeline expected to close this quarter is \(Text.money(facts.inQuarterAmount)), "
                + "\(coverage)x the \(Text.money(remaining)) still to book. \(verdict)\n\n"
        } else {
            text += "The quarter's plan is already booked; everything from here is upside.\n\n"
        }
        text += "For the record:\n\n"
        if facts.pastDueCount > 0 {
            text += "- Past-due deals (\(Text.money(facts.pastDueAmount))) stay out of my forecast until their dates are fixed.\n"
        }
        for item in pick(2, from: Self.financeNotes, rng: &rng) { text += "- \(item)\n" }
        return text
    }

    func bookings(in quarter: DemoQuarter) -> Int64 {
        DemoTargets.bookings(in: quarter, population: population).reduce(0, +)
    }

    func frontMatter(title: String, author: String, team: String) -> String {
        "---\ntitle: \(Text.yamlQuoted(title))\nauthor: \(author)\nteam: \(team)\n---\n\n"
    }

    /// `count` different items in a random order.
    func pick(_ count: Int, from items: [String], rng: inout SeededGenerator) -> [String] {
        var pool = items, chosen: [String] = []
        while chosen.count < count, !pool.isEmpty {
            chosen.append(pool.remove(at: rng.int(below: pool.count)))
        }
        return chosen
    }
}

// MARK: - Segment and region notes

private extension DemoCommentary {
    enum ScopeNote {
        case enterprise, midMarket, smb, emea, apac

        var dimension: String {
            switch self {
            case .enterprise, .midMarket, .smb: return "segment"
            case .emea, .apac: return "region"
            }
        }

        var value: String {
            switch self {
            case .enterprise: return DemoCatalog.segments[0]
            case .midMarket: return DemoCatalog.segments[1]
            case .smb: return DemoCatalog.segments[2]
            case .emea: return DemoCatalog.regions[1]
            case .apac: return DemoCatalog.regions[2]
            }
        }

        func includes(_ lead: DemoLead) -> Bool {
            switch self {
            case .enterprise: return lead.segment == 0
            case .midMarket: return lead.segment == 1
            case .smb: return lead.segment == 2
            case .emea: return lead.region == 1
            case .apac: return lead.region == 2
            }
        }

        var author: (name: String, role: String) {
            switch self {
            case .enterprise: return ("Jordan Ellis", "Enterprise")
            case .midMarket: return ("Carlos Medina", "Mid-Market")
            case .smb: return ("Tyler Brooks", "SMB")
            case .emea: return ("Lukas Brenner", "EMEA")
            case .apac: return ("Mei Tanaka", "APAC")
            }
        }

        var story: String {
            switch self {
            case .enterprise:
                return "Cycles are running long: security and legal reviews add two to three weeks to the automotive "
                    + "and aerospace deals, and two pilots only turn into production orders if the integrators' "
                    + "schedules hold. Expect more pushes than pull-ins from this segment until January."
            case .midMarket:
                return "Mid-Market is the engine this quarter. Food and beverage plants are buying palletizing cells "
                    + "on the payback calculator alone, and the webinar leads convert faster than any other channel."
            case .smb:
                return "SMB deals close in weeks, not months, so the number moves with lead flow. The per-cell pricing "
                    + "keeps discounting in check; the self-serve quote tool goes live next month."
            case .emea:
                return "The trade-show follow-ups are turning into SQLs. German and Nordic manufacturers want "
                    + "fixed-price integration, which our partners in Stuttgart and Gothenburg now offer, and UK "
                    + "deals are slower while customers wait for capital allowances to be confirmed."
            case .apac:
                return "Japan and Australia carry the region; Southeast Asia is mostly partner-sourced and smaller. "
                    + "Lead acceptance suffers from the time difference with the SDR team, which we fix by moving "
                    + "APAC MQLs to Kenji's queue directly."
            }
        }
    }

    func scopeNote(_ note: ScopeNote, _ facts: DemoWeekFacts) -> String {
        let target = note.dimension == "segment"
            ? targets.target(for: facts.quarter, segment: DemoCatalog.segments.firstIndex(of: note.value))
            : nil
        let attainment = target.flatMap { Text.percent(facts.bookedQTD, of: $0.cents) }
        let headline = attainment.map { "\($0)% of plan, \(facts.openCount) deals open" }
            ?? "\(Text.money(facts.openAmount)) open pipeline, \(Text.count(facts.wonQTD, "win")) this quarter"
        var text = frontMatter(title: "\(note.value): \(headline)", author: note.author.name, team: "Sales")
        text += "\(note.value) has \(facts.openCount) open opportunities worth \(Text.money(facts.openAmount)); "
            + "\(Text.money(facts.inQuarterAmount)) of that is expected to close in \(facts.quarter.label). "
            + "We have booked \(Text.money(facts.bookedQTD)) so far"
            + (target.map { " against a plan of \(Text.money($0.cents)) (\(attainment ?? 0)%)." } ?? ".") + "\n\n"
        text += note.story + "\n\n"
        var items: [String] = []
        if facts.pushedCount > 0 {
            items.append("\(facts.pushedCount) pushed to a later quarter this week (\(Text.money(facts.pushedAmount))).")
        }
        if facts.pastDueCount > 0 {
            items.append("\(facts.pastDueCount) past due (\(Text.money(facts.pastDueAmount))): dates to fix before the forecast call.")
        }
        if facts.waitingMQLs > 0 {
            items.append("\(Text.count(facts.waitingMQLs, "MQL")) waiting past the two-day acceptance SLA.")
        }
        if !items.isEmpty {
            text += "This week:\n\n" + items.map { "- \($0)\n" }.joined()
        }
        text += "\n— \(note.author.name), \(note.author.role)\n"
        return text
    }
}

// MARK: - Phrases

private extension DemoCommentary {
    static let channelNotes = [
        "The Thursday webinar on palletizing cells filled up again and accounts for most of the lift.",
        "Paid search is steady after we moved budget from generic \"industrial robot\" terms to cobot welding and palletizer ROI.",
        "Leads from the last trade show are now uploaded and scored, which shows as a bump in inquiries dated on the show days.",
        "Content downloads are up, but they convert to MQL at half the rate of demo requests, so read the volume with care.",
    ]

    static let dropNote = "The drop is mostly timing: no webinar ran this week and the next trade show is still ahead of us."

    static let marketingPlans = [
        "Launch the payback-calculator campaign for Mid-Market food and beverage plants.",
        "Review the lead-scoring threshold with the SDR team: too many MQLs from students and consultants.",
        "Webinar on Thursday: *Cobots in cold storage*, with a customer from the Nordics.",
        "Co-marketing with two integrators in EMEA, leads routed straight to the partner managers.",
        "Retarget last quarter's event attendees who never booked a call.",
    ]

    static let winNotes = [
        "a line expansion after a three-month pilot.",
        "won against two competitors on integration time.",
        "a second site for an existing customer.",
        "signed a week earlier than forecast.",
    ]

    static let salesAsks = [
        "Every opportunity over $50k needs a mutual close plan in the CRM.",
        "Accept or reject new MQLs within two days; the SDRs cannot follow up on leads you have not answered.",
        "Update amounts after scoping calls, not at signature.",
        "Log the lost reason when you close a deal out; \"other\" is not a reason.",
        "Book the technical review with the solutions engineers before sending a quote.",
    ]

    static let financeNotes = [
        "Bookings count on signature at the amount in the CRM that day; later changes do not restate a closed quarter.",
        "Targets for next quarter are set in the planning cycle in December.",
        "The forecast call moves to Monday in the last month of the quarter.",
        "Deals without an amount count as zero in every total; there are a few, please fill them in.",
    ]
}
