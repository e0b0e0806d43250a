import Foundation
import Testing
@testable import WaterfallKit

/// Issue 7, point 7: a new week leaves the permanent pages of earlier weeks as they were.
@Suite struct PermanentLinksTests {
    /// The `<nav class="weeknav">` block of a page (the links to other weeks), and the page without it.
    static func splitWeekNav(_ page: String) -> (nav: String, rest: String)? {
        guard let start = page.range(of: "<nav class=\"weeknav\""),
              let end = page.range(of: "</nav>", range: start.upperBound..<page.endIndex) else { return nil }
        return (String(page[start.lowerBound..<end.upperBound]),
                String(page[..<start.lowerBound]) + "<nav class=\"weeknav\"/>" + String(page[end.upperBound...]))
    }

    @Test func aNewWeekChangesOnlyTheLastWeeksNextAndLatestLinksAndNothingUnderArchive() throws {
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

        // Weeks 1…N−1 and the archive: every file byte-identical, none added or removed.
        let lastOld = weeks[weeks.count - 2], new = weeks[weeks.count - 1]
        let unchanged = { (path: String) in
            path.hasPrefix("archive/") || weeks.dropLast(2).contains { path.hasPrefix("weeks/\($0)/") }
        }
        #expect(Set(before.keys.filter(unchanged)) == Set(after.keys.filter(unchanged)))
        #expect(before.keys.filter(unchanged).count > 10)
        for path in before.keys.filter(unchanged) {
            #expect(after[path] == before[path], "\(path) changed")
        }

        // Week N: the same files; metrics.json and every page identical except the week navigation,
        // where "This is the latest week" gives way to a link to the same page of week N+1 and a
        // link to the latest week.
        let weekN = { (path: String) in path.hasPrefix("weeks/\(lastOld)/") }
        #expect(Set(before.keys.filter(weekN)) == Set(after.keys.filter(weekN)))
        var pagesWithNextLink = 0
        for path in before.keys.filter(weekN).sorted() {
            guard path.hasSuffix(".html") else {
                #expect(after[path] == before[path], "\(path) changed")
                continue
            }
            let old = String(decoding: before[path]!, as: UTF8.self), now = String(decoding: after[path]!, as: UTF8.self)
            guard let oldParts = Self.splitWeekNav(old), let newParts = Self.splitWeekNav(now) else {
                Issue.record("\(path) has no week navigation")
                continue
            }
            #expect(oldParts.rest == newParts.rest, "\(path) changed outside the week navigation")
            #expect(oldParts.nav.contains("This is the latest week") && !oldParts.nav.contains("rel=\"next\""), "\(oldParts.nav)")
            #expect(!newParts.nav.contains("This is the latest week") && newParts.nav.contains("class=\"latest\""), "\(newParts.nav)")
            let samePageNextWeek = "weeks/\(new)/" + path.dropFirst("weeks/\(lastOld)/".count)
            let depth = path.split(separator: "/").count - 1
            let nextLink = "<a rel=\"next\" href=\"\(String(repeating: "../", count: depth))\(samePageNextWeek)\">"
            if after[samePageNextWeek] != nil {
                #expect(newParts.nav.contains(nextLink), "\(path): \(newParts.nav)")
                pagesWithNextLink += 1
            }
            let expected = oldParts.nav.replacingOccurrences(of: "\n\n<span class=\"latest-note\">This is the latest week</span>\n", with: "")
            let got = newParts.nav.replacingOccurrences(of: #"<a rel="next" href="[^"]*">[^<]*</a>\n"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"<a class="latest" href="[^"]*">Go to the latest week</a>\n\n"#, with: "", options: .regularExpression)
            #expect(expected == got, "\(path): the week navigation changed beyond the next and latest links")
        }
        #expect(pagesWithNextLink > 5)
    }
}
