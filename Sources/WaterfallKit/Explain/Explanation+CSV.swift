/// `waterfall explain`'s output: RFC 4180 CSV (CRLF line ends, fields holding `,` `"` CR or LF
/// quoted, quotes doubled), a header row, one row per record, and `total,<count>,<amount>`.
extension Explanation {
    public func csv() -> String {
        var out: [UInt8] = []
        CSV.appendRecord(columns.lazy.map { (value: $0.name, fromData: false) }, lineEnd: "\r\n", to: &out)
        for row in rows {
            CSV.appendRecord(zip(columns, row).lazy.map { (value: $1, fromData: $0.fromData) }, lineEnd: "\r\n", to: &out)
        }
        let total = ["total", String(count)] + (amount.map { [$0.decimalString] } ?? [])
        out.append(contentsOf: (total.joined(separator: ",") + "\r\n").utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
