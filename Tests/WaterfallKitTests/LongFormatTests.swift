import Foundation
import Testing
@testable import WaterfallKit

/// The demo company in the repository's `content/`, checked once (its metrics, from the records).
private struct DemoMetrics: Sendable {
    var config: SiteConfig
    var metrics: [SnapshotMetrics]
}

private let demo: DemoMetrics = {
    let content = FixtureSite.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("content")
    let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("waterfall-no-output-\(UUID().uuidString)")
    let checked = try! SiteBuilder(options: BuildOptions(content: content.path, output: nowhere.path)).check()
    return DemoMetrics(config: checked.config, metrics: checked.metrics)
}()

/// Reads long-format CSV text through the same path as `build --metrics`.
private func assemble(_ csv: String, config: SiteConfig = demo.config) throws -> [SnapshotMetrics] {
    try LongFormat.assemble(LongFormat.readRows(MemoryByteSource(csv), file: "results.csv"), config: config, file: "results.csv")
}

private func withoutAvailability(_ points: [TrendPoint]) -> [TrendPoint] {
    points.map { var point = $0; point.availability = InputAvailability(); return point }
}

@Test func everyLeafOfTheDemoSurvivesTheLongFormatAndTheTrendIsRebuilt() throws {
    let csv = LongFormat.csv(demo.metrics, config: demo.config)
    let assembled = try assemble(csv)
    #expect(assembled.count == demo.metrics.count)
    for (original, back) in zip(demo.metrics, assembled) {
        #expect(back.snapshot == original.snapshot)
        #expect(back.previousSnapshot == original.previousSnapshot)
        #expect(back.windows == original.windows)
        #expect(back.scopes.map(\.scope) == original.scopes.map(\.scope))
        #expect(LongFormat.rows(of: back, config: demo.config) == LongFormat.rows(of: original, config: demo.config))
        for (a, b) in zip(original.scopes, back.scopes) {
            #expect(withoutAvailability(b.trend) == withoutAvailability(a.trend), "trend of \(a.scope.key) on \(original.snapshot)")
            #expect(b.plan?.elapsedFraction == a.plan?.elapsedFraction)
            #expect(b.plan?.inQuarterPipeline == a.plan?.inQuarterPipeline)
        }
        #expect(back.dataQuality.availability.recordLists == false)
    }
    // The demo has bridges, plans, several sources and a value with characters a pointer escapes or not.
    let latest = demo.metrics.last!
    #expect(latest.scopes.contains { $0.plan != nil } && latest.scopes.allSatisfy { $0.bridge != nil })
    #expect(csv.contains("/win_rate/by_source/"))
}

@Test func theFlattenedRowsFollowTheDocumentOrderAndNameListItemsByKey() throws {
    let rows = LongFormat.rows(of: demo.metrics.last!, config: demo.config)
    let paths = Set(rows.filter { $0.scope == "company" }.map(\.path))
    for path in ["/data_quality/rows", "/data_quality/errors/E1", "/data_quality/warnings/W3", "/records",
                 "/volume/mql/week", "/conversion/mql/t13/rate", "/velocity/sal/p90_days", "/sla/Lead acceptance/qtd/breached",
                 "/pipeline/by_stage/opportunity/amount", "/bridge/counts/won", "/plan/reverse_funnel/sql/need",
                 "/marketing_share/qtd/marketing_amount"] {
        #expect(paths.contains(path), "\(path)")
    }
    #expect(!paths.contains { $0.hasPrefix("/trend") || $0.contains("breached_leads") || $0.contains("_deals") })
    #expect(JSONPointer.path("win_rate", "by_source", "a/b~c") == "/win_rate/by_source/a~1b~0c")
    #expect(JSONPointer.token("a~1b~0c") == "a/b~c")
}

@Test func aSourceWithASlashRoundTrips() throws {
    let csv = fullHeader + "\n" + "1,Web/Direct,SMB,,2026-11-01,2026-11-02,2026-11-03,2026-11-04,,,100.5,2026-12-01,Ann\n"
    let original = try metrics(csv, date: "2026-11-20")
    let text = LongFormat.csv([original], config: testConfig())
    #expect(text.contains("/pipeline/by_source/Web~1Direct/amount"))
    let back = try assemble(text, config: testConfig())
    #expect(LongFormat.rows(of: back[0], config: testConfig()) == LongFormat.rows(of: original, config: testConfig()))
    #expect(back[0].company.pipeline.total.amount == Money(cents: 10050))
}

// MARK: - Bad input

/// The demo's results with `edit` applied to its text.
private func demoResults(_ edit: (String) -> String) -> String {
    edit(LongFormat.csv(Array(demo.metrics.suffix(2)), config: demo.config))
}

