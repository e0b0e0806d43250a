import Foundation
import Testing
@testable import WaterfallKit

/// Links in commentary: `/` means the site root at every depth, and a link to nothing is a warning.
@Suite struct CommentaryLinkTests {
    @Test func aLinkFromTheSiteRootIsRewrittenForThePageDepth() {
        let markdown = "[Definitions](/definitions/) and [stages](/definitions/index.html#stages) and [home](/)\n"
        #expect(Markdown.html(markdown).html.contains(#"<a href="definitions/index.html">"#))
        let deep = Markdown.html(markdown, rootPrefix: "../../../../").html
        #expect(deep.contains(#"<a href="../../../../definitions/index.html">"#))
        #expect(deep.contains(#"<a href="../../../../definitions/index.html#stages">"#))
        #expect(deep.contains(#"<a href="../../../../index.html">"#))
        #expect(!deep.contains(#"href="/"#))
    }

    @Test func externalAndRelativeLinksAreLeftAsWritten() {
        let markdown = "[CRM](https://crm.example.com/a?b=1) [cdn](//cdn.example.com/x.png) [mail](mailto:a@example.com) "
            + "[up](../definitions/) [part](#plan) ![chart](/data/chart.png)\n"
        let html = Markdown.html(markdown, rootPrefix: "../../").html
        #expect(html.contains(#"href="https://crm.example.com/a?b=1""#))
        #expect(html.contains(#"href="//cdn.example.com/x.png""#))
        #expect(html.contains(#"href="mailto:a@example.com""#))
        #expect(html.contains(#"href="../definitions/""#))
        #expect(html.contains(##"href="#plan""##))
        #expect(html.contains(#"src="../../data/chart.png""#))
    }

    @Test func safeModeStillDropsScriptLinksAfterTheRewrite() {
        let html = Markdown.html("[x](javascript:alert(1)) [y](JavaScript:alert(2)) [z](/javascript:alert(3))\n", rootPrefix: "../").html
        #expect(!html.contains("javascript:alert(1)"))
        #expect(!html.contains("JavaScript:alert(2)"))
        // A root-relative path that merely spells the word stays a harmless relative path, at every depth.
        #expect(html.contains(#"href="../javascript:alert(3)""#))
        let root = Markdown.html("[z](/javascript:alert(3)) [w](/data:text/html,x)\n").html
        #expect(root.contains(#"href="./javascript:alert(3)""#))
        #expect(root.contains(#"href="./data:text/html,x""#))
    }

    @Test func internalLinksAreTheRelativeAndRootRelativeOnes() {
        let links = Markdown.internalLinks(in: "[a](/weeks/) [b](https://x.example) [c](../definitions/) [d](#top) [e](mailto:x@y.z) ![f](img.png)\n")
        #expect(links == ["/weeks/", "../definitions/", "img.png"])
    }

    @Test func aLinkResolvesFromThePageFolder() {
        #expect(SiteLink("/definitions/").targets(fromPageIn: ["weeks", "2026-11-20"]) == ["definitions/index.html"])
        #expect(SiteLink("definitions").targets(fromPageIn: ["weeks", "2026-11-20"])
            == ["weeks/2026-11-20/definitions", "weeks/2026-11-20/definitions/index.html"])
        #expect(SiteLink("../../index.html?x#y").targets(fromPageIn: ["segment", "smb"]) == ["index.html", "index.html/index.html"])
        #expect(SiteLink("..").targets(fromPageIn: ["weeks"]) == ["index.html"])
        #expect(SiteLink("../definitions/").targets(fromPageIn: []) == nil)
        #expect(SiteLink("/a%20b/c.csv").targets(fromPageIn: []) == ["a b/c.csv", "a b/c.csv/index.html"])
    }

    @Test func rootRelativeLinksWorkAtTheRootAndUnderWeeks() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try write("Read the [definitions](/definitions/) and [all weeks](/weeks/).\n", to: "commentary/2026-11-20.md", in: site)
        try write("See [stages](/definitions/#stages).\n", to: "commentary/2026-11-20/segment/enterprise.md", in: site)
        let report = try site.build()
        let tree = try FixtureSite.tree(site.output)
        let pages = FixtureSite.pages(tree)
        let expected = [
            "index.html": "definitions/index.html",
            "weeks/2026-11-20/index.html": "../../definitions/index.html",
            "segment/enterprise/index.html": "../../definitions/index.html#stages",
            "weeks/2026-11-20/segment/enterprise/index.html": "../../../../definitions/index.html#stages",
        ]
        for (page, href) in expected {
            #expect(pages[page]?.contains("href=\"\(href)\"") == true, "\(page) lacks href=\(href)")
            // The rewritten link leads to a real file, followed from the page's folder.
            let folders = Array(page.split(separator: "/").dropLast().map(String.init))
            let target = SiteLink(href).targets(fromPageIn: folders)?.first
            #expect(target.map { tree[$0] != nil } == true, "\(page): \(href) leads nowhere")
        }
        #expect(pages["index.html"]?.contains(#"<a href="weeks/index.html">all weeks</a>"#) == true)
        #expect(report.diagnostics.map(\.description).allSatisfy { !$0.contains("commentary link") }, "\(report.diagnostics.map(\.description))")
    }

    @Test func aCommentaryLinkToNothingIsAWarningNamingTheFileAndTheLink() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try write("[up](../definitions/) [fine](definitions/) [gone](/segment/enterprize/) [web](https://example.com/nope)\n",
                  to: "commentary/2026-11-20.md", in: site)
        let warnings = try site.build().diagnostics.map(\.description).filter { $0.contains("commentary link") }
        #expect(warnings.count == 2, "\(warnings)")
        let up = try #require(warnings.first { $0.contains("`../definitions/`") })
        #expect(up.hasPrefix(site.content.appendingPathComponent("commentary/2026-11-20.md").path)
            || up.contains("commentary/2026-11-20.md"))
        #expect(up.contains("weeks/2026-11-20/index.html and index.html"))
        #expect(up.contains("`/definitions/`"))
        #expect(warnings.contains { $0.contains("`/segment/enterprize/`") })
    }

    @Test func aLinkIntoTheArchiveCountsOnceTheArchiveExists() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try write("[Archive](/archive/)\n", to: "commentary/2026-11-20.md", in: site)
        #expect(try site.build().diagnostics.map(\.description).contains { $0.contains("`/archive/`") })
        let archived = site.output.appendingPathComponent("archive/index.html")
        try FileManager.default.createDirectory(at: archived.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("archive".utf8).write(to: archived)
        #expect(try site.build().diagnostics.map(\.description).allSatisfy { !$0.contains("`/archive/`") })
    }

    private func write(_ text: String, to path: String, in site: FixtureSite) throws {
        try Data(text.utf8).write(to: site.content.appendingPathComponent(path))
    }
}
