import Foundation
import Testing
@testable import WaterfallKit

/// Golden files for charts: recorded when missing or when RECORD_SNAPSHOTS=1 (the test then fails
/// once, so a recording is never mistaken for a pass).
@Suite struct ChartGoldenTests {
    static let goldenFolder = FixtureSite.fixtures.appendingPathComponent("golden")

    func assertGolden(_ svg: SafeHTML, named name: String) throws {
        try Self.assertGolden(svg.html, named: name)
    }

    /// Compares `text` with `Fixtures/golden/NAME` (other suites' golden files too: the e-mail digest).
    static func assertGolden(_ text: String, named name: String) throws {
        let file = goldenFolder.appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        if record || !FileManager.default.fileExists(atPath: file.path) {
            try FileManager.default.createDirectory(at: goldenFolder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
            Issue.record("recorded \(name); run the tests again")
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file (RECORD_SNAPSHOTS=1 to re-record)")
    }

    static let columns = [
        FunnelChart.Column(stage: "Inquiry", owner: "Marketing", volume: 670),
        FunnelChart.Column(stage: "Marketing Qualified Lead", owner: "Marketing", volume: 100),
        FunnelChart.Column(stage: "Sales <Accepted> & Lead", owner: "Sales", volume: 104),
        FunnelChart.Column(stage: "Opportunity", owner: "Sales", volume: 140),
        FunnelChart.Column(stage: "Won", owner: "Sales", volume: 28),
    ]
    static let links: [FunnelChart.Link] = [.init(rate: "13.3%"), .init(rate: "51.0%"), .init(rate: nil), .init(rate: "24.8%", isWinRate: true)]
    static let handOver = FunnelChart.HandOver(after: 1, lines: ["Hand-over: Marketing → Sales", "Lead acceptance: within 2 days",
                                                                 "median 1 day · 60.0% on time", "6 waiting past 2 days"])

    @Test func funnelChartMatchesItsGoldenFiles() throws {
        for (layout, name) in [(StageColumns.Layout.wide, "funnel.svg"), (.narrow, "funnel-narrow.svg")] {
            try assertGolden(FunnelChart.render(Self.columns, links: Self.links, handOver: Self.handOver,
                                                basis: "Last 13 weeks, 22 Aug – 20 Nov 2026", layout: layout, id: "funnel"), named: name)
        }
    }

    static let planSteps = [
        ReverseFunnelChart.Step(stage: "Inquiry", need: 5647, actual: 157, expectedByNow: 1227.6, divisor: "÷ 13.3%"),
        ReverseFunnelChart.Step(stage: "Marketing Qualified Lead", need: 750, actual: 20, expectedByNow: 162.9, divisor: "÷ 51.0%"),
        ReverseFunnelChart.Step(stage: "Sales <Accepted> & Lead", need: nil, actual: 21, expectedByNow: nil, divisor: nil),
        ReverseFunnelChart.Step(stage: "Opportunity", need: 194, actual: 50, expectedByNow: 42.2, divisor: "÷ 24.8%"),
        ReverseFunnelChart.Step(stage: "Won", need: 48, actual: 10, expectedByNow: 10.4, divisor: nil),
    ]

    @Test func reverseFunnelChartMatchesItsGoldenFiles() throws {
        for (layout, name) in [(StageColumns.Layout.wide, "reverse-funnel.svg"), (.narrow, "reverse-funnel-narrow.svg")] {
            try assertGolden(ReverseFunnelChart.render(Self.planSteps, headline: "Start at the right: target $2,030,000 ÷ average deal $43,155 = 48 wins",
                                                       quarter: "FY2027-Q4", elapsedFraction: 0.217, handOverAfter: 1, layout: layout,
                                                       id: "reverse-funnel"), named: name)
        }
    }

    static func bridge(start: Int64, _ changes: [(String, BridgeChart.Kind, Int64)]) -> SafeHTML {
        let end = changes.reduce(start) { $0 + $1.2 }
        return BridgeChart.render(start: Money(cents: start), movements: changes.map { .init(label: $0.0, kind: $0.1, change: Money(cents: $0.2)) },
                                  end: Money(cents: end), format: Format(currency: "USD"), id: "bridge")
    }

    @Test func bridgeChartMatchesItsGoldenFiles() throws {
        try assertGolden(Self.bridge(start: 1_000_000_00, [("Added", .added, 250_000_00), ("Increased", .increased, 40_000_00),
                                                             ("Decreased", .decreased, -30_000_00), ("Won", .won, -180_000_00),
                                                             ("Lost", .lost, -60_000_00), ("Removed", .removed, -20_000_00)]),
                         named: "bridge.svg")
        try assertGolden(Self.bridge(start: 6_774_239_00, [("Added", .added, 797_798_00), ("Increased", .increased, 0),
                                                             ("Decreased", .decreased, -16_750_00), ("Won", .won, -132_750_00),
                                                             ("Lost", .lost, -724_750_00), ("Removed", .removed, 0)]),
                         named: "bridge-axis-break.svg")
    }

    @Test func bridgeLeavesZeroMovementsOutAndBreaksTheAxisOnlyWhenTotalsDwarfTheMovements() {
        let small = Self.bridge(start: 6_774_239_00, [("Added", .added, 797_798_00), ("Removed", .removed, 0), ("Won", .won, -132_750_00)]).html
        #expect(!small.contains(">Removed<"))
        #expect(small.contains("No change in: removed."))
        #expect(small.contains("axis starts at $6.5M"))
        #expect(small.contains("class=\"bar bridge-won\""))
        let large = Self.bridge(start: 100_000_00, [("Added", .added, 80_000_00), ("Won", .won, -50_000_00)]).html
        #expect(!large.contains("axis starts at"))
        #expect(BridgeChart.axisStart(lowest: 100, highest: 300) == 0)
    }

    @Test func thePlanAnswerIsInWholeNumbersThatAddUpOnThePage() {
        #expect(ReverseFunnelChart.answer(actual: 157, expected: ReverseFunnelChart.wholeNumber(1227.6)).text == "1,071 behind")
        #expect(ReverseFunnelChart.answer(actual: 20, expected: ReverseFunnelChart.wholeNumber(10.5)).text == "9 ahead")
        #expect(ReverseFunnelChart.answer(actual: 10, expected: 10).text == "on pace")
        let svg = ReverseFunnelChart.render(Self.planSteps, headline: "x", quarter: "Q", elapsedFraction: 0.217, handOverAfter: nil,
                                            layout: .wide, id: "p").html
        #expect(svg.contains("1,228 by today"))
        #expect(!svg.contains("1,227.6"))
    }

    /// The y ranges the dashed hand-over line covers, read back from the drawn `<line class="handover">` elements.
    static func handOverSpans(_ svg: String) -> [ClosedRange<Double>] {
        svg.components(separatedBy: "<line class=\"handover\"").dropFirst().map { element in
            func value(_ name: String) -> Double {
                Double(element.components(separatedBy: "\(name)=\"")[1].prefix { $0 != "\"" }) ?? .nan
            }
            return min(value("y1"), value("y2"))...max(value("y1"), value("y2"))
        }
    }

    /// The baseline of the first text drawn with `marker` inside it.
    static func baseline(of marker: String, in svg: String) -> Double? {
        guard let text = svg.components(separatedBy: "<text ").first(where: { $0.contains(">\(marker)<") }) else { return nil }
        return Double(text.components(separatedBy: " y=\"")[1].prefix { $0 != "\"" })
    }

    @Test func theHandOverLineLeavesTheRateAndDivisorAtItsBoundaryClear() throws {
        let funnel = FunnelChart.render(Self.columns, links: Self.links, handOver: Self.handOver, basis: "b", layout: .wide, id: "f").html
        let rate = try #require(Self.baseline(of: "51.0%", in: funnel))
        let funnelSpans = Self.handOverSpans(funnel)
        #expect(funnelSpans.count == 2)
        #expect(funnelSpans.allSatisfy { !$0.overlaps((rate - 10)...(rate + 2)) }, "the dashed line crosses the MQL → SAL rate")
        let plan = ReverseFunnelChart.render(Self.planSteps, headline: "x", quarter: "Q", elapsedFraction: 0.217, handOverAfter: 1,
                                             layout: .wide, id: "p").html
        let divisor = try #require(Self.baseline(of: "← ÷ 51.0%", in: plan))
        #expect(Self.handOverSpans(plan).allSatisfy { !$0.overlaps((divisor - 10)...(divisor + 2)) }, "the dashed line crosses the divisor")
    }

    @Test func theOtherChartsMatchTheirGoldenFiles() throws {
        try assertGolden(SLABarChart.render(onTime: 12, late: 2, pending: 3, breached: 6, rule: "Lead <acceptance>", window: "quarter to date",
                                            id: "sla"), named: "sla.svg")
        try assertGolden(ShareBandChart.render(countShare: 0.187, amountShare: nil, band: 0.2...0.3, window: "quarter to date", id: "share"),
                         named: "share.svg")
        try assertGolden(SourceBarsChart.render([.init(source: "Marketing", amount: Money(cents: 1_200_000_00), count: 30, isMarketing: true),
                                                 .init(source: "Partner & <Co>", amount: Money(cents: 400_000_00), count: 9, isMarketing: false)],
                                                format: Format(currency: "USD"), title: "Open pipeline by source", id: "sources"),
                         named: "source-bars.svg")
        try assertGolden(Sparkline.render([.init(label: "2026-11-06", value: 3, valueText: "$3"), .init(label: "2026-11-13", value: nil, valueText: "—"),
                                           .init(label: "2026-11-20", value: 5, valueText: "$5"), .init(label: "2026-11-27", value: 4, valueText: "$4")],
                                          title: "Open pipeline by week", id: "spark"), named: "sparkline.svg")
    }

    @Test func aFullScopePageMatchesItsGoldenFile() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try site.build()
        let html = try String(contentsOf: site.output.appendingPathComponent("index.html"), encoding: .utf8)
        try assertGolden(SafeHTML(rendered: html), named: "scope-page.html")
    }

    @Test func chartsDescribeTheirNumbersForScreenReaders() {
        let svg = SLABarChart.render(onTime: 7, late: 2, pending: 1, breached: 3, rule: "Lead acceptance", window: "this week", id: "s").html
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title id=\"s-title\">Lead acceptance, this week</title>"))
        #expect(svg.contains("on time 7, late 2, pending 1, breached 3."))
        let spark = Sparkline.render([.init(label: "2026-11-13", value: 1, valueText: "$1"), .init(label: "2026-11-20", value: nil, valueText: "—")],
                                     title: "x", id: "p").html
        #expect(spark.contains("2026-11-13 $1; 2026-11-20 —."))
    }
}
