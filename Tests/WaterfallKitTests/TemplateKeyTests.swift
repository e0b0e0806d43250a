import Foundation
import Testing
@testable import WaterfallKit

/// Every name a template uses must be a key the view models supply: the sections supply each of
/// their keys on every page (`false` for an absent part), so rendering the fixture sites with a
/// theme that records the keys handed to it gives every key; a tag naming anything else fails.
@Suite struct TemplateKeyTests {
    /// The names a template's tags look up, each dotted name split into its parts (`gap.text`):
    /// variables, sections and inverted sections; not partials, parents, blocks or comments.
    static func names(in template: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            var tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if tag.hasPrefix("{") {
                tag.removeFirst()
                if rest.hasPrefix("}") { rest = rest.dropFirst() }
            }
            guard let first = tag.first, !"!></$=".contains(first) else { continue }
            if "#^&".contains(first) { tag.removeFirst() }
            let name = tag.trimmingCharacters(in: .whitespaces)
            guard name != "." else { continue }
            names.formUnion(name.split(separator: ".").map(String.init))
        }
        return names
    }

    /// The keys supplied while rendering the fixture sites (every page kind, main and archived
    /// placement, the archive index and a bag index) with `theme`.
    static func suppliedKeys(theme base: Theme) throws -> Set<String> {
        var theme = base
        let keys = SuppliedKeys()
        theme.suppliedKeys = keys
        for fixture in ["site-small", "site-hostile", "site-quarters", "hubspot"] {
            let site = try FixtureSite(fixture)
            defer { site.remove() }
            let checked = try SiteBuilder(options: checkOptions(content: site.content.path)).check()
            _ = SiteRenderer(config: checked.config, metrics: checked.metrics, theme: theme, commentaries: checked.commentaries,
                             placement: .main(hasArchive: true)).files()
            let archive = ArchiveRenderer(config: checked.config, theme: theme, commentaries: checked.commentaries)
            _ = archive.site(weeks: checked.metrics, before: nil, quarter: "FY2027-Q3")
            _ = archive.bagIndex(quarter: "FY2027-Q3", lastSnapshot: checked.metrics[0].snapshot, inputs: ["site.yml"])
            _ = archive.index([.init(quarter: "FY2027-Q3", figures: nil, manifestDigest: SHA256Digest(of: Array("x".utf8)))],
                              restatements: ArchiveRenderer.restatementsHeader + "\n## FY2027-Q3, restated\n")
        }
        return keys.all
    }

    /// Template names no view model supplied, as `file: name`.
    static func unsupplied(theme: Theme) throws -> [String] {
        let supplied = try suppliedKeys(theme: theme)
        return theme.files.filter { $0.key.hasSuffix(".mustache") }.sorted { $0.key < $1.key }.flatMap { file, text in
            names(in: text).subtracting(supplied).sorted().map { "\(file): \($0)" }
        }
    }

    @Test func everyTemplateNameIsAKeyTheViewModelsSupply() throws {
        let missing = try Self.unsupplied(theme: try Theme())
        #expect(missing.isEmpty, "templates name keys no view model supplies: \(missing)")
    }

    @Test func aTemplateNamingAnUnknownKeyFailsTheCheck() throws {
        var funnel = try #require(Theme.builtInFiles["partials/funnel.mustache"])
        funnel = funnel.replacingOccurrences(of: "{{window}}", with: "{{window}} {{#rows}}{{stageOwner}}{{/rows}} {{plan.targetRemaining}}")
        let missing = try Self.unsupplied(theme: try Theme(overrides: ["partials/funnel.mustache": funnel]))
        #expect(missing == ["partials/funnel.mustache: stageOwner", "partials/funnel.mustache: targetRemaining"])
    }

    @Test func theTagScanFindsSectionsVariablesAndDottedNames() {
        let names = Self.names(in: "{{! note }}{{#a}}{{b.c}}{{{dHTML}}}{{&eHTML}}{{^f}}{{/f}}{{>partials/g}}{{.}}{{/a}}{{<layout}}{{$content}}{{/content}}")
        #expect(names == ["a", "b", "c", "dHTML", "eHTML", "f"])
    }
}
