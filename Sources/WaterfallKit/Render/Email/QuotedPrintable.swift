/// Quoted-printable body encoding (RFC 2045 §6.7) of UTF-8 text.
enum QuotedPrintable {
    /// The longest encoded line, soft-break `=` included (RFC 2045 allows 76).
    static let maxLineLength = 76

    /// `text` (lines separated by `\n`; a `\r` before it is dropped) encoded with CRLF line ends.
    /// Printable ASCII stays as it is except `=`; a space or tab at a line's end, every other byte,
    /// a `.` opening a line and the `F` of a line-opening `From ` are written `=XX`, so no mail
    /// agent can stuff, munge or strip them. A character's bytes never straddle a soft break.
    static func encode(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array((line.hasSuffix("\r") ? line.dropLast() : line).utf8)
            var current = ""
            let characters = tokens(bytes)
            for (index, token) in characters.enumerated() {
                let isLast = index == characters.count - 1
                var piece = token
                if current.isEmpty {
                    if piece == "." { piece = "=2E" }
                    if piece == "F", startsFrom(characters, at: index) { piece = "=46" }
                }
                if isLast, piece == " " || piece == "\t" { piece = hex(UInt8(piece.utf8.first!)) }
                if current.utf8.count + piece.utf8.count > maxLineLength - (isLast ? 0 : 1) {
                    lines.append(current + "=")
                    current = ""
                    if piece == "." { piece = "=2E" }
                    if piece == "F", startsFrom(characters, at: index) { piece = "=46" }
                }
                current += piece
            }
            lines.append(current)
        }
        return lines.joined(separator: "\r\n")
    }
}

private extension QuotedPrintable {
    /// Each character's encoded form, a UTF-8 sequence kept together.
    static func tokens(_ bytes: [UInt8]) -> [String] {
        var tokens: [String] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            let end = min(index + length, bytes.count)
            if length == 1, (33...126).contains(byte) && byte != UInt8(ascii: "=") || byte == 32 || byte == 9 {
                tokens.append(String(UnicodeScalar(byte)))
            } else {
                tokens.append(bytes[index..<end].map(hex).joined())
            }
            index = end
        }
        return tokens
    }

    static func startsFrom(_ tokens: [String], at index: Int) -> Bool {
        tokens[index...].prefix(5).joined() == "From "
    }
}

extension QuotedPrintable {
    /// `=XX`, upper-case hex: the escape of quoted-printable and of `Q` encoded-words alike.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
