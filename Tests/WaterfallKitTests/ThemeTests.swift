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

    @Test func theThemeCommandWritesEveryBuiltInFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try ThemeWriter.writeDefaultTheme(to: folder.path)
        #expect(written.count == Theme.builtInFiles.count)
        #expect(try ThemeLoader.overrides(at: folder.path) == Theme.builtInFiles)
        #expect(throws: ThemeError.self) { try ThemeWriter.writeDefaultTheme(to: folder.path) }
    }
}
