import Testing
@testable import WaterfallKit

// Snapshot 2026-11-20; quarter FY2027-Q4 = 2026-11-01…2027-01-31; pipeline stage: opportunity.
let dealsCSV = """
\(fullHeader)
P1,Marketing,Ent,,,,,2026-10-10,,,1000,2026-12-15,Ann
P2,Sales,Ent,,,,,2026-11-02,,,2000.50,2026-11-10,Bob
P3,Partner,SMB,,,,,2026-11-05,,,,2027-03-01,Cy
P4,Marketing,SMB,,,,,2026-09-01,2026-11-15,,500,,Dee
P5,Sales,Ent,,,,,2026-08-01,,2026-11-03,700,,Eve
P6,Sales,Ent,,,,2026-10-01,,,2026-11-04,900,,Fay
P7,Marketing,Ent,,2026-11-01,,,,,,,,Gil
P8,Marketing,Ent,,,,,2026-06-01,2026-07-01,,900,,Hal
"""

private func cents(_ units: Double) -> Money { Money(cents: Int64((units * 100).rounded())) }

@Test func sumsTheOpenPipelineByStageSourceQuarterAndPastDue() throws {
    let pipeline = try metrics(dealsCSV, date: "2026-11-20").company.pipeline
    #expect(pipeline.total == CountAmount(count: 3, amount: cents(3000.50)))
    #expect(pipeline.byStage.map(\.stage) == [stage("opportunity")])
    #expect(pipeline.byStage[0].value == CountAmount(count: 3, amount: cents(3000.50)))
    #expect(pipeline.bySource.map(\.source) == ["Marketing", "Partner", "Sales"])
    #expect(pipeline.bySource.map(\.value) == [
        CountAmount(count: 1, amount: cents(1000)), CountAmount(count: 1, amount: .zero),
        CountAmount(count: 1, amount: cents(2000.50)),
    ])
    #expect(pipeline.inQuarter == CountAmount(count: 2, amount: cents(3000.50)))
    #expect(pipeline.pastDue == CountAmount(count: 1, amount: cents(2000.50)))
}

@Test func listsEverySourceOfTheScopeInByStageWithZeros() throws {
    let smb = try metrics(dealsCSV, date: "2026-11-20").scope("segment=SMB")!
    #expect(smb.pipeline.bySource.map(\.source) == ["Marketing", "Partner"])
    #expect(smb.pipeline.bySource[0].value == CountAmount())
    #expect(smb.bookings.bySource.map(\.source) == ["Marketing", "Partner"])
}

@Test func booksWonDealsByWindowAndSource() throws {
    let bookings = try metrics(dealsCSV, date: "2026-11-20").company.bookings
    #expect(bookings.week == CountAmount(count: 1, amount: cents(500)))
    #expect(bookings.qtd == CountAmount(count: 1, amount: cents(500)))
    #expect(bookings.t13 == CountAmount(count: 1, amount: cents(500)))
    #expect(bookings.bySource.map(\.source) == ["Marketing", "Partner", "Sales"])
    #expect(bookings.bySource.map(\.value.count) == [1, 0, 0])
}

@Test func winRateCountsOnlyDealsThatReachedThePipelineStage() throws {
    let winRate = try metrics(dealsCSV, date: "2026-11-20").company.winRate
    #expect(winRate.qtd.won == 1)
    #expect(winRate.qtd.lost == 1)
    #expect(winRate.qtd.rate == 0.5)
    #expect(winRate.qtd.amountRate == 500.0 / 1200.0)
    #expect(winRate.t13 == winRate.qtd)
    let bySource = Dictionary(uniqueKeysWithValues: winRate.bySource.map { ($0.source, $0.value) })
    #expect(bySource["Marketing"]!.qtd.rate == 1)
    #expect(bySource["Sales"]!.qtd.rate == 0)
    #expect(bySource["Partner"]!.qtd.rate == nil)
}

@Test func marketingShareUsesOpportunitiesCreatedInTheWindow() throws {
    let share = try metrics(dealsCSV, date: "2026-11-20").company.marketingShare
    #expect(share.qtd.opportunities == CountAmount(count: 2, amount: cents(2000.50)))
    #expect(share.qtd.countShare == 0)
    #expect(share.qtd.amountShare == 0)
    #expect(share.t13.opportunities == CountAmount(count: 4, amount: cents(3500.50)))
    #expect(share.t13.countShare == 0.5)
    #expect(share.t13.amountShare == 150_000.0 / 350_050.0)
}

@Test func readsThePlanRightToLeftWithExactCeilings() throws {
    let targets = Targets(bookings: [Targets.Key(quarter: "FY2027-Q4", scope: .company): cents(10_000)])
    let result = try metrics(dealsCSV, date: "2026-11-20", targets: targets)
    let plan = try #require(result.company.plan)
    #expect(plan.quarter == "FY2027-Q4")
    #expect(plan.booked == cents(500))
    #expect(plan.attainment == 0.05)
    #expect(plan.remaining == cents(9500))
    #expect(plan.coverage == 300_050.0 / 950_000.0)
    #expect(plan.avgDeal == cents(500))
    #expect(plan.reverseFunnel.map(\.stage) == ["won", "opportunity", "sql", "sal", "mql", "inquiry"].map(stage))
    #expect(plan.reverseFunnel.map(\.need) == [20, 40, nil, nil, nil, nil])
    #expect(plan.reverseFunnel[0].actual == 1)
    // 20 of the quarter's 92 days have elapsed on 2026-11-20.
    #expect(plan.reverseFunnel[0].expectedByNow == 20.0 * (20.0 / 92.0))
    #expect(plan.reverseFunnel[0].paceGap == 1 - 20.0 * (20.0 / 92.0))
    #expect(plan.reverseFunnel[2].expectedByNow == nil)
    #expect(result.scope("segment=Ent")?.plan == nil)
}

@Test func computesNeedsAsIntegerCeilingsNotFloats() {
    // 0.07 × 100 / 7.00 is 1.0000000000000002 in floating point.
    #expect(ceilingOfProduct(7, times: 100, dividedBy: 700) == 1)
    #expect(ceilingOfProduct(100_000, times: 1, dividedBy: 30_000) == 4)
    #expect(ceilingOfProduct(5, times: 3, dividedBy: 0) == nil)
    #expect(roundedDivision(5, by: 2) == 3)
    #expect(roundedDivision(-5, by: 2) == -3)
    #expect(roundedDivision(7, by: 3) == 2)
}

@Test func leavesThePlanOutWithoutATarget() throws {
    #expect(try metrics(dealsCSV, date: "2026-11-20").company.plan == nil)
}
