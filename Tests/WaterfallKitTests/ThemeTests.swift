import Foundation
import Testing
@testable import WaterfallKit

@Suite struct ThemeTests {
    static let templatesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates")

    @Test func builtInThemeMatchesTemplatesFolder() throws {
        let onDisk = try ThemeLoader.overrides(at: Self.templatesFolder.path)
        #expect(Set(onDisk.keys) == Set(Theme.builtInFiles.keys), "run scripts/embed-theme")
        for (name, text) in onDisk {
            #expect(Theme.builtInFiles[name] == text, "\(name) changed: run scripts/embed-theme")
        }
    }

    @Test func theBuiltInThemeParses() throws {
        let theme = try Theme()
        #expect(theme.stylesheets.map(\.0) == ["style.css"])
    }

    @Test func tripleBracesAreRefusedForNamesThatAreNotHTML() {
        #expect(throws: ThemeError.unescapedValue(file: "t/scope.mustache", name: "company")) {
            try Theme(overrides: ["scope.mustache": "<h1>{{{company}}}</h1>"], overridesFolder: "t")
        }
        #expect(throws: ThemeError.unescapedValue(file: "t/scope.mustache", name: "name")) {
            try Theme(overrides: ["scope.mustache": "{{& name}}"], overridesFolder: "t")
        }
        #expect(throws: ThemeError.self) {
            try Theme(overrides: ["scope.mustache": "{{=<% %>=}}<%{company}%>"], overridesFolder: "t")
        }
        #expect(throws: ThemeError.self) {
            try Theme(overrides: ["scope.mustache": "{{%CONTENT_TYPE: TEXT}}{{company}}"], overridesFolder: "t")
        }
        #expect(Theme.firstUnescapedName(in: "{{{chartHTML}}} {{x}} {{#a}}{{/a}}") == nil)
    }

    @Test func aBrokenTemplateIsAnErrorNamingTheFile() {
        #expect {
            try Theme(overrides: ["partials/kpis.mustache": "{{#kpis}} unclosed"], overridesFolder: "mine")
        } throws: { error in
            "\(error)".hasPrefix("mine/partials/kpis.mustache:")
        }
    }

    /// swift-mustache escapes one `Character` at a time, and a quote followed by a combining mark
    /// (or preceded by a prepended mark) is one `Character` that is not `"`: it would reach the
    /// page unescaped and end an attribute early.
    @Test func specialCharactersJoinedWithMarksAreStillEscapedInTextAndAttributes() throws {
        let theme = try Theme(overrides: ["probe.mustache": "<p title=\"{{value}}\">{{value}}</p>\n"])
        let hostile = [
            "x\"\u{301} onmouseover=alert(1) y", "<\u{301}script>", "&\u{301}amp;", "\u{600}\"", "it'\u{301}s",
            "line one\nline \"\u{301}two\"", "{{value}} \"\u{301}",
        ]
        for value in hostile {
            let html = theme.render("probe", ["value": value])
            let escaped = value.htmlEscaped
            let normalized = html.replacingOccurrences(of: "&#10;", with: "\n").replacingOccurrences(of: "&#123;", with: "{")
                .replacingOccurrences(of: "&#125;", with: "}")
            #expect(normalized == "<p title=\"\(escaped)\">\(escaped)</p>\n", "\(value.debugDescription) → \(html.debugDescription)")
        }
        // Everyday text keeps the plain path and its bytes.
        #expect(theme.render("probe", ["value": "Tom & Jerry's <b>"]) == "<p title=\"Tom &amp; Jerry&#39;s &lt;b&gt;\">Tom &amp; Jerry&#39;s &lt;b&gt;</p>\n")
    }

    @Test func theThemeCommandWritesEveryBuiltInFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try ThemeWriter.writeDefaultTheme(to: folder.path)
        #expect(written.count == Theme.builtInFiles.count)
        #expect(try ThemeLoader.overrides(at: folder.path) == Theme.builtInFiles)
        #expect(throws: ThemeError.self) { try ThemeWriter.writeDefaultTheme(to: folder.path) }
    }
}
