/// `waterfall explain`'s output: RFC 4180 CSV (CRLF line ends, fields holding `,` `"` CR or LF
/// quoted, quotes doubled), a header row, one row per record, and `total,<count>,<amount>`.
extension Explanation {
    public func csv() -> String {
        var lines = [columns.map { CSV.field($0.name, fromData: false) }]
        for row in rows {
            lines.append(zip(columns, row).map { CSV.field($1, fromData: $0.fromData) })
        }
        lines.append(["total", String(count)] + (amount.map { [$0.decimalString] } ?? []))
        return lines.map { $0.joined(separator: ",") + "\r\n" }.joined()
    }
}
