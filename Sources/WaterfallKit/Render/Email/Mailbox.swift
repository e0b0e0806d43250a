import Foundation

/// An e-mail address with an optional display name: `jane@example.com` or `Jane Doe <jane@example.com>`.
public struct Mailbox: Equatable, Sendable {
    var name: String?
    /// A plain addr-spec: dot-atom local part, `@`, a host name.
    var address: String

    enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case invalid(value: String, problem: String)

        var description: String {
            switch self {
            case let .invalid(value, problem):
                return "\(Mailbox.quoted(value)) is not an e-mail address: \(problem). "
                    + "Write a plain address (jane@example.com) or a name and an address (Jane Doe <jane@example.com>), one per option."
            }
        }
    }

    /// An address that is known to be valid (composed by Waterfall from a host name it checked).
    init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// Parses `addr-spec` or `Name <addr-spec>` (the name may be in double quotes). Rejects line
    /// breaks and other control characters, lists, comments, quoted local parts, `=?` and
    /// anything else that is not one plain address.
    public init(parsing text: String) throws {
        if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw Error.invalid(value: text, problem: "it holds a control character (U+\(String(bad.value, radix: 16, uppercase: true))), such as a line break")
        }
        let trimmed = text.trimmingSpaces
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            var name = String(trimmed[..<open]).trimmingSpaces
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                name = try Mailbox.unquoted(String(name.dropFirst().dropLast()), whole: text)
            } else if let special = name.first(where: { "<>@,;:\"()[]\\".contains($0) }) {
                throw Error.invalid(value: text, problem: "the name holds \(special); put the name in double quotes")
            }
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            self.name = name.isEmpty ? nil : name
        } else {
            address = trimmed
            name = nil
        }
        if let problem = Mailbox.problem(with: address) { throw Error.invalid(value: text, problem: problem) }
    }

    /// The mailbox as header words: `"Jane Doe" <jane@example.com>`, or encoded-words and
    /// `<jane@example.com>` when the name is not plain ASCII.
    var serializedWords: [String] {
        guard let name, !MailHeader.singleLine(name).isEmpty else { return [address] }
        let clean = MailHeader.singleLine(name)
        let nameWords = MailHeader.isPlain(clean)
            ? ["\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""]
            : EncodedWord.encode(clean)
        return nameWords + ["<" + address + ">"]
    }
}

// MARK: - Checks

extension Mailbox {
    /// Why `address` is not a plain addr-spec, or nil when it is one.
    static func problem(with address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return parts.count < 2 ? "no @" : "more than one @" }
        let local = parts[0], domain = parts[1]
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
        guard !local.isEmpty, local.utf8.count <= 64 else { return "the part before @ is empty or longer than 64 characters" }
        guard local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty && $0.allSatisfy(atext.contains) }) else {
            return "the part before @ may hold only letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~, with single dots between them"
        }
        guard !address.contains("=?") else { return "it holds =?, which a mail reader would decode" }
        guard address.utf8.count <= 254 else { return "it is longer than 254 characters" }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let hostCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        guard labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && $0.allSatisfy(hostCharacters.contains) && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else {
            return "the part after @ must be a host name (letters, digits and hyphens, with dots between the labels)"
        }
        return nil
    }

    static func unquoted(_ text: String, whole: String) throws -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                throw Error.invalid(value: whole, problem: "a quote inside the quoted name is not escaped as \\\"")
            } else {
                result.append(character)
            }
        }
        if escaped { throw Error.invalid(value: whole, problem: "the quoted name ends with a lone \\") }
        return result
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { $0.properties.generalCategory == .control ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined() + "\""
    }
}
