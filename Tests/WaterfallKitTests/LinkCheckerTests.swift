import Foundation
import Testing
@testable import WaterfallKit
@testable import WaterfallDemo

/// Walks a built site and resolves every internal link and asset reference against the files written.
@Suite struct LinkCheckerTests {
    static func brokenLinks(in tree: [String: Data]) throws -> [String] {
        let reference = try Regex(#"\s(?:href|src)="([^"]*)""#)
        var broken: [String] = []
        for (path, html) in FixtureSite.pages(tree) {
            let folder = path.split(separator: "/").dropLast().map(String.init)
            for match in html.matches(of: reference) {
                let raw = String(match.output[1].substring ?? "")
                if raw.hasPrefix("http:") || raw.hasPrefix("https:") || raw.hasPrefix("mailto:") || raw.hasPrefix("data:")
                    || raw.hasPrefix("#") || raw.isEmpty { continue }
                let target = raw.split(separator: "#", maxSplits: 1).first.map(String.init) ?? raw
                var parts = folder
                for part in target.split(separator: "/", omittingEmptySubsequences: false) {
                    switch part {
                    case "..": if parts.popLast() == nil { broken.append("\(path): \(raw) leaves the site") }
                    case ".", "": continue
                    default: parts.append(String(part).removingPercentEncoding ?? String(part))
                    }
                }
                let resolved = parts.joined(separator: "/")
                if tree[resolved] == nil { broken.append("\(path): \(raw) → \(resolved)") }
            }
        }
        return broken.sorted()
    }

    @Test func everyInternalLinkAndAssetOfTheSiteResolves() throws {
        for fixture in ["site-small", "site-hostile"] {
            let site = try FixtureSite(fixture)
            defer { site.remove() }
            try site.build()
            let tree = try FixtureSite.tree(site.output)
            let broken = try Self.brokenLinks(in: tree)
            #expect(broken.isEmpty, "\(fixture): \(broken.prefix(10).joined(separator: "\n"))")
        }
    }

    @Test func everyInternalLinkOfTheBuiltDemoSiteResolves() throws {
        // The demo company's 20 weeks with 800 records (every page kind), built once for the test run.
        let tree = try FixtureSite.tree(URL(fileURLWithPath: DemoSite.output))
        #expect(FixtureSite.pages(tree).count > 200)
        let broken = try Self.brokenLinks(in: tree)
        #expect(broken.isEmpty, "\(broken.prefix(10).joined(separator: "\n"))")
        // The demo spans FY2027-Q2 to Q4: its closed quarters are archived, each bag self-contained.
        #expect(FixtureSite.bags(tree) == ["FY2027-Q2", "FY2027-Q3"])
        for bag in FixtureSite.bags(tree) {
            let inside = try Self.brokenLinks(in: FixtureSite.subtree(tree, "archive/\(bag)/"))
            #expect(inside.isEmpty, "\(bag): \(inside.prefix(10).joined(separator: "\n"))")
        }
    }

    /// Each bag is walked as a site of its own, so a link that leaves the bag (to the main site or
    /// to another quarter) counts as broken.
    @Test func everyLinkOfAnArchivedQuarterResolvesInsideItsBag() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try site.build()
        let tree = try FixtureSite.tree(site.output)
        #expect(try Self.brokenLinks(in: tree).isEmpty)
        #expect(FixtureSite.bags(tree) == ["FY2027-Q2", "FY2027-Q3"])
        for bag in FixtureSite.bags(tree) {
            let files = FixtureSite.subtree(tree, "archive/\(bag)/")
            #expect(FixtureSite.pages(files).count > 20)
            let broken = try Self.brokenLinks(in: files)
            #expect(broken.isEmpty, "\(bag): \(broken.prefix(10).joined(separator: "\n"))")
        }
        // The checker does see a link out of a bag: the main site's archive index links back up.
        #expect(!(try Self.brokenLinks(in: FixtureSite.subtree(tree, "archive/"))).isEmpty)
    }

    @Test func theCheckerNoticesABrokenLink() throws {
        let tree = ["index.html": Data("<a href=\"missing/index.html\">x</a><a href=\"index.html#top\">y</a>".utf8)]
        #expect(try Self.brokenLinks(in: tree) == ["index.html: missing/index.html → missing/index.html"])
    }
}
