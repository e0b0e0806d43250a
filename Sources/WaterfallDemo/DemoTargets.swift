import WaterfallKit

/// The bookings plan (`targets.csv`) for every fiscal quarter a snapshot falls in, set from
/// what the simulation will book so that company attainment lands between about 88 and 102 %.
struct DemoTargets: Sendable {
    struct Row: Sendable {
        var quarter: DemoQuarter
        /// nil for the company row, else an index in `DemoCatalog.segments`.
        var segment: Int?
        var bookings: Money
    }

    var rows: [Row]

    /// The company plan is what the quarter will book divided by an attainment of 88–102 %;
    /// it is split across segments half by their run rate over the four quarters before and
    /// half by what they book, so a lumpy Enterprise quarter misses or beats its plan.
    init(plan: DemoPlan, population: DemoPopulation) {
        var rng = SeededGenerator(seed: plan.seed, stream: 0x7A26_E700)
        rows = []
        for quarter in plan.quarters {
            let booked = DemoTargets.bookings(in: quarter, population: population)
            var history = [Int64](repeating: 0, count: DemoCatalog.segments.count)
            var earlier = quarter
            for _ in 0..<4 {
                earlier = DemoQuarter(containing: earlier.start.adding(days: -1), startMonth: DemoPlan.fiscalYearStartMonth)
                for (segment, cents) in DemoTargets.bookings(in: earlier, population: population).enumerated() {
                    history[segment] += cents
                }
            }
            let weights = DemoCatalog.segments.indices.map { Double(booked[$0]) / 2 + Double(history[$0]) / 8 }
            let totalWeight = max(weights.reduce(0, +), 1)
            let companyTarget = Double(booked.reduce(0, +)) / (0.88 + 0.14 * rng.unit())
            let step = 500_000.0   // $5,000 in cents
            var segmentRows: [Row] = []
            for segment in DemoCatalog.segments.indices {
                let target = companyTarget * weights[segment] / totalWeight
                let cents = max(Int64(step), Int64((target / step).rounded()) * Int64(step))
                segmentRows.append(Row(quarter: quarter, segment: segment, bookings: Money(cents: cents)))
            }
            rows.append(Row(quarter: quarter, segment: nil, bookings: segmentRows.reduce(Money.zero) { $0 + $1.bookings }))
            rows += segmentRows
        }
    }

    /// Won amounts by segment for wins dated in `quarter`, at the amount on the day of the win.
    static func bookings(in quarter: DemoQuarter, population: DemoPopulation) -> [Int64] {
        var booked = [Int64](repeating: 0, count: DemoCatalog.segments.count)
        for lead in population.leads {
            guard let won = lead.dates.won, quarter.contains(won), lead.deal >= 0 else { continue }
            booked[lead.segment] += population.deals[lead.deal].amount(asOf: won)?.cents ?? 0
        }
        return booked
    }

    func target(for quarter: DemoQuarter, segment: Int? = nil) -> Money? {
        rows.first { $0.quarter == quarter && $0.segment == segment }?.bookings
    }

    /// `quarter,dimension,value,bookings`; an empty dimension and value is the company row.
    var csv: String {
        var text = "quarter,dimension,value,bookings\n"
        for row in rows {
            let scope = row.segment.map { "segment," + DemoCatalog.segments[$0] } ?? ","
            text += "\(row.quarter.label),\(scope),\(row.bookings.decimalString)\n"
        }
        return text
    }
}
