import Foundation
import Ccmark
import Yams

/// Commentary written for one scope and week: CommonMark with optional front matter (SPEC §1).
public struct Commentary: Sendable, Equatable {
    public var title: String?
    public var author: String?
    public var team: String?
    public var body: SafeHTML
}

/// The one file that knows libcmark exists: CommonMark to HTML in libcmark's safe mode
/// (raw HTML replaced by a comment, `javascript:` and similar links dropped).
public enum Markdown {
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case badFrontMatter(file: String, problem: String)

        public var description: String {
            switch self {
            case let .badFrontMatter(file, problem):
                return "\(file): bad front matter (\(problem)). Write it between two `---` lines as YAML with only "
                    + "`title:`, `author:` and `team:` text values, or remove it."
            }
        }
    }

    /// The allowed front-matter keys.
    public static let frontMatterKeys: Set<String> = ["title", "author", "team"]

    /// CommonMark rendered to HTML with raw HTML suppressed.
    public static func html(_ markdown: String) -> SafeHTML {
        let options = CMARK_OPT_SAFE | CMARK_OPT_SMART
        let html = markdown.withCString { pointer -> String in
            guard let rendered = cmark_markdown_to_html(pointer, strlen(pointer), options) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
        return SafeHTML(rendered: html)
    }

    /// A commentary file: front matter (if any) and the rendered body. `file` names it in errors.
    public static func commentary(_ text: String, file: String) throws -> Commentary {
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
        return Commentary(title: fields["title"], author: fields["author"], team: fields["team"], body: html(body))
    }
}

private extension Markdown {
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

    static func firstLine(of text: String) -> String {
        String(text.split(separator: "\n").first ?? "")
    }
}
