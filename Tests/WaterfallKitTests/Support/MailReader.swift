import Foundation

/// A small independent reader of the messages Waterfall writes, for tests: unfolds headers,
/// decodes RFC 2047 encoded-words and quoted-printable bodies. Written from the RFCs, not from
/// the encoder, so a test decodes what a mail reader would.
struct MailReader {
    var headerLines: [String]
    var headers: [(name: String, value: String)]
    var body: String

    init(_ message: String) {
        let text = message.replacingOccurrences(of: "\r\n", with: "\n")
        let split = text.range(of: "\n\n")!
        headerLines = text[..<split.lowerBound].components(separatedBy: "\n")
        var fields: [String] = []
        for line in headerLines {
            if line.hasPrefix(" ") || line.hasPrefix("\t") { fields[fields.count - 1] += line } else { fields.append(line) }
        }
        headers = fields.map { field in
            let colon = field.firstIndex(of: ":")!
            return (String(field[..<colon]), String(field[field.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        body = String(text[split.upperBound...])
    }

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

    /// The decoded value: encoded-words decoded, the whitespace between adjacent ones dropped.
    func decoded(_ name: String) -> String? { header(name).map(MailReader.decodeWords) }

    /// text/plain and text/html bodies, decoded.
    var parts: [(type: String, text: String)] {
        guard let type = header("Content-Type"), let range = type.range(of: "boundary=\"") else { return [] }
        let boundary = String(type[range.upperBound...].prefix { $0 != "\"" })
        return body.components(separatedBy: "--" + boundary).dropFirst().dropLast().map { chunk in
            let part = MailReader(String(chunk.drop { $0 == "\n" }))
            return (part.header("Content-Type") ?? "", MailReader.decodeQuotedPrintable(part.body))
        }
    }

    static func decodeWords(_ value: String) -> String {
        let pattern = try! NSRegularExpression(pattern: #"=\?UTF-8\?Q\?([^?]*)\?=(\s+(?==\?))?"#, options: [.caseInsensitive])
        var result = ""
        var last = value.startIndex
        for match in pattern.matches(in: value, range: NSRange(value.startIndex..., in: value)) {
            let whole = Range(match.range, in: value)!, payload = Range(match.range(at: 1), in: value)!
            result += value[last..<whole.lowerBound]
            var bytes: [UInt8] = []
            var scalars = Array(value[payload].utf8)[...]
            while let byte = scalars.popFirst() {
                if byte == UInt8(ascii: "_") { bytes.append(32) } else if byte == UInt8(ascii: "=") {
                    bytes.append(UInt8(String(decoding: scalars.prefix(2), as: UTF8.self), radix: 16)!)
                    scalars = scalars.dropFirst(2)
                } else { bytes.append(byte) }
            }
            result += String(decoding: bytes, as: UTF8.self)
            last = whole.upperBound
        }
        return result + value[last...]
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let lines = text.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() {
            var chars = Array(line.utf8)[...]
            var soft = false
            while let byte = chars.popFirst() {
                if byte == UInt8(ascii: "=") {
                    if chars.isEmpty { soft = true; break }
                    bytes.append(UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16)!)
                    chars = chars.dropFirst(2)
                } else { bytes.append(byte) }
            }
            if !soft, index < lines.count - 1 { bytes.append(UInt8(ascii: "\n")) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
