extension String {
    /// The text with `& < > " '` replaced by entities: safe in HTML text and quoted attributes.
    ///
    /// Works on UTF-8 bytes (the five characters are ASCII and never part of a multi-byte
    /// sequence) and returns the string itself when nothing needs escaping, which is most labels
    /// and every number: charts and pages escape thousands of strings per build.
    ///
    /// Also neutralises what must never reach a page raw (Found 14 of issue 8): a NUL becomes
    /// U+FFFD, and the bidirectional embedding, override and isolate controls (U+202A–U+202E,
    /// U+2066–U+2069) are dropped, so a value cannot reorder the text around it.
    var htmlEscaped: String {
        guard utf8.contains(where: { String.isSpecialInHTML($0) || $0 == 0 || $0 == 0xE2 }) else { return self }
        return replacingBytes(with: String.htmlReference).withoutControlCharacters
    }

    /// NUL as U+FFFD and the bidi embedding, override and isolate controls dropped (see `htmlEscaped`).
    var withoutControlCharacters: String {
        guard utf8.contains(where: { $0 == 0 || $0 == 0xE2 }),
              unicodeScalars.contains(where: { $0 == "\u{0}" || $0.isBidiControl }) else { return self }
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars where !scalar.isBidiControl {
            scalars.append(scalar == "\u{0}" ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }

    /// `htmlEscaped` with braces and line breaks also written as character references: text that
    /// a Mustache parser reads as one plain text, with no tag and no line to re-indent.
    var htmlEscapedAsTemplateText: String {
        replacingBytes { String.htmlReference(for: $0) ?? String.templateTextReference(for: $0) }
    }

    static func isSpecialInHTML(_ byte: UInt8) -> Bool {
        htmlReference(for: byte) != nil
    }

    private static func htmlReference(for byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case UInt8(ascii: "\""): return "&quot;"
        case UInt8(ascii: "'"): return "&#39;"
        default: return nil
        }
    }

    private static func templateTextReference(for byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "{"): return "&#123;"
        case UInt8(ascii: "}"): return "&#125;"
        case UInt8(ascii: "\r"): return "&#13;"
        case UInt8(ascii: "\n"): return "&#10;"
        default: return nil
        }
    }

    private func replacingBytes(with reference: (UInt8) -> String?) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if let replacement = reference(byte) {
                bytes.append(contentsOf: replacement.utf8)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Unicode.Scalar {
    /// U+202A–U+202E (embeddings, overrides, pop) and U+2066–U+2069 (isolates).
    var isBidiControl: Bool { (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) }
}
