import Foundation
import Ccmark
import Yams

/// Commentary written for one scope and week: CommonMark with optional front matter (SPEC §1).
/// The body is rendered per page, because a link starting with `/` depends on the page's depth.
struct Commentary: Sendable, Equatable {
    var title: String?
    var author: String?
    var team: String?
    /// The Markdown after the front matter.
    var markdown: String
    /// Link and image destinations that point into the site (relative or starting with `/`), as written.
    var internalLinks: [String]

    /// The body as shown on a page at the site root.
    var body: SafeHTML { body(rootPrefix: "") }

    /// The body as shown on a page whose way back to the site root is `rootPrefix` (`../../`).
    func body(rootPrefix: String) -> SafeHTML { Markdown.html(markdown, rootPrefix: rootPrefix) }

    /// The body's first paragraph as inline parts (empty when it has none), for the e-mail digest.
    var firstParagraph: [MarkdownInline] { Markdown.firstParagraph(markdown) }
}

/// Inline content of a Markdown paragraph, for renderers other than the site's HTML (the e-mail
/// digest escapes and lays it out itself). Raw HTML is dropped; an image keeps its text.
indirect enum MarkdownInline: Sendable, Equatable {
    case text(String)
    case code(String)
    case lineBreak
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case link(destination: String, [MarkdownInline])
}

/// The one file that knows libcmark exists: CommonMark to HTML in libcmark's safe mode
/// (raw HTML replaced by a comment, `javascript:` and similar links dropped). Links starting with
/// `/` are rewritten in the parsed document (never in the text) to relative links for the page.
enum Markdown {
    enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case badFrontMatter(file: String, problem: String)

        var description: String {
            switch self {
            case let .badFrontMatter(file, problem):
                return "\(file): bad front matter (\(problem)). Write it between two `---` lines as YAML with only "
                    + "`title:`, `author:` and `team:` text values, or remove it."
            }
        }
    }

    /// The allowed front-matter keys.
    static let frontMatterKeys: Set<String> = ["title", "author", "team"]

    /// CommonMark rendered to HTML with raw HTML suppressed. A link or image starting with `/` (the
    /// site root) gets `rootPrefix` instead of the `/`, and `index.html` when it names a folder.
    static func html(_ markdown: String, rootPrefix: String = "") -> SafeHTML {
        let html = withDocument(markdown) { document -> String in
            forEachLink(in: document) { node in
                guard let url = cmark_node_get_url(node).map({ String(cString: $0) }),
                      let rewritten = SiteLink(url).relative(rootPrefix: rootPrefix) else { return }
                cmark_node_set_url(node, rewritten)
            }
            guard let rendered = cmark_render_html(document, options) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
        return SafeHTML(rendered: html ?? "")
    }

    /// The link and image destinations of `markdown` that point into the site, in document order.
    static func internalLinks(in markdown: String) -> [String] {
        withDocument(markdown) { document -> [String] in
            var links: [String] = []
            forEachLink(in: document) { node in
                guard let url = cmark_node_get_url(node).map({ String(cString: $0) }) else { return }
                if SiteLink(url).isInternal { links.append(url) }
            }
            return links
        } ?? []
    }

    /// The inline parts of the first paragraph of a document (headings, lists and quotes skipped).
    static func firstParagraph(_ markdown: String) -> [MarkdownInline] {
        withDocument(markdown) { document -> [MarkdownInline] in
            var node = cmark_node_first_child(document)
            while let current = node, cmark_node_get_type(current) != CMARK_NODE_PARAGRAPH {
                node = cmark_node_next(current)
            }
            return node.map(inlines(under:)) ?? []
        } ?? []
    }

    /// A commentary file: front matter (if any) and the rendered body. `file` names it in errors.
    static func commentary(_ text: String, file: String) throws -> Commentary {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let (frontMatter, body) = try split(text, file: file)
        var fields: [String: String] = [:]
        if let frontMatter, !frontMatter.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let parsed: Any?
            try YAMLGuard.check(frontMatter, file: file, lineOffset: 1)
            do {
                parsed = try Yams.load(yaml: frontMatter)
            } catch {
                throw Error.badFrontMatter(file: file, problem: "not valid YAML: \(firstLine(of: "\(error)"))")
            }
            guard let map = parsed as? [String: Any] else {
                throw Error.badFrontMatter(file: file, problem: "expected `key: value` lines")
            }
            for (key, value) in map.sorted(by: { $0.key < $1.key }) {
                guard frontMatterKeys.contains(key) else {
                    throw Error.badFrontMatter(file: file, problem: "unknown key `\(key)`")
                }
                switch value {
                case let string as String: fields[key] = string
                case let number as Int: fields[key] = String(number)
                default: throw Error.badFrontMatter(file: file, problem: "`\(key)` must be text")
                }
            }
        }
        return Commentary(title: fields["title"], author: fields["author"], team: fields["team"],
                          markdown: body, internalLinks: internalLinks(in: body))
    }
}

private extension Markdown {
    static let options = CMARK_OPT_SAFE | CMARK_OPT_SMART

    /// Parses `markdown` and hands the document to `body`; nil when libcmark cannot allocate it.
    static func withDocument<T>(_ markdown: String, _ body: (OpaquePointer) -> T) -> T? {
        markdown.withCString { pointer -> T? in
            guard let document = cmark_parse_document(pointer, strlen(pointer), options) else { return nil }
            defer { cmark_node_free(document) }
            return body(document)
        }
    }

    /// Calls `visit` with every link and image node of the document, in document order.
    static func forEachLink(in document: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { visit(node) }
        }
    }

    /// Splits `---` front matter from the body; nil front matter when the file does not start with `---`.
    static func split(_ text: String, file: String) throws -> (String?, String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard normalized.hasPrefix("---\n") || normalized == "---" else { return (nil, normalized) }
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        guard let end = lines.indices.dropFirst().first(where: { lines[$0] == "---" || lines[$0] == "..." }) else {
            throw Error.badFrontMatter(file: file, problem: "no closing `---` line")
        }
        let frontMatter = lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        return (frontMatter, body)
    }

    static func inlines(under node: OpaquePointer) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            let literal = cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT: if !literal.isEmpty { result.append(.text(literal)) }
            case CMARK_NODE_CODE: result.append(.code(literal))
            case CMARK_NODE_SOFTBREAK: result.append(.text(" "))
            case CMARK_NODE_LINEBREAK: result.append(.lineBreak)
            case CMARK_NODE_EMPH: result.append(.emphasis(inlines(under: current)))
            case CMARK_NODE_STRONG: result.append(.strong(inlines(under: current)))
            case CMARK_NODE_LINK:
                let url = cmark_node_get_url(current).map { String(cString: $0) } ?? ""
                result.append(.link(destination: url, inlines(under: current)))
            case CMARK_NODE_IMAGE: result.append(contentsOf: inlines(under: current))
            default: break
            }
            child = cmark_node_next(current)
        }
        return result
    }

    static func firstLine(of text: String) -> String {
        String(text.split(separator: "\n").first ?? "")
    }
}
