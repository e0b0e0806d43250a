import Yams

/// What Waterfall refuses in YAML (`site.yml`, commentary front matter) before Yams reads it, and
/// Yams's errors turned into one line that names the file, the line and the fix (E11).
enum YAMLGuard {
    /// Anchors (`&name`) are refused: an alias bomb of a few hundred bytes expands to gigabytes
    /// (Found 12: 400 bytes took 13 s and 2 GB). Settings and front matter never need them.
    /// `lineOffset`: lines of the file before `text` (1 for front matter after its `---`).
    static func check(_ text: String, file: String, lineOffset: Int = 0) throws {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let anchor = anchor(in: line) {
                throw DiagnosticError(Diagnostic(
                    code: .e11, location: DiagnosticLocation(file: file, line: lineOffset + index + 1),
                    message: "YAML anchors and aliases (\(anchor)) are not supported",
                    fix: "Write the values out in full, or quote a value that starts with & or *"))
            }
        }
    }

    /// The first `&name` or `*name` that starts a YAML node on this line, outside quotes and comments.
    static func anchor(in line: Substring) -> String? {
        var quote: Character?
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#", previous == " " || previous == "\t" {
                return nil
            } else if character == "&" || character == "*", " \t[{,".contains(previous) {
                let name = line[line.index(after: index)...].prefix { !" \t,[]{}".contains($0) }
                if !name.isEmpty { return String(character) + name }
            }
            previous = character
            index = line.index(after: index)
        }
        return nil
    }

    /// Yams's error as one line: a duplicate key names the key and every line it is on; anything
    /// else gives Yams's problem and line, never the whole file.
    static func error(_ error: Swift.Error, text: String, file: String) -> Swift.Error {
        if let yaml = error as? YamlError {
            switch yaml {
            case let .duplicatedKeysInMapping(duplicates, _):
                let key = duplicates.sorted().first ?? ""
                let lines = linesDefining(key, in: text)
                return DiagnosticError(Diagnostic(
                    code: .e11, location: DiagnosticLocation(file: file, line: lines.last),
                    message: "the key \"\(key)\" appears twice (lines \(lines.map { String($0) }.joined(separator: " and ")))",
                    fix: "Keep one of them"))
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                return SiteConfig.Error.unreadableYAML(file: "\(file):\(mark.line)", message: problem)
            default:
                break
            }
        }
        return SiteConfig.Error.unreadableYAML(file: file, message: String(String(describing: error).prefix { $0 != "\n" }))
    }

    /// The lines on which `key:` starts a mapping entry.
    static func linesDefining(_ key: String, in text: String) -> [Int] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "-" }
            for form in [key, "\"\(key)\"", "'\(key)'"] where trimmed.hasPrefix(form + ":") { return index + 1 }
            return nil
        }
    }
}
