import Foundation
import Testing
@testable import WaterfallKit

/// Value pages link to their dimension's index and their neighbours, not to every sibling, so
/// their links do not grow with the number of values; dimension labels name the dimension.
@Suite struct NavigationTests {
    /// `site-small` with its regions spread over `regions` values (`R00`…), by each row's number.
    /// Works on bytes: the fixture ends one line with CR LF, which Swift reads as one `Character`.
    static func spreadRegions(_ site: FixtureSite, regions: Int) throws {
        let folder = site.content.appendingPathComponent("snapshots")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
            let file = folder.appendingPathComponent(name)
            var lines = [UInt8](try Data(contentsOf: file)).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            let header = lines[0].split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }
            let region = try #require(header.firstIndex(of: "region"))
            for index in lines.indices.dropFirst() where !lines[index].isEmpty {
                var fields = lines[index].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Array.init)
                let number = index % regions
                fields[region] = Array(("R" + (number < 10 ? "0" : "") + String(number)).utf8)
                lines[index] = Array(fields.joined(separator: [UInt8(ascii: ",")]))
            }
            try Data(lines.joined(separator: [UInt8(ascii: "\n")])).write(to: file)
        }
    }

    static func links(_ html: String) -> Int { html.components(separatedBy: "href=").count - 1 }

    @Test func aValuePageOfASixtyValueDimensionCarriesNoMoreLinksThanOneOfAThreeValueDimension() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try Self.spreadRegions(site, regions: 60)
        let latest = try String(contentsOf: site.content.appendingPathComponent("snapshots/2026-11-20.csv"), encoding: .utf8)
        #expect(latest.contains(",R05,"))
        try site.build()
        let pages = FixtureSite.pages(try FixtureSite.tree(site.output))
        let regionPages = pages.filter { $0.key.hasPrefix("region/") && $0.key.split(separator: "/").count == 3 }
        let segmentPages = pages.filter { $0.key.hasPrefix("segment/") && $0.key.split(separator: "/").count == 3 }
        #expect(regionPages.count >= 50, "\(regionPages.keys.sorted())")
        #expect(segmentPages.count == 3)
        let most = try #require(regionPages.values.map(Self.links).max())
        #expect(most <= segmentPages.values.map(Self.links).max()!, "a region page has \(most) links")
        // Each value page links to its index and to the values beside it, in the index's order.
        let page = try #require(regionPages["region/r05/index.html"])
        #expect(page.contains("<a rel=\"prev\" href=\"../../region/r04/index.html\">← R04</a>"))
        #expect(page.contains("<a rel=\"next\" href=\"../../region/r06/index.html\">R06 →</a>"))
        #expect(page.contains("href=\"../../region/index.html\">Every region</a>"))
        #expect(!page.contains("region/r30/"))
    }

    @Test func dimensionLabelsNameTheDimensionInNavigationTitlesAndTheEmail() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        let file = site.content.appendingPathComponent("site.yml")
        let yaml = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "dimensions: [segment, region]", with: "dimensions: [segment, { key: region, label: Sales <Region> }]")
        try (yaml + "base_url: https://reports.example.com/x/\n").write(to: file, atomically: true, encoding: .utf8)
        try site.build()
        let tree = try FixtureSite.tree(site.output)
        let pages = FixtureSite.pages(tree)
        let index = try #require(pages["index.html"])
        #expect(index.contains(">By Sales &lt;Region&gt;</a>"))
        #expect(!index.contains("By region"))
        let regionIndex = try #require(pages["region/index.html"])
        #expect(regionIndex.contains("<h1>By Sales &lt;Region&gt;</h1>"))
        let valuePage = try #require(pages.first { $0.key.hasPrefix("region/") && $0.key.split(separator: "/").count == 3 }?.value)
        #expect(valuePage.contains("(Sales &lt;Region&gt;) · Northwind Robotics"))
        // The latest week's digest (the first week's has no changes to name; a dictionary's order is random).
        let latestEmail = try #require(tree.keys.filter { $0.hasPrefix("email/") }.max())
        let email = String(decoding: try #require(tree[latestEmail]), as: UTF8.self)
        #expect(email.contains("moves by Sales <Region>") || email.contains("moves by Sales &lt;Region&gt;"))
    }

    @Test func everyPageHasADescriptionOpenGraphTagsAndTheFavicon() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        let file = site.content.appendingPathComponent("site.yml")
        try (try String(contentsOf: file, encoding: .utf8) + "base_url: https://reports.example.com/pipeline/\n")
            .write(to: file, atomically: true, encoding: .utf8)
        try site.build()
        let tree = try FixtureSite.tree(site.output)
        #expect(tree["favicon.svg"] != nil)
        for (path, html) in FixtureSite.pages(tree) where !path.hasPrefix("archive/") {
            let depth = path.split(separator: "/").count - 1
            #expect(html.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"\(String(repeating: "../", count: depth))favicon.svg\">"), "\(path)")
            #expect(html.contains("<meta name=\"description\" content=\""), "\(path)")
            for property in ["og:title", "og:description", "og:type", "og:site_name"] {
                #expect(html.contains("<meta property=\"\(property)\" content=\""), "\(path): \(property)")
            }
            let folder = path == "index.html" ? "" : String(path.dropLast("index.html".count))
            #expect(html.contains("<meta property=\"og:url\" content=\"https://reports.example.com/pipeline/\(folder)\">"), "\(path)")
        }
    }

    @Test func withoutABaseURLPagesHaveNoOpenGraphURL() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try site.build()
        let index = try String(contentsOf: site.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!index.contains("og:url"))
        #expect(index.contains("<meta property=\"og:title\" content=\"Company overview · as of"))
    }
}
