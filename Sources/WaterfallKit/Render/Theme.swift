import Foundation
import Mustache

/// A problem with a theme file; it stops the build and names the file.
enum ThemeError: Swift.Error, Equatable, CustomStringConvertible {
    case badTemplate(file: String, line: Int, column: Int, problem: String)
    case unescapedValue(file: String, name: String)
    case missingTemplate(name: String)
    case wouldOverwrite(path: String)

    var description: String {
        switch self {
        case let .badTemplate(file, line, column, problem):
            return "\(file):\(line):\(column): \(problem). Fix the Mustache syntax, or delete the file to use the built-in one."
        case let .unescapedValue(file, name):
            return "\(file): `\(name)` is inserted without escaping. Use {{\(name)}}; triple braces are only for values "
                + "whose name ends in HTML (markup Waterfall wrote itself)."
        case let .missingTemplate(name):
            return "the theme has no template `\(name).mustache`. Restore it with `waterfall theme --out templates`."
        case let .wouldOverwrite(path):
            return "\(path): already exists. Choose another folder, or pass --force to overwrite it."
        }
    }
}

/// The page templates, partials and stylesheet a site is rendered with: the built-in theme with a
/// `templates/` folder's files laid over it file by file. Templates are parsed once per build.
struct Theme: Sendable {
    /// Every file of the theme by path: `layout.mustache`, `partials/kpis.mustache`, `style.css`.
    let files: [String: String]
    let library: MustacheLibrary

    /// The built-in theme (generated from `templates/` by `scripts/embed-theme`).
    static var builtInFiles: [String: String] { DefaultTheme.files }

    /// Templates every theme must provide.
    static let requiredTemplates = ["scope", "dimension", "definitions", "data-quality", "weeks", "archive", "bag"]

    static func isThemeFile(_ path: String) -> Bool {
        path.hasSuffix(".mustache") || path.hasSuffix(".css")
    }

    /// Parses the built-in theme with `overrides` laid over it, checking every template.
    init(overrides: [String: String] = [:], overridesFolder: String = "templates") throws {
        var files = Theme.builtInFiles
        var origin: [String: String] = [:]
        for (name, text) in overrides {
            files[name] = text
            origin[name] = overridesFolder.hasSuffix("/") ? overridesFolder + name : overridesFolder + "/" + name
        }
        var library = MustacheLibrary()
        for (path, text) in files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".mustache") {
            let display = origin[path] ?? "built-in theme " + path
            if let name = Theme.firstUnescapedName(in: text) {
                throw ThemeError.unescapedValue(file: display, name: name)
            }
            if text.contains("{{=") || text.contains("{{%") {
                throw ThemeError.badTemplate(file: display, line: 1, column: 1,
                                             problem: "changing the delimiters or the content type is not allowed")
            }
            do {
                try library.register(text, named: String(path.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                throw ThemeError.badTemplate(file: display, line: error.context.lineNumber,
                                             column: error.context.columnNumber, problem: "\(error.error)")
            }
        }
        for name in Theme.requiredTemplates where library.getTemplate(named: name) == nil {
            throw ThemeError.missingTemplate(name: name)
        }
        self.files = files
        self.library = library
    }

    /// Renders the page template `name` with a view model.
    func render(_ name: String, _ context: [String: Any]) -> String {
        suppliedKeys?.record(context)
        return library.render(MustacheNode.prepared(context), withTemplate: name) ?? ""
    }

    /// Set by tests: collects every key the view models hand to `render`.
    var suppliedKeys: SuppliedKeys?

    /// The stylesheets to copy into the site root, by file name.
    var stylesheets: [(String, String)] {
        files.filter { $0.key.hasSuffix(".css") }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

extension Theme {
    /// The first `{{{name}}}` or `{{&name}}` whose name does not end in `HTML`, if any.
    static func firstUnescapedName(in template: String) -> String? {
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            var after = rest[open.upperBound...]
            let triple = after.hasPrefix("{")
            let ampersand = after.hasPrefix("&")
            guard triple || ampersand else {
                rest = after
                continue
            }
            after = after.dropFirst()
            guard let close = after.range(of: "}}") else { return nil }
            let name = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !name.hasSuffix("HTML") { return name }
            rest = after[close.upperBound...]
        }
        return nil
    }
}

/// A view-model object as swift-mustache sees it. `[String: Any]` is a Mustache parent only
/// through a conditional conformance, which the Swift runtime re-checks on every lookup;
/// this plain struct conforms directly. Strings become `MustacheText` for the same reason.
struct MustacheNode: MustacheParent {
    let fields: [String: Any]

    func child(named name: String) -> Any? { fields[name] }

    /// The view model with every dictionary and string wrapped, recursively.
    static func prepared(_ value: Any) -> Any {
        switch value {
        case let text as String: return MustacheText.escapingSafely(text.withoutControlCharacters)
        case let fields as [String: Any]: return MustacheNode(fields: fields.mapValues(prepared))
        case let list as [Any]: return list.map(prepared)
        default: return value
        }
    }
}

/// View-model text: `{{name}}` escapes it like any string.
struct MustacheText: MustacheCustomRenderable {
    let text: String

    var renderText: String { text }
    var isNull: Bool { false }

    /// The text as swift-mustache should get it. swift-mustache 2.1.1 escapes one `Character` at a
    /// time, so `& < > " '` joined with a combining mark after it (`"` + U+0301) or a prepended
    /// mark before it (U+0600 + `"`) is one `Character` it does not recognise, and would reach the
    /// page raw: a `"` would end an attribute early. Such rare text is escaped here, on bytes, and
    /// handed over as a template of plain text, which swift-mustache inserts as it is. Braces and
    /// line breaks become character references too, so the text cannot open a tag and is not
    /// re-indented; the page reads the same.
    static func escapingSafely(_ text: String) -> Any {
        guard text.utf8.contains(where: String.isSpecialInHTML),
              text.contains(where: { character in
                  character.unicodeScalars.count > 1
                      && character.unicodeScalars.contains { $0.isASCII && String.isSpecialInHTML(UInt8($0.value)) }
              })
        else { return MustacheText(text: text) }
        // Cannot throw: with every brace written as a reference the text holds no tag.
        return try! MustacheTemplate(string: text.htmlEscapedAsTemplateText)
    }
}

/// Every key, at any depth, of the view models a theme rendered: what `TemplateKeyTests` checks the
/// templates' names against. Only tests create one; shared by the render jobs, so locked.
final class SuppliedKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: Set<String> = []

    var all: Set<String> { lock.withLock { keys } }

    func record(_ context: [String: Any]) {
        var found: Set<String> = []
        func walk(_ value: Any) {
            switch value {
            case let fields as [String: Any]:
                for (key, child) in fields {
                    found.insert(key)
                    walk(child)
                }
            case let list as [Any]: list.forEach(walk)
            default: break
            }
        }
        walk(context)
        lock.withLock { keys.formUnion(found) }
    }
}