/// `text` with the value of the company's first row for `path` replaced by `change(value)`.
private func withValue(of path: String, in text: String, _ change: (String) -> String) -> String {
    var lines = text.split(separator: "\n").map(String.init)
    let index = lines.firstIndex { $0.contains(",company,\(path),") }!
    let value = String(lines[index].split(separator: ",", omittingEmptySubsequences: false).last!)
    lines[index] = String(lines[index].dropLast(value.count)) + change(value)
    return lines.joined(separator: "\n") + "\n"
}

private func problem(_ csv: String) -> String {
    do {
        _ = try assemble(csv)
        return ""
    } catch {
        return "\(error)"
    }
}

@Test func resultsWithoutAHeaderAreRefused() {
    let message = problem(demoResults { String($0.drop { $0 != "\n" }.dropFirst()) })
    #expect(message.contains("results.csv:1"))
    #expect(message.contains("is not one of snapshot_date, scope, path, value"))
}

@Test func anUnknownPathIsNamedWithItsLineAndTheNearestPath() {
    let message = problem(demoResults { $0.replacingOccurrences(of: "company,/volume/mql/week,", with: "company,/volume/mqll/week,") })
    #expect(message.contains("column path: unknown path \"/volume/mqll/week\""))
    #expect(message.contains("did you mean /volume/mql/week"))
    #expect(message.contains("no row for /volume/mql/week of company"))
    #expect(message.contains("the funnel needs it"))
    let line = demoResults { $0 }.split(separator: "\n", omittingEmptySubsequences: false)
        .firstIndex { $0.contains("company,/volume/mql/week,") }! + 1
    #expect(message.contains("results.csv:\(line), column path"))
}

@Test func anUnknownScopeNamesTheDimensions() {
    let message = problem(demoResults { $0.replacingOccurrences(of: ",segment=", with: ",segmnt=") })
    #expect(message.contains("column scope: unknown scope \"segmnt="))
    #expect(message.contains("segment, region"))
}

@Test func aValueThatIsNotANumberIsNamed() {
    let message = problem(demoResults { $0.replacingOccurrences(of: "company,/records,", with: "company,/records,x") })
    #expect(message.contains("column value: /records of company on"))
    #expect(message.contains("\"x") && message.contains("is not a whole number"))
    let amount = problem(demoResults { withValue(of: "/pipeline/amount", in: $0) { $0 + ".001" } })
    #expect(amount.contains("not an amount exact to the cent"))
    #expect(amount.contains("DECIMAL(18,2)"))
}

@Test func aMissingLeafSaysWhichPartOfThePagesNeedsIt() {
    let message = problem(demoResults { text in
        text.split(separator: "\n").filter { !$0.contains(",company,/bridge/won,") }.joined(separator: "\n") + "\n"
    })
    #expect(message.contains("no row for /bridge/won of company on"))
    #expect(message.contains("the pipeline bridge needs it"))
}

@Test func aRateThatDisagreesWithItsCountsIsRefused() {
    let message = problem(demoResults { withValue(of: "/win_rate/t13/rate", in: $0) { _ in "0.999" } })
    #expect(message.contains("/win_rate/t13/rate of company on"))
    #expect(message.contains("is 0.999 but its counts give"))
}

@Test func aBridgeThatDoesNotReconcileIsRefused() {
    let message = problem(demoResults { withValue(of: "/bridge/added", in: $0) { _ in "1.01" } })
    #expect(message.contains("does not reconcile"))
}

@Test func aRowWithTheWrongNumberOfFieldsOrABadDateIsNamed() {
    let extra = problem(demoResults { $0 + "2026-11-20,company,/records,1,2\n" })
    #expect(extra.contains("5 fields where the header has 4"))
    let date = problem(demoResults { $0 + "20/11/2026,company,/records,1\n" })
    #expect(date.contains("column snapshot_date: \"20/11/2026\" is not a date"))
    let twice = problem(demoResults { $0 + "2026-11-20,company,/records,1\n" })
    #expect(twice.contains("a second row for /records of company on 2026-11-20"))
}

@Test func amountsAreReadExactlyOrRefused() {
    #expect(MetricLeaf<ScopeMetrics>.Kind.cents("12.30") == 1230)
    #expect(MetricLeaf<ScopeMetrics>.Kind.cents("12.3000") == 1230)
    #expect(MetricLeaf<ScopeMetrics>.Kind.cents("-0.07") == -7)
    #expect(MetricLeaf<ScopeMetrics>.Kind.cents("12.301") == nil)
    #expect(MetricLeaf<ScopeMetrics>.Kind.cents("1.2E7") == nil)
    #expect(MetricLeaf<ScopeMetrics>.Kind.cents("99999999999999999999") == nil)
    #expect(MetricLeaf<ScopeMetrics>.Kind.cents(".5") == nil)
}
