/// RFC 2047 encoded-words in the `Q` encoding, UTF-8: `=?UTF-8?Q?N=C3=B8rdwind_=E2=80=94?=`.
enum EncodedWord {
    /// RFC 2047 §2: an encoded-word is at most 75 characters.
    static let maxLength = 75
    static let opening = "=?UTF-8?Q?", closing = "?="

    /// `text` as encoded-words of at most 75 characters (the first at most `firstWordLimit`), never
    /// splitting a character's bytes. Only letters, digits and `! * + - /` stay as they are (the
    /// set allowed in a phrase, so the words serve display names too); a space is `_`.
    static func encode(_ text: String, firstWordLimit: Int = maxLength) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.unicodeScalars {
            let piece = encoded(character)
            let limit = (words.isEmpty ? min(firstWordLimit, maxLength) : maxLength) - opening.count - closing.count
            if !current.isEmpty, current.count + piece.count > limit {
                words.append(opening + current + closing)
                current = ""
            }
            current += piece
        }
        if !current.isEmpty || words.isEmpty { words.append(opening + current + closing) }
        return words
    }

    static func encoded(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "!", "*", "+", "-", "/": return String(scalar)
        case " ": return "_"
        default: return String(scalar).utf8.map(QuotedPrintable.hex).joined()
        }
    }
}
