import Foundation

/// An RFC 5322 message whose body is a MIME `multipart/alternative` of UTF-8 text parts, each
/// quoted-printable. Knows nothing of what the message says.
struct MIMEMessage: Sendable {
    /// One alternative: `text/plain` or `text/html`, written in UTF-8.
    struct Part: Sendable {
        var subtype: String
        var text: String
    }

    var headers: [MailHeader]
    /// In order of increasing preference (RFC 2046 §5.1.4): plain text first.
    var parts: [Part]
    /// Printable ASCII that cannot appear in a quoted-printable body (it starts with `=_`).
    var boundary: String

    /// The message with CRLF line ends; every line at most 76 octets except a header word that
    /// cannot be folded (at most 998).
    var serialized: String {
        var lines = headers.map(\.serialized)
        lines.append(MailHeader(name: "MIME-Version", value: .structured("1.0")).serialized)
        lines.append(MailHeader(name: "Content-Type", value: .structured("multipart/alternative;")).serialized
            + "\r\n boundary=\"\(MailHeader.structuredSafe(boundary))\"")
        lines.append("")
        for part in parts {
            lines.append("--" + boundary)
            lines.append("Content-Type: text/\(MailHeader.structuredSafe(part.subtype)); charset=UTF-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(QuotedPrintable.encode(part.text))
        }
        lines.append("--" + boundary + "--")
        lines.append("")
        return lines.joined(separator: "\r\n")
    }

    /// A boundary `=_` can never occur in quoted-printable text (`=` is always `=3D` or a soft
    /// break there), so any suffix works; `seed` makes it differ per message.
    static func boundary(seed: String) -> String {
        "=_waterfall_" + FNV1a.hex(seed)
    }

    /// `message` with the named headers replaced by `replacements` (or added before `MIME-Version`
    /// when absent); every other line is kept as it is.
    static func replacingHeaders(_ replacements: [MailHeader], in message: String) -> String {
        let newline = message.contains("\r\n") ? "\r\n" : "\n"
        guard let split = message.range(of: newline + newline) else { return message }
        var fields: [[String]] = []
        for line in message[..<split.lowerBound].components(separatedBy: newline) {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !fields.isEmpty { fields[fields.count - 1].append(line) } else { fields.append([line]) }
        }
        func name(_ field: [String]) -> String { String(field[0].prefix { $0 != ":" }).lowercased() }
        var pending = replacements
        var result: [String] = []
        for field in fields {
            if let index = pending.firstIndex(where: { $0.name.lowercased() == name(field) }) {
                result.append(pending.remove(at: index).serialized)
            } else if replacements.contains(where: { $0.name.lowercased() == name(field) }) {
                continue
            } else {
                if name(field) == "mime-version" { result += pending.map(\.serialized); pending = [] }
                result.append(field.joined(separator: newline))
            }
        }
        result += pending.map(\.serialized)
        let header = result.joined(separator: "\r\n").replacingOccurrences(of: "\r\n", with: newline)
        return header + message[split.lowerBound...]
    }
}

/// FNV-1a, 64 bits: a short stable digest for identifiers (not for security).
enum FNV1a {
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func hex(_ text: String) -> String {
        let digits = String(hash(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
