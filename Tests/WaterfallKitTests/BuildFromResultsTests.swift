import Foundation
import Testing
@testable import WaterfallKit
@testable import WaterfallDemo

/// `build --metrics`: the demo built from its own flattened metrics matches the normal build in
/// every figure; only the record lists differ, and they say they are not available.
@Suite struct BuildFromResultsTests {
    /// The demo company's 20 weeks with fewer records than `content/` (shared with LinkCheckerTests).
    static var demoContent: String { DemoSite.content }

    /// A page with its record lists taken out: breached leads after the "Breached now" heading, the
    /// drill-down deal lists (pipeline and bridge), and the notes that stand in their place.
    static func withoutLists(_ html: String) -> String {
        html.replacingOccurrences(of: #"(<h3>Breached now: [^<]*</h3>)[\s\S]*?(</section>)"#, with: "$1$2", options: .regularExpression)
            .replacingOccurrences(of: #"<div class="deal-list">[\s\S]*?as CSV</a></p>\n</div>\n?"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"<p class="missing-block">(Won, lost, removed, pushed and pulled-in deals|Past-due deals and deals closing this quarter): [^<]*</p>"#,
                                  with: "", options: .regularExpression)
    }

    /// The drill-down CSV files beside each scope page, which only a build from records writes.
    static func isListFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix("-deals.csv") || name.hasPrefix("breached-leads-")
    }

    /// A metrics.json without its lists and the fields that name where the rows came from, as
    /// JSON with sorted keys (numbers read and written back the same way on both sides).
    static func withoutLists(json data: Data) throws -> String {
        var document = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var quality = document["data_quality"] as! [String: Any]
        for key in ["examples", "build_warnings", "diagnostics_csv", "file"] { quality[key] = nil }
        document["data_quality"] = quality
        var availability = document["availability"] as! [String: Any]
        availability["record_lists"] = nil
        document["availability"] = availability
        document["scopes"] = (document["scopes"] as! [[String: Any]]).map { scope -> [String: Any] in
            var scope = scope
            scope["sla"] = (scope["sla"] as! [[String: Any]]).map { rule -> [String: Any] in
                var rule = rule
                rule["breached_leads"] = nil
                return rule
            }
            if var pipeline = scope["pipeline"] as? [String: Any] {
                for key in ["past_due_deals", "in_quarter_deals"] { pipeline[key] = nil }
                scope["pipeline"] = pipeline
            }
            if var bridge = scope["bridge"] as? [String: Any] {
                for key in ["won_deals", "lost_deals", "removed_deals", "pushed_deals", "pulled_in_deals"] { bridge[key] = nil }
                scope["bridge"] = bridge
            }
            return scope
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func theDemoBuiltFromItsResultsMatchesTheNormalBuildInEveryFigure() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fromResults = folder + "/from-results", results = folder + "/results.csv"
        let noTheme = folder + "/no-theme"
        // The normal build is the test run's one (built once, only read).
        let normal = DemoSite.output
        let checked = try SiteBuilder(options: BuildOptions(content: Self.demoContent, templates: noTheme, output: normal)).check()
        try LongFormat.csv(checked.metrics, config: checked.config).write(toFile: results, atomically: true, encoding: .utf8)
        // Into a copy of the normal site, as a warehouse build replacing last week's site would: its archive/ is kept.
        try FileManager.default.copyItem(atPath: DemoSite.output, toPath: fromResults)
        let report = try SiteBuilder(options: BuildOptions(content: Self.demoContent, templates: noTheme, output: fromResults,
                                                           metrics: results)).build()
        #expect(report.archived.isEmpty && report.notArchived.isEmpty)

        let a = try FixtureSite.tree(URL(fileURLWithPath: normal)), b = try FixtureSite.tree(URL(fileURLWithPath: fromResults))
        let compared = a.keys.filter { !$0.hasPrefix("archive/") && !$0.contains("data-quality/") && !$0.hasPrefix(".") && !Self.isListFile($0) }
        #expect(compared.count > 200)
        var checkedJSON = 0, checkedPages = 0
        for path in compared.sorted() {
            guard let mine = a[path], let theirs = b[path] else {
                Issue.record("\(path) is missing from the build from results")
                continue
            }
            if path.hasSuffix("metrics.json") {
                #expect(try Self.withoutLists(json: mine) == Self.withoutLists(json: theirs), "\(path)")
                checkedJSON += 1
            } else if path.hasSuffix(".html") {
                let (x, y) = (String(decoding: mine, as: UTF8.self), String(decoding: theirs, as: UTF8.self))
                #expect(Self.withoutLists(x) == Self.withoutLists(y), "\(path)")
                checkedPages += 1
            } else {
                #expect(mine == theirs, "\(path)")
            }
        }
        #expect(checkedJSON == 21 && checkedPages > 200)
        // The lists say they are not available, and the data-quality page says it shows counts only.
        let latest = String(decoding: b["index.html"]!, as: UTF8.self)
        #expect(latest.contains("List not available from warehouse results"))
        #expect(latest.contains("Won, lost, removed, pushed and pulled-in deals: List not available"))
        #expect(latest.contains("Past-due deals and deals closing this quarter: List not available"))
        #expect(!b.keys.contains { !$0.hasPrefix("archive/") && Self.isListFile($0) })
        let original = String(decoding: a["index.html"]!, as: UTF8.self)
        #expect(Self.withoutLists(original) != original, "the normal demo page has lists to take out")
        let quality = String(decoding: b["data-quality/index.html"]!, as: UTF8.self)
        #expect(quality.contains("Counts only: warehouse results carry no rows"))
        #expect(b["data-quality/diagnostics.csv"] == nil)
        let json = String(decoding: b["data/metrics.json"]!, as: UTF8.self)
        #expect(json.contains("\"record_lists\": false"))
    }

    @Test func aBuildFromResultsIntoAFreshFolderArchivesNothingAndSaysSo() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let checked = try SiteBuilder(options: BuildOptions(content: Self.demoContent, output: folder + "/none")).check()
        try LongFormat.csv(checked.metrics, config: checked.config).write(toFile: folder + "/results.csv", atomically: true, encoding: .utf8)
        let report = try SiteBuilder(options: BuildOptions(content: Self.demoContent, templates: folder + "/no-theme",
                                                           output: folder + "/site", metrics: folder + "/results.csv")).build()
        #expect(report.notArchived == ["FY2027-Q2", "FY2027-Q3"])
        #expect(!FileManager.default.fileExists(atPath: folder + "/site/archive"))
    }

    @Test func aMissingResultsFileIsNamedWithTheFix() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect {
            try SiteBuilder(options: BuildOptions(content: Self.demoContent, templates: folder + "/no-theme",
                                                  output: folder + "/site", metrics: folder + "/nope.csv")).build()
        } throws: { "\($0)".contains("nope.csv") && "\($0)".contains("waterfall sql") }
        #expect(!FileManager.default.fileExists(atPath: folder + "/site"))
    }
}
