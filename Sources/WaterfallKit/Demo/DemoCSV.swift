/// RFC 4180 output: comma separated, LF line ends, a field quoted only when it holds a comma,
/// a quote or a line break.
enum DemoCSV {
    static let columns = [
        "id", "name", "owner", "source", "channel", "segment", "region",
        "inquiry_date", "mql_date", "sal_date", "sql_date", "opportunity_date", "won_date",
        "lost_date", "lost_reason", "amount", "close_date",
    ]

    enum Column {
        static let id = 0, name = 1, owner = 2, source = 3, channel = 4, segment = 5, region = 6
        static let firstStageDate = 7, lostDate = 13, lostReason = 14, amount = 15, closeDate = 16
    }

    /// One field as written: quoted, with quotes doubled, when it needs to be.
    static func field(_ value: String) -> [UInt8] {
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

    /// A whole line, fields escaped, ending in LF.
    static func line(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, value) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += field(value)
        }
        out.append(10)
        return out
    }
}
