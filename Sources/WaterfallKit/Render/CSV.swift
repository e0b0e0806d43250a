/// Writing CSV fields (RFC 4180): quoted only when a field holds a comma, a quote or a line
/// break, with quotes doubled. Used for the demo's exports and `waterfall explain`.
public enum CSV {
    /// First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
    static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13]

    /// One field as written: quoted, with quotes doubled, when it needs to be.
    public static func escaped(_ value: String) -> [UInt8] {
        let bytes = Array(value.utf8)
        guard bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 })
        else { return bytes }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in bytes {
            quoted.append(byte)
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
        }
        quoted.append(UInt8(ascii: "\""))
        return quoted
    }

    /// `value` as a field of a file meant for spreadsheets: text from an export that a spreadsheet
    /// would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading `'`.
    /// Numbers and dates Waterfall writes itself (`fromData: false`, e.g. a negative days value)
    /// are left as they are.
    public static func field(_ value: String, fromData: Bool) -> String {
        let guarded = fromData && value.utf8.first.map(formulaStarts.contains) == true ? "'" + value : value
        return String(decoding: escaped(guarded), as: UTF8.self)
    }
}
