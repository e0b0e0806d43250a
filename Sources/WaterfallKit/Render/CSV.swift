/// Writing CSV fields (RFC 4180): quoted only when a field holds a comma, a quote or a line
/// break, with quotes doubled. Used for the demo's exports and `waterfall explain`.
public enum CSV {
    /// Whether a cell starting with `byte` is read by a spreadsheet as a formula (OWASP "CSV
    /// injection"): = + - @, a tab or a carriage return. A switch, not a `Set<UInt8>`: hashing the
    /// first byte of every field was 2 % of rendering a 1M-row week's deal lists.
    static func startsAFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: true
        default: false
        }
    }

    /// One field as written: quoted, with quotes doubled, when it needs to be.
    public static func escaped(_ value: String) -> [UInt8] {
        var out: [UInt8] = []
        append(value, fromData: false, to: &out)
        return out
    }

    /// `value` as a field of a file meant for spreadsheets: text from an export that a spreadsheet
    /// would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading `'`.
    /// Numbers and dates Waterfall writes itself (`fromData: false`, e.g. a negative days value)
    /// are left as they are.
    public static func field(_ value: String, fromData: Bool) -> String {
        var out: [UInt8] = []
        append(value, fromData: fromData, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `field(value, fromData:)`'s bytes to `out`, so a whole file is written into one
    /// buffer (a 1M-row snapshot's deal lists are hundreds of thousands of rows; a `String` per
    /// field and per row was 5 % of a 2 × 1M build).
    static func append(_ value: String, fromData: Bool, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            let quoted = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            if quoted { out.append(UInt8(ascii: "\"")) }
            if fromData, let first = bytes.first, startsAFormula(first) { out.append(UInt8(ascii: "'")) }
            if quoted {
                for byte in bytes {
                    out.append(byte)
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }

    /// Appends one record: its fields, each with `fromData` as given, joined by commas, and `lineEnd`.
    static func appendRecord(_ fields: some Sequence<(value: String, fromData: Bool)>, lineEnd: String, to out: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(field.value, fromData: field.fromData, to: &out)
        }
        out.append(contentsOf: lineEnd.utf8)
    }
}
