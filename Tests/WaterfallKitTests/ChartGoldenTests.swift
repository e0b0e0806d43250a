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

    @Test func funnelChartMatchesItsGoldenFile() throws {
        let steps = [
            FunnelChart.Step(stage: "Inquiry", volume: 1200, conversion: 0.41, cohort: 1200, converted: 492),
            FunnelChart.Step(stage: "MQL", volume: 480, conversion: 0.5, cohort: 480, converted: 240),
            FunnelChart.Step(stage: "Opportunity <&>", volume: 90, conversion: nil, cohort: 0, converted: 0),
            FunnelChart.Step(stage: "Won", volume: 30, conversion: nil, cohort: 0, converted: 0),
        ]
        try assertGolden(FunnelChart.render(steps, window: "quarter to date", id: "funnel"), named: "funnel.svg")
    }

    @Test func bridgeChartMatchesItsGoldenFile() throws {
        let chart = BridgeChart.render(
            start: Money(cents: 1_000_000_00),
            movements: [.init(label: "Added", change: Money(cents: 250_000_00)), .init(label: "Increased", change: Money(cents: 40_000_00)),
                        .init(label: "Decreased", change: Money(cents: -30_000_00)), .init(label: "Won", change: Money(cents: -180_000_00)),
                        .init(label: "Lost", change: Money(cents: -60_000_00)), .init(label: "Removed", change: Money(cents: -20_000_00))],
            end: Money(cents: 1_000_000_00), format: Format(currency: "USD"), id: "bridge")
        try assertGolden(chart, named: "bridge.svg")
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
