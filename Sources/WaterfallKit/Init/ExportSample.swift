/// The header and the first rows of an export, for `waterfall init` to infer a `site.yml` from.
public struct ExportSample: Sendable, Equatable {
    /// The most rows kept: enough to see every status value and date format of a real export.
    static let rowLimit = 50_000

    var fileName: String
    var header: [String]
    /// At most `rowLimit` rows with the header's number of fields, in file order.
    var rows: [[String]]
    /// Every data row of the file, including those not kept.
    var totalRows: Int

    init(fileName: String, header: [String], rows: [[String]], totalRows: Int? = nil) {
        self.fileName = fileName
        self.header = header
        self.rows = rows
        self.totalRows = totalRows ?? rows.count
    }

    /// The values of one column, empty ones included.
    func values(_ column: Int) -> [String] { rows.map { $0[column] } }

    /// The non-empty values of one column with how many rows carry each, most rows first.
    func valueCounts(_ column: Int) -> [(value: String, count: Int)] {
        var counts: [String: Int] = [:]
        for row in rows where !row[column].isEmpty { counts[row[column], default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { ($0.count, $1.value) > ($1.count, $0.value) }
    }
}
