import Foundation
import Testing
@testable import WaterfallKit

/// Markup in every text field (company, segment and region values, source, owner, name, commentary)
/// must be escaped wherever it lands: HTML text, attributes, SVG and URLs.
@Suite struct EscapingTests {
    static func hostilePages() throws -> [String: String] {
        let site = try FixtureSite("site-hostile")
        defer { site.remove() }
        try site.build()
        return FixtureSite.pages(try FixtureSite.tree(site.output))
    }

    @Test func noMarkupFromTheDataAppearsUnescapedOnAnyPage() throws {
        let pages = try Self.hostilePages()
        #expect(pages.count > 10)
        for (path, html) in pages {
            let lower = html.lowercased()
            for forbidden in ["<script", "<b>", "<i>", "<img", "<div onclick"] {
                let found = lower.contains(forbidden)
                #expect(!found, "\(path) contains \(forbidden)")
            }
            // No element carries an event handler or a javascript: URL.
            let handler = try Regex(#"<[a-zA-Z][^>]*\s(on[a-z]+=|[a-z]+="javascript:)"#)
            let hasHandler = lower.firstMatch(of: handler) != nil
            #expect(!hasHandler, "\(path) has an element with an event handler or javascript: URL")
            // Every & starts an entity: nothing from the data slipped through raw.
            let bareAmpersand = try Regex(#"&(?![a-zA-Z]+;|#[0-9]+;|#x[0-9a-fA-F]+;)"#)
            let bare = html.firstMatch(of: bareAmpersand).map { String(html[$0.range.lowerBound...].prefix(40)) }
            #expect(bare == nil, "\(path) has a bare &: \(bare ?? "")")
        }
    }

    @Test func theHostileValuesAreShownEscapedWhereTheyLand() throws {
        let pages = try Self.hostilePages()
        let index = try #require(pages["index.html"])
        #expect(index.contains("Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot; &#39;Ltd&#39;"))
        #expect(index.contains("<title>Company overview · Acme &lt;script&gt;"))
        // A source name inside an SVG's text and description.
        #expect(index.contains("&lt;img src=x onerror=alert(1)&gt;"))
        // Commentary: raw HTML dropped by libcmark's safe mode, front matter escaped.
        #expect(index.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; title"))
        #expect(index.contains("<!-- raw HTML omitted -->"))
        let segment = try #require(pages["segment/script-alert-x-script-q-dq-line/index.html"])
        #expect(segment.contains("Segment &lt;b&gt;title&lt;/b&gt; &amp; &quot;quotes&quot;"))
        #expect(segment.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &quot;dq&quot;"))
    }

    @Test func everyAttributeValueAndURLIsEscaped() throws {
        let attribute = try Regex(#"\s([a-zA-Z:-]+)="([^"]*)""#)
        let safeURL = try Regex(#"^[A-Za-z0-9._~%/#-]*$"#)
        for (path, html) in try Self.hostilePages() {
            for match in html.matches(of: attribute) {
                let name = String(match.output[1].substring ?? ""), value = String(match.output[2].substring ?? "")
                #expect(!value.contains("<") && !value.contains(">") && !value.contains("'"), "\(path): \(name)=\"\(value)\"")
                if name == "href" || name == "src", value != "data:," {
                    #expect(value.wholeMatch(of: safeURL) != nil, "\(path): unencoded URL \(value)")
                }
            }
        }
    }

    @Test func svgHoldsOnlyTheElementsTheChartsWrite() throws {
        let svgElement = try Regex(#"<svg[^>]*>.*?</svg>"#).dotMatchesNewlines()
        let tag = try Regex(#"<(/?)([a-zA-Z]*)"#)
        let allowed: Set<String> = ["svg", "title", "desc", "rect", "line", "circle", "polyline", "polygon", "text", "tspan"]
        for (path, html) in try Self.hostilePages() {
            for svg in html.matches(of: svgElement) {
                for match in html[svg.range].matches(of: tag) {
                    let name = String(match.output[2].substring ?? "")
                    #expect(allowed.contains(name), "\(path): unexpected <\(name)> inside an SVG")
                }
            }
        }
    }

    @Test func theEscaperReplacesTheFiveSpecialCharactersAndKeepsEverythingElse() {
        #expect("<b>\"Tom & Jerry's\"</b>".htmlEscaped == "&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;")
        #expect("Zürich · 北京 · 👩🏽‍💼 <x>".htmlEscaped == "Zürich · 北京 · 👩🏽‍💼 &lt;x&gt;")
        #expect("$1,234,567 · 12.5 %".htmlEscaped == "$1,234,567 · 12.5 %")
        #expect("".htmlEscaped == "")
        #expect("&amp;".htmlEscaped == "&amp;amp;")
        #expect("line\nbreak\r\n".htmlEscaped == "line\nbreak\r\n")
    }

    @Test func viewModelsHoldSafeHTMLOnlyUnderHTMLNamesAndNoOptionals() throws {
        let site = try FixtureSite("site-hostile")
        defer { site.remove() }
        let checked = try SiteBuilder(options: checkOptions(content: site.content.path)).check()
        let (config, metrics) = (checked.config, checked.metrics)
        let renderer = SiteRenderer(config: config, metrics: metrics, theme: try Theme())
        let latest = metrics.count - 1
        for scope in metrics[latest].scopes {
            let model = ScopeViewModel(config: config, format: Format(currency: config.currency), snapshot: metrics[latest],
                                       previous: metrics[latest - 1].scopes.first { $0.scope == scope.scope }, hasPreviousSnapshot: true)
            var fields = renderer.chrome(week: latest, location: .root, scope: scope.scope, title: "t").fields
            fields["scope"] = model.sections(for: scope).fields
            check(fields, path: scope.scope.key)
        }
    }

    private func check(_ value: Any, path: String) {
        switch value {
        case let fields as Fields:
            for (key, child) in fields {
                if key.hasSuffix("HTML") {
                    #expect(child is SafeHTML, "\(path).\(key) is not SafeHTML")
                } else {
                    #expect(!(child is SafeHTML), "\(path).\(key) holds SafeHTML under a name templates escape")
                }
                check(child, path: path + "." + key)
            }
        case let list as [Fields]:
            for (index, item) in list.enumerated() { check(item, path: "\(path)[\(index)]") }
        case is String, is Bool, is Int, is SafeHTML:
            break
        default:
            Issue.record("\(path) holds \(type(of: value)); view models hold String, Bool, Int, SafeHTML, Fields or [Fields]")
        }
    }
}
