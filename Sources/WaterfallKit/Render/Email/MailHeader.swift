/// One header field of a message, written so that no value can add or split a header line:
/// control characters (CR, LF, tab, U+2028…) become spaces, and any value that is not plain
/// printable ASCII, or that holds `=?`, is written as RFC 2047 encoded-words, never as it is.
struct MailHeader: Equatable, Sendable {
    enum Value: Equatable, Sendable {
        /// Free text such as `Subject`.
        case text(String)
        /// `From`, `To`: one or more mailboxes.
        case mailboxes([Mailbox])
        /// An empty group such as `undisclosed-recipients:;`: `name` must be an ASCII word.
        case emptyGroup(String)
        /// A value Waterfall composes from fixed parts (`Date`, `Message-ID`, `Content-Type`):
        /// printable ASCII only, checked when written.
        case structured(String)
    }

    var name: String
    var value: Value

    /// The longest header line Waterfall writes where it can fold (RFC 5322 recommends 78).
    static let foldWidth = 76

    /// The field as it is written: `Name: value`, folded onto lines joined by CRLF + space.
    var serialized: String {
        let prefix = name + ": "
        switch value {
        case let .text(text):
            let clean = MailHeader.singleLine(text)
            if MailHeader.isPlain(clean) { return MailHeader.fold(prefix: prefix, words: clean.split(separator: " ").map(String.init)) }
            return MailHeader.fold(prefix: prefix, words: EncodedWord.encode(clean, firstWordLimit: MailHeader.foldWidth - prefix.count))
        case let .mailboxes(mailboxes):
            var words: [String] = []
            for (index, mailbox) in mailboxes.enumerated() {
                var parts = mailbox.serializedWords
                if index < mailboxes.count - 1 { parts[parts.count - 1] += "," }
                words += parts
            }
            return MailHeader.fold(prefix: prefix, words: words)
        case let .emptyGroup(group):
            return prefix + MailHeader.structuredSafe(group.filter { $0.isLetter || $0 == "-" }) + ":;"
        case let .structured(text):
            return prefix + MailHeader.structuredSafe(text)
        }
    }
}

// MARK: - Making values safe

extension MailHeader {
    /// The text on one line: every run of control or line-separator characters becomes one space,
    /// and spaces at the ends are dropped.
    static func singleLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
                || scalar == "\u{85}" || scalar == " " {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.unicodeScalars.append(" ") }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// Printable ASCII with no `=?` (which a mail reader would decode as an encoded-word).
    static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { (32...126).contains($0) } && !text.contains("=?")
    }

    /// A composed value reduced to printable ASCII: anything else is a bug in the caller, never data.
    static func structuredSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { (33...126).contains($0.value) || $0 == " " }))
    }

    /// Words joined by spaces, starting a new line (CRLF + space) before a word that would pass
    /// `foldWidth`. A single word longer than that stays whole (lines may reach 998 octets).
    static func fold(prefix: String, words: [String]) -> String {
        var lines: [String] = []
        var current = prefix
        var lineHasWord = false
        for word in words where !word.isEmpty {
            if lineHasWord, current.utf8.count + 1 + word.utf8.count > foldWidth {
                lines.append(current)
                current = " " + word
            } else {
                current += (lineHasWord ? " " : "") + word
            }
            lineHasWord = true
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }
}
