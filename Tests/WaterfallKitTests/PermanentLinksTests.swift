import Foundation
import Testing
@testable import WaterfallKit

/// Issue 7, point 7: a new week leaves the permanent pages of earlier weeks as they were; issue 10:
/// byte for byte, the newest week's included (week pages link only back), so it is not rendered again.
@Suite struct PermanentLinksTests {
    /// The `<nav class="weeknav">` block of a page (the links to other weeks).
    static func weekNav(_ page: String) -> String? {
        guard let start = page.range(of: "<nav class=\"weeknav\""),
              let end = page.range(of: "</nav>", range: start.upperBound..<page.endIndex) else { return nil }
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test func aNewWeekLeavesEveryEarlierWeekAndTheArchiveByteIdentical() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: site.content.appendingPathComponent("snapshots").path).sorted()
        let weeks = snapshots.map { String($0.prefix(10)) }
        #expect(weeks.count >= 3)
        let newest = site.content.appendingPathComponent("snapshots/\(snapshots.last!)")
        let held = site.folder.appendingPathComponent(snapshots.last!)
        try FileManager.default.moveItem(at: newest, to: held)
        try site.build()
        try OutputDirectoryTests.addArchive(to: site.output)
        let before = try FixtureSite.tree(site.output)
        try FileManager.default.moveItem(at: held, to: newest)
        try site.build()
        let after = try FixtureSite.tree(site.output)

        // Weeks 1…N and the archive: every file byte-identical, none added or removed.
        let unchanged = { (path: String) in
            path.hasPrefix("archive/") || weeks.dropLast().contains { path.hasPrefix("weeks/\($0)/") }
        }
        #expect(Set(before.keys.filter(unchanged)) == Set(after.keys.filter(unchanged)))
        #expect(before.keys.filter { $0.hasPrefix("weeks/\(weeks[weeks.count - 2])/") }.count > 10)
        for path in before.keys.filter(unchanged) {
            #expect(after[path] == before[path], "\(path) changed")
        }

        // Week N's pages (the newest before the build) already linked back and to the latest report,
        // and the new week's pages link back to them.
        let lastOld = weeks[weeks.count - 2], new = weeks[weeks.count - 1]
        var pagesLinkingBack = 0
        for path in after.keys.filter({ $0.hasPrefix("weeks/\(new)/") && $0.hasSuffix(".html") }).sorted() {
            let page = String(decoding: after[path]!, as: UTF8.self)
            let nav = try #require(Self.weekNav(page), "\(path) has no week navigation")
            #expect(!nav.contains("rel=\"next\"") && !nav.contains("This is the latest week"), "\(path): \(nav)")
            let depth = path.split(separator: "/").count - 1
            #expect(nav.contains("<a class=\"latest\" href=\"\(String(repeating: "../", count: depth))index.html\">"), "\(path): \(nav)")
            let samePageWeekBefore = "weeks/\(lastOld)/" + path.dropFirst("weeks/\(new)/".count)
            if before[samePageWeekBefore] != nil {
                #expect(nav.contains("<a rel=\"prev\" href=\"\(String(repeating: "../", count: depth))\(samePageWeekBefore)\">"), "\(path): \(nav)")
                pagesLinkingBack += 1
            }
        }
        #expect(pagesLinkingBack > 5)
        // The root pages say they are the latest week and link to its permanent pages.
        let root = String(decoding: try #require(after["index.html"]), as: UTF8.self)
        let rootNav = try #require(Self.weekNav(root))
        #expect(rootNav.contains("This is the latest week") && rootNav.contains("href=\"weeks/\(new)/index.html\">Permanent link"), "\(rootNav)")
    }
}
