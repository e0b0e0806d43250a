import WaterfallKit

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

    /// A whole line, fields escaped, ending in LF.
    static func line(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, value) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += CSV.escaped(value)
        }
        out.append(10)
        return out
    }
}
