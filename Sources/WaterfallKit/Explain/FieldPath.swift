/// A path to one value of a scope in `metrics.json`: `volume.mql.qtd`, `sla[0].qtd.breached`.
///
/// Written with `.` between object keys and `[n]` for array positions. Typed paths may also name an
/// array element by its label (`sla.Lead acceptance.qtd`, `conversion.mql.t13`), and keys may hold
/// dots (a source value `Partner.co`): a path is read against the document, longest key first.
struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    var components: [Component]

    init(_ components: [Component]) {
        self.components = components
    }

    /// The canonical spelling: keys joined by `.`, positions as `[n]`.
    var description: String {
        var text = ""
        for component in components {
            switch component {
            case let .key(key): text += (text.isEmpty ? "" : ".") + key
            case let .index(index): text += "[\(index)]"
            }
        }
        return text
    }

    /// The keys with positions as their number: `sla[0].qtd` → `["sla", "0", "qtd"]`.
    var parts: [String] {
        components.map {
            switch $0 {
            case let .key(key): return key
            case let .index(index): return String(index)
            }
        }
    }

    func appending(_ component: Component) -> FieldPath { FieldPath(components + [component]) }
}

// MARK: - Reading a typed path against a document

extension FieldPath {
    /// The labels an array element may be named by, in the order tried.
    static let labelKeys = ["name", "from", "stage", "snapshot"]

    /// Reads `text` against `document`; nil when some part names nothing there.
    static func resolve(_ text: String, in document: JSONValue) -> (path: FieldPath, value: JSONValue)? {
        resolve(Substring(text), in: document, path: FieldPath([]))
    }

    private static func resolve(_ text: Substring, in value: JSONValue, path: FieldPath) -> (path: FieldPath, value: JSONValue)? {
        if text.isEmpty { return (path, value) }
        switch value {
        case let .object(members):
            for (key, child) in members.sorted(by: { $0.0.count > $1.0.count }) {
                guard let rest = remainder(of: text, after: key),
                      let found = resolve(rest, in: child, path: path.appending(.key(key))) else { continue }
                return found
            }
        case let .array(items):
            if text.hasPrefix("["), let close = text.firstIndex(of: "]"), let index = Int(text[text.index(after: text.startIndex)..<close]),
               items.indices.contains(index) {
                var rest = text[text.index(after: close)...]
                if rest.hasPrefix(".") { rest = rest.dropFirst() }
                return resolve(rest, in: items[index], path: path.appending(.index(index)))
            }
            for (index, item) in items.enumerated() {
                for label in labels(of: item) + [String(index)] {
                    guard let rest = remainder(of: text, after: label),
                          let found = resolve(rest, in: item, path: path.appending(.index(index))) else { continue }
                    return found
                }
            }
        default:
            break
        }
        return nil
    }

    /// What follows `key` at the start of `text` when `key` is a whole part of it.
    private static func remainder(of text: Substring, after key: String) -> Substring? {
        guard text.hasPrefix(key) else { return nil }
        let rest = text.dropFirst(key.count)
        if rest.isEmpty || rest.hasPrefix("[") { return rest }
        if rest.hasPrefix(".") { return rest.dropFirst() }
        return nil
    }

    private static func labels(of item: JSONValue) -> [String] {
        guard case let .object(members) = item else { return [] }
        return labelKeys.compactMap { label in
            if case let .string(value)? = members.first(where: { $0.0 == label })?.1 { return value }
            return nil
        }
    }
}

// MARK: - Suggestions

extension FieldPath {
    /// The candidates closest to `text` by edit distance, closest first, at most `limit`.
    static func suggestions(for text: String, among candidates: [String], limit: Int = 5) -> [String] {
        let typed = Array(text.lowercased().unicodeScalars)
        let tolerance = max(2, typed.count / 3)
        return candidates
            .map { ($0, editDistance(typed, Array($0.lowercased().unicodeScalars))) }
            .filter { $0.1 <= tolerance }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.precedesByCodePoint($1.0) }
            .prefix(limit)
            .map(\.0)
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
