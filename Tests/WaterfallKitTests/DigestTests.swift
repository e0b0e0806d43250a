import Foundation
import Testing
@testable import WaterfallKit

@Suite struct DigestTests {
    /// site-small with a base URL and a company name that needs encoded-words.
    func emailSite(baseURL: String? = "https://reports.example.com/pipeline/", company: String = "Nørdwind — Робот") throws -> FixtureSite {
        let site = try FixtureSite("site-small")
        let file = site.content.appendingPathComponent("site.yml")
        var yaml = try String(contentsOf: file, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "company: \"Northwind Robotics\"", with: "company: \"\(company)\"")
        if let baseURL { yaml = "base_url: \(baseURL)\n" + yaml }
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return site
    }

    @Test func everySnapshotGetsADigestAndTwoBuildsWriteTheSameBytes() throws {
        let site = try emailSite()
        defer { site.remove() }
        try site.build()
        let second = site.folder.appendingPathComponent("second")
        try site.build(into: second)
        let first = try FixtureSite.tree(site.output), again = try FixtureSite.tree(second)
        let digests = first.keys.filter { $0.hasPrefix("email/") }.sorted()
        #expect(digests == ["email/2026-11-06.eml", "email/2026-11-13.eml", "email/2026-11-20.eml"])
        for path in digests { #expect(first[path] == again[path], "\(path) differs between two builds") }
    }

    @Test func aNewWeekLeavesTheEarlierWeeksDigestsByteIdentical() throws {
        let site = try emailSite()
        defer { site.remove() }
        let latest = site.content.appendingPathComponent("snapshots/2026-11-20.csv")
        let aside = site.folder.appendingPathComponent("2026-11-20.csv")
        try FileManager.default.moveItem(at: latest, to: aside)
        try site.build()
        let before = try FixtureSite.tree(site.output)
        try FileManager.default.moveItem(at: aside, to: latest)
        try site.build(into: site.folder.appendingPathComponent("next"))
        let after = try FixtureSite.tree(site.folder.appendingPathComponent("next"))
        #expect(before.keys.filter { $0.hasPrefix("email/") }.sorted() == ["email/2026-11-06.eml", "email/2026-11-13.eml"])
        for week in ["2026-11-06", "2026-11-13"] {
            #expect(before["email/\(week).eml"] == after["email/\(week).eml"], "the \(week) digest changed when a week was added")
        }
        #expect(after["email/2026-11-20.eml"] != nil)
    }

    @Test func theDigestMatchesItsGoldenFile() throws {
        let site = try emailSite()
        defer { site.remove() }
        try site.build()
        let raw = try Data(contentsOf: site.output.appendingPathComponent("email/2026-11-20.eml"))
        try ChartGoldenTests.assertGolden(String(decoding: raw, as: UTF8.self), named: "digest-2026-11-20.eml")
    }

    @Test func theDigestIsAMultipartMessageWithEncodedHeadersAndShortLines() throws {
        let site = try emailSite()
        defer { site.remove() }
        try site.build()
        let raw = try String(contentsOf: site.output.appendingPathComponent("email/2026-11-20.eml"), encoding: .utf8)
        #expect(raw.utf8.allSatisfy { $0 < 128 }, "7-bit: every non-ASCII character is encoded")
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line ends only")
        #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        let mail = MailReader(raw)
        #expect(mail.decoded("Subject") == "Nørdwind — Робот — revenue waterfall, week of 20 Nov 2026")
        #expect(mail.decoded("From") == "Nørdwind — Робот <waterfall@reports.example.com>")
        #expect(mail.header("Date") == "Fri, 20 Nov 2026 08:00:00 +0000")
        #expect(mail.header("MIME-Version") == "1.0")
        #expect(mail.header("Message-ID")?.hasSuffix("@reports.example.com>") == true)
        #expect(mail.parts.map(\.type) == ["text/plain; charset=UTF-8", "text/html; charset=UTF-8"])
        let html = try #require(mail.parts.last?.text)
        for forbidden in ["<script", "<svg", "<style", "<link", "<img", "class=\""] {
            #expect(!html.contains(forbidden), "the HTML part holds \(forbidden)")
        }
        #expect(html.contains("max-width:600px"))
    }

    @Test func theDigestShowsTheFiguresOfMetricsJSON() throws {
        let site = try emailSite()
        defer { site.remove() }
        try site.build()
        let data = try Data(contentsOf: site.output.appendingPathComponent("weeks/2026-11-20/metrics.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let company = try #require((json["scopes"] as? [[String: Any]])?.first)
        let pipeline = try #require((company["pipeline"] as? [String: Any])?["amount"] as? Double)
        let bookings = try #require(((company["bookings"] as? [String: Any])?["qtd"] as? [String: Any])?["amount"] as? Double)
        let bridge = try #require(company["bridge"] as? [String: Any])
        let sla = try #require((company["sla"] as? [[String: Any]])?.first)
        let mail = MailReader(try String(contentsOf: site.output.appendingPathComponent("email/2026-11-20.eml"), encoding: .utf8))
        let format = Format(currency: "USD")
        func money(_ value: Double) -> String { format.money(Money(cents: Int64((value * 100).rounded()))) }
        for (type, text) in mail.parts {
            for figure in [money(pipeline), money(bookings), money(bridge["start"] as! Double), money(bridge["added"] as! Double),
                           money(bridge["won"] as! Double), money(bridge["end"] as! Double)] {
                #expect(text.contains(figure), "\(type) lacks \(figure)")
            }
            let breached = (sla["breached_leads"] as? [Any])?.count ?? -1
            #expect(text.contains("\(breached) lead"), "\(type) lacks the breached count \(breached)")
            #expect(text.contains("Open pipeline grew on"), "\(type) lacks the commentary's first paragraph")
            #expect(!text.contains("Three large deals pushed"), "\(type) shows more than the first paragraph")
        }
    }

    @Test func everyLinkIsAbsoluteAndLeadsToAFileTheBuildWrote() throws {
        let site = try emailSite()
        defer { site.remove() }
        try site.build()
        let tree = try FixtureSite.tree(site.output)
        let mail = MailReader(try String(contentsOf: site.output.appendingPathComponent("email/2026-11-20.eml"), encoding: .utf8))
        let pattern = try NSRegularExpression(pattern: #"https?://[^\s"<>]+"#)
        var links = Set<String>()
        for (_, text) in mail.parts {
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                links.insert(String(text[Range(match.range, in: text)!]))
            }
        }
        #expect(links.contains("https://reports.example.com/pipeline/weeks/2026-11-20/"))
        #expect(links.count >= 5)
        for link in links {
            #expect(link.hasPrefix("https://reports.example.com/pipeline/weeks/"), "\(link)")
            let path = String(link.dropFirst("https://reports.example.com/pipeline/".count))
            #expect(tree[path.hasSuffix("/") ? path + "index.html" : path] != nil, "\(link) leads to no file")
        }
    }

    @Test func withoutBaseURLTheDigestHasNoLinksAndTheBuildSaysSo() throws {
        let site = try emailSite(baseURL: nil)
        defer { site.remove() }
        let report = try site.build()
        #expect(report.diagnostics.contains { $0.code == .w14 && $0.message.contains("email/") })
        let raw = try String(contentsOf: site.output.appendingPathComponent("email/2026-11-20.eml"), encoding: .utf8)
        let mail = MailReader(raw)
        for (_, text) in mail.parts {
            #expect(!text.contains("href=") && !text.contains("http://") && !text.contains("https://"))
        }
    }

    @Test func aBaseURLThatIsNotAWebAddressIsAConfigError() {
        for bad in ["reports.example.com/pipeline/", "https://x.example/\nBcc: a@b.c", "https://user:pw@x.example/",
                    "https://x.example/a b/", "ftp://x.example/", "https://x.example/?q=1",
                    "https://" + String(repeating: "a", count: 254) + "/"] {
            #expect(throws: SiteConfig.Error.self, "\(bad.debugDescription)") {
                _ = try SiteConfig.parse(yaml: "company: X\nbase_url: \"\(bad.replacingOccurrences(of: "\n", with: "\\n"))\"\n")
            }
        }
        #expect(BaseURL("https://Reports.Example.com:8443/pipeline")?.string == "https://reports.example.com:8443/pipeline/")
    }

    @Test func commentaryLinksBecomeAbsoluteAndOtherSchemesAreDropped() throws {
        let base = BaseURL("https://reports.example.com/pipeline/")
        let page = "https://reports.example.com/pipeline/weeks/2026-11-20/"
        #expect(SiteRenderer.resolve("/definitions/", base: base, page: page) == "https://reports.example.com/pipeline/definitions/")
        #expect(SiteRenderer.resolve("segment/smb/", base: base, page: page) == page + "segment/smb/")
        #expect(SiteRenderer.resolve("https://crm.example.com/x", base: nil, page: nil) == "https://crm.example.com/x")
        #expect(SiteRenderer.resolve("javascript:alert(1)", base: base, page: page) == nil)
        #expect(SiteRenderer.resolve("data:text/html,x", base: base, page: page) == nil)
        #expect(SiteRenderer.resolve("/definitions/", base: nil, page: nil) == nil)
        let inlines = Markdown.firstParagraph("# Title\n\n- a list\n\nSee [the *plan*](/plan/) and `code`  \nnext\n\nSecond paragraph.")
        #expect(inlines == [.text("See "), .link(destination: "/plan/", [.text("the "), .emphasis([.text("plan")])]),
                            .text(" and "), .code("code"), .lineBreak, .text("next")])
    }

    @Test func theEmailCommandNamesTheWeeksThatExistWhenAskedForAnother() throws {
        let site = try emailSite()
        defer { site.remove() }
        try site.build()
        let digests = try BuiltDigests(output: site.output.path)
        #expect(digests.weeks == ["2026-11-06", "2026-11-13", "2026-11-20"])
        #expect(try digests.message(week: nil) == String(contentsOf: site.output.appendingPathComponent("email/2026-11-20.eml"), encoding: .utf8))
        #expect(throws: BuiltDigests.Error.noSuchWeek(week: "2026-11-27", folder: site.output.path + "/email",
                                                      weeks: ["2026-11-06", "2026-11-13", "2026-11-20"])) {
            try digests.message(week: "2026-11-27")
        }
        #expect(throws: BuiltDigests.Error.badWeek("20-11-2026")) { try digests.message(week: "20-11-2026") }
        #expect(throws: BuiltDigests.Error.self) { try BuiltDigests(output: site.folder.appendingPathComponent("nowhere").path) }
    }
}
