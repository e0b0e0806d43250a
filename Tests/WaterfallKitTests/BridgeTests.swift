import Testing
@testable import WaterfallKit

private let header = "id,segment,opportunity_date,won_date,lost_date,amount,close_date"
private let previousCSV = """
\(header)
B1,Ent,2026-10-01,,,1000,2026-12-01
B2,Ent,2026-10-01,,,2000,2026-12-15
B3,Ent,2026-10-01,,,500,2026-12-15
B4,Ent,2026-10-01,,,300,2026-12-15
B5,Ent,2026-10-01,,,100,2026-12-15
B6,SMB,2026-10-01,,,400,2026-11-30
B7,Ent,2026-10-01,,,50,2026-12-15
B9,SMB,2026-10-01,,,80,2026-12-15
"""
private let currentCSV = """
\(header)
B1,Ent,2026-10-01,,,1500,2027-02-15
B2,Ent,2026-10-01,,,1800,2026-11-30
B3,Ent,2026-10-01,2026-11-18,,600,2026-12-15
B4,Ent,2026-10-01,,2026-11-19,300,2026-12-15
B6,SMB,2026-10-01,,,400,2026-10-31
B7,SMB,2026-10-01,,,50,2026-12-15
B8,Ent,2026-11-16,,,700,2026-12-31
B9,SMB,not-a-date,,,80,2026-12-15
"""

private func bridges() throws -> SnapshotMetrics {
    let config = testConfig()
    return try metricsSequence([("2026-11-13", previousCSV), ("2026-11-20", currentCSV)], config: config)[1]
}

private func money(_ units: Int64) -> Money { Money(cents: units * 100) }

@Test func bridgesTheCompanyPipelineFromStartToEnd() throws {
    let bridge = try #require(try bridges().company.bridge)
    #expect(bridge.start == money(4430))
    #expect(bridge.added == CountAmount(count: 1, amount: money(700)))
    #expect(bridge.increased == CountAmount(count: 1, amount: money(500)))
    #expect(bridge.decreased == CountAmount(count: 1, amount: money(200)))
    #expect(bridge.won == CountAmount(count: 1, amount: money(500)))
    #expect(bridge.lost == CountAmount(count: 1, amount: money(300)))
    #expect(bridge.removed == CountAmount(count: 2, amount: money(180)))
    #expect(bridge.end == money(4450))
    #expect(bridge.computedEnd == bridge.end)
    #expect(bridge.pushed == CountAmount(count: 1, amount: money(1500)))
    #expect(bridge.pulledIn == CountAmount(count: 1, amount: money(400)))
}

@Test func treatsARecordThatChangedSegmentAsRemovedFromOneAndAddedToTheOther() throws {
    let result = try bridges()
    let ent = try #require(result.scope("segment=Ent")?.bridge)
    #expect(ent.start == money(3950))
    #expect(ent.removed == CountAmount(count: 2, amount: money(150)))
    #expect(ent.end == money(4000))
    let smb = try #require(result.scope("segment=SMB")?.bridge)
    #expect(smb.start == money(480))
    #expect(smb.added == CountAmount(count: 1, amount: money(50)))
    #expect(smb.removed == CountAmount(count: 1, amount: money(80)))
    #expect(smb.end == money(450))
    #expect(smb.pulledIn.count == 1)
}

@Test func listsTheDealsBehindWonLostAndRemovedLargestFirstAtTheirEarlierAmount() throws {
    let result = try bridges()
    let company = try #require(result.company.bridge)
    #expect(company.wonDeals.map(\.id) == ["B3"])
    #expect(company.wonDeals.map(\.amount) == [money(500)])
    #expect(company.lostDeals.map(\.id) == ["B4"])
    // B5 is gone from the export; B9's row in the new export was rejected (E3), so it is gone too.
    #expect(company.removedDeals.map(\.id) == ["B5", "B9"])
    #expect(company.removedDeals.map(\.amount) == [money(100), money(80)])
    // Each list adds up to its movement.
    #expect(company.removedDeals.reduce(Money.zero) { $0 + $1.amount } == company.removed.amount)
    let ent = try #require(result.scope("segment=Ent")?.bridge)
    // B7 moved to SMB: still open, but no longer this scope's pipeline.
    #expect(ent.removedDeals.map(\.id) == ["B5", "B7"])
}

@Test func hasNoBridgeForTheFirstSnapshot() throws {
    let first = try metricsSequence([("2026-11-13", previousCSV)])[0]
    #expect(first.company.bridge == nil)
}

@Test func carriesTrendPointsOnlyForSnapshotsWhereTheScopeHasRecords() throws {
    let sequence = try metricsSequence([
        ("2026-11-06", "\(header)\nA,Ent,2026-11-02,,,100,\n"),
        ("2026-11-13", previousCSV),
        ("2026-11-20", currentCSV),
    ])
    let last = sequence[2]
    #expect(last.company.trend.map(\.snapshot) == [day("2026-11-06"), day("2026-11-13"), day("2026-11-20")])
    #expect(last.scope("segment=SMB")!.trend.map(\.snapshot) == [day("2026-11-13"), day("2026-11-20")])
    #expect(last.company.trend[1].pipelineAmount == money(4430))
    #expect(last.company.trend[2].pipelineAmount == money(4450))
    #expect(last.company.trend[0].volume[stage("opportunity")] == 1)
    // The week of 2026-11-20 starts the day after the previous snapshot.
    #expect(last.windows.week == DateWindow(start: day("2026-11-14"), end: day("2026-11-20")))
    #expect(last.previousSnapshot == day("2026-11-13"))
}
