import Foundation
import Testing
@testable import WaterfallKit

@Suite struct SiteBuildTests {
    @Test func twoBuildsOfTheSameInputsGiveByteIdenticalTrees() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        let second = site.folder.appendingPathComponent("second")
        try site.build()
        try site.build(into: second)
        let first = try FixtureSite.tree(site.output), again = try FixtureSite.tree(second)
        #expect(first.count > 20)
        #expect(Set(first.keys) == Set(again.keys))
        for (path, bytes) in first {
            #expect(again[path] == bytes, "\(path) differs between two builds")
        }
    }

    @Test func everyPageKindIsWrittenForEveryWeekAndTheLatestAtTheRoot() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        let report = try site.build()
        let tree = try FixtureSite.tree(site.output)
        for week in ["2026-11-06", "2026-11-13", "2026-11-20"] {
            for page in ["index.html", "segment/index.html", "segment/enterprise/index.html", "region/emea/index.html",
                         "definitions/index.html", "data-quality/index.html", "metrics.json"] {
                #expect(tree["weeks/\(week)/\(page)"] != nil, "missing weeks/\(week)/\(page)")
            }
        }
        for page in ["index.html", "segment/mid-market/index.html", "definitions/index.html", "data-quality/index.html",
                     "weeks/index.html", "style.css", "data/metrics.json"] {
            #expect(tree[page] != nil, "missing \(page)")
        }
        #expect(report.pagesRendered == FixtureSite.pages(tree).count)
    }

    @Test func aScopePageShowsEverySection() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try site.build()
        let html = try String(contentsOf: site.output.appendingPathComponent("index.html"), encoding: .utf8)
        for fragment in ["Open pipeline", "▲", "Funnel", "cohort", "Lead acceptance SLA", "Breached now", "By source",
                         "Pipeline bridge", "Pushed to a later quarter", "Win rate: marketing-sourced against the rest",
                         "Marketing-sourced share", "Reverse funnel", "Trend", "Pipeline is up, acceptance slipped",
                         "Dana Reyes", "As of 20 Nov 2026", "14 – 20 Nov 2026", "role=\"img\"", "<desc id="] {
            #expect(html.contains(fragment), "index.html lacks \(fragment)")
        }
        let enterprise = try String(contentsOf: site.output.appendingPathComponent("segment/enterprise/index.html"), encoding: .utf8)
        #expect(enterprise.contains("Enterprise commentary: <em>two</em> new logos"))
        #expect(enterprise.contains("<span aria-current=\"page\">Enterprise</span>"))
        #expect(enterprise.contains("<a href=\"../../segment/index.html\">Every segment</a>"))
    }

    @Test func theFirstWeekExplainsWhatIsMissing() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try site.build()
        let html = try String(contentsOf: site.output.appendingPathComponent("weeks/2026-11-06/index.html"), encoding: .utf8)
        #expect(html.contains("No bridge for the first snapshot"))
        #expect(html.contains("first snapshot"))
        #expect(!html.contains("rel=\"next\""), "a week's pages link only back")
        #expect(html.contains("href=\"../../index.html\">Go to the latest week"))
    }

    /// The file's inode: two paths with the same one are hard links to one file.
    static func inode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int)
    }

    @Test func theLatestWeeksDataFilesAtTheRootAreLinksToTheWeeksCopiesUnlessTheBuildHasDiagnosticsOfItsOwn() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        // With base_url the build has no diagnostic of its own (W14 is one).
        let siteYML = site.content.appendingPathComponent("site.yml")
        try Data((String(contentsOf: siteYML, encoding: .utf8) + "base_url: https://reports.example.com/pipeline/\n").utf8).write(to: siteYML)
        // A failure to link a root copy (to the week's copy) fails the build like any other write, before the swap.
        let failure = #expect(throws: OutputDirectory.Error.self) {
            try site.build { if $0 == .link("weeks/2026-11-20/metrics.json") { throw POSIXError(.EMLINK) } }
        }
        #expect("\(failure.map(String.init(describing:)) ?? "")".contains("data/metrics.json"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        try site.build()
        let week = site.output.appendingPathComponent("weeks/2026-11-20")
        let weekFiles = try FixtureSite.tree(week).keys.sorted()
        let dataFiles = weekFiles.filter { !$0.hasSuffix(".html") }
        #expect(dataFiles.contains("metrics.json") && dataFiles.contains("data-quality/diagnostics.csv")
                && dataFiles.contains("segment/enterprise/in-quarter-deals.csv"), "\(dataFiles)")
        func rootCopy(_ path: String) -> URL {
            site.output.appendingPathComponent(path == "metrics.json" ? "data/metrics.json" : path)
        }
        for path in dataFiles {
            #expect(try Self.inode(rootCopy(path)) == Self.inode(week.appendingPathComponent(path)), "\(path) is written twice")
        }
        // The pages link to other pages by relative paths, so the two copies differ.
        for path in weekFiles where path.hasSuffix(".html") {
            #expect(try Self.inode(rootCopy(path)) != Self.inode(week.appendingPathComponent(path)), "\(path)")
        }
        // A commentary file no page shows is a diagnostic of the build (W10), shown in the root
        // copies only: they are files of their own, and the week's stay as they were.
        let weekBefore = try FixtureSite.tree(week)
        try Data("Nobody reads this.\n".utf8).write(to: site.content.appendingPathComponent("commentary/2020-01-03.md"))
        try site.build()
        #expect(try FixtureSite.tree(week) == weekBefore)
        for path in ["metrics.json", "data-quality/diagnostics.csv"] {
            #expect(try Self.inode(rootCopy(path)) != Self.inode(week.appendingPathComponent(path)), "\(path)")
            #expect(try String(contentsOf: rootCopy(path), encoding: .utf8).contains("W10"), "\(path)")
        }
        for path in dataFiles where !["metrics.json", "data-quality/diagnostics.csv"].contains(path) {
            #expect(try Data(contentsOf: rootCopy(path)) == weekBefore[path], "\(path)")
        }
    }

    @Test func aFailingBuildLeavesTheExistingOutputByteIdentical() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try site.build()
        let before = try FixtureSite.tree(site.output)

        let siteYML = site.content.appendingPathComponent("site.yml")
        let good = try Data(contentsOf: siteYML)
        try Data("company: [unclosed\n".utf8).write(to: siteYML)
        #expect(throws: (any Error).self) { try site.build() }
        #expect(try FixtureSite.tree(site.output) == before)

        try good.write(to: siteYML)
        let badName = site.content.appendingPathComponent("snapshots/2026-11-27-final.csv")
        try Data("id\n".utf8).write(to: badName)
        #expect(throws: ContentError.self) { try site.build() }
        #expect(try FixtureSite.tree(site.output) == before)

        try FileManager.default.removeItem(at: badName)
        try Data("---\ntitle: [oops\n---\nbody\n".utf8).write(to: site.content.appendingPathComponent("commentary/2026-11-13.md"))
        #expect(throws: Markdown.Error.self) { try site.build() }
        #expect(try FixtureSite.tree(site.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func aTargetThatNoPageCanShowIsAWarningNamingItsLine() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        let targets = site.content.appendingPathComponent("targets.csv")
        var text = try String(contentsOf: targets, encoding: .utf8)
        text += "FY2027-Q4,segment,Enterprize,5000\nFY2028-Q1,segment,Enterprize,5000\n"
        try Data(text.utf8).write(to: targets)
        let report = try site.build()
        let warnings = report.diagnostics.filter { $0.code == .w9 }.map { $0.formatted() }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("targets.csv:4: W9 no snapshot of FY2027-Q4 has a record with segment \"Enterprize\"") == true,
                "\(warnings)")
        #expect(warnings.first?.contains("Enterprise") == true)
        // The targets that match keep working.
        let html = try String(contentsOf: site.output.appendingPathComponent("segment/enterprise/index.html"), encoding: .utf8)
        #expect(html.contains("of $48,000 target"))
    }

    @Test func aSuccessfulBuildKeepsTheArchiveFolder() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try site.build()
        let archived = site.output.appendingPathComponent("archive/FY2027-Q3/index.html")
        try FileManager.default.createDirectory(at: archived.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("frozen".utf8).write(to: archived)
        try site.build()
        #expect(try Data(contentsOf: archived) == Data("frozen".utf8))
    }

    @Test func aThemeFolderOverridesTheBuiltInThemeFileByFile() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        let theme = site.folder.appendingPathComponent("my-theme")
        try FileManager.default.createDirectory(at: theme.appendingPathComponent("partials"), withIntermediateDirectories: true)
        try Data("<p class=\"custom-kpis\">{{#kpis}}{{label}};{{/kpis}}</p>\n".utf8)
            .write(to: theme.appendingPathComponent("partials/kpis.mustache"))
        try Data("body { color: black; }\n".utf8).write(to: theme.appendingPathComponent("style.css"))
        try site.build(templates: theme.path)
        let html = try String(contentsOf: site.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<p class=\"custom-kpis\">Open pipeline;"))
        #expect(html.contains("Pipeline bridge"))
        #expect(try String(contentsOf: site.output.appendingPathComponent("style.css"), encoding: .utf8) == "body { color: black; }\n")
    }
}
