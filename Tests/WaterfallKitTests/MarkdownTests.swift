import Testing
@testable import WaterfallKit

@Suite struct MarkdownTests {
    @Test func commonMarkIsRenderedAndRawHTMLIsNotPassedThrough() {
        let html = Markdown.html("**Up** <script>alert(1)</script> [x](javascript:alert(1))\n\n<div>raw</div>\n").html
        #expect(html.contains("<strong>Up</strong>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("<div>"))
    }

    @Test func frontMatterGivesTitleAuthorAndTeam() throws {
        let commentary = try Markdown.commentary("---\ntitle: Week 47\nauthor: Dana\nteam: RevOps\n---\nBody\n", file: "c.md")
        #expect(commentary.title == "Week 47")
        #expect(commentary.author == "Dana")
        #expect(commentary.team == "RevOps")
        #expect(commentary.body.html == "<p>Body</p>\n")
        #expect(try Markdown.commentary("No front matter\n", file: "c.md").title == nil)
    }

    @Test func badFrontMatterIsAnErrorNamingTheFile() {
        #expect(throws: Markdown.Error.self) { try Markdown.commentary("---\ntitle: [x\n---\n", file: "commentary/a.md") }
        #expect(throws: Markdown.Error.badFrontMatter(file: "a.md", problem: "unknown key `date`")) {
            try Markdown.commentary("---\ndate: 2026-11-20\n---\n", file: "a.md")
        }
        #expect(throws: Markdown.Error.badFrontMatter(file: "a.md", problem: "no closing `---` line")) {
            try Markdown.commentary("---\ntitle: x\n", file: "a.md")
        }
        #expect {
            try Markdown.commentary("---\ntitle: [x\n---\n", file: "commentary/a.md")
        } throws: { "\($0)".hasPrefix("commentary/a.md: bad front matter") }
    }
}

@Test func namesCommentaryFilesThatNoPageShows() throws {
    let files = ["2026-11-20.md", "2026-11-21.md", "2026-11-20/segment/enterprise.md", "2026-11-20/segment/enterprize.md"].map {
        CommentaryLoader.File(key: $0, display: "content/commentary/" + $0, text: "Note")
    }
    let commentaries = try Commentaries(files: files)
    let unused = commentaries.unused(pages: [
        (day("2026-11-20"), nil, nil), (day("2026-11-20"), "segment", "enterprise"), (day("2026-11-20"), "segment", "smb"),
    ])
    // Relative to the content folder, whatever path the user typed for it (Found 13).
    #expect(unused == ["commentary/2026-11-20/segment/enterprize.md", "commentary/2026-11-21.md"])
}
