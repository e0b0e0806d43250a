import Foundation

/// Reads an export's header and first rows for `waterfall init` (SPEC §1 CSV rules).
public enum ExportSampleLoader {
    /// Streams the file, keeping the header and the first `ExportSample.rowLimit` rows with the
    /// header's number of fields, and counting every row.
    public static func load(path: String) throws -> ExportSample {
        try load(from: FileByteSource(path: path), fileName: (path as NSString).lastPathComponent, displayPath: path)
    }

    static func load<Source: ByteSource>(from source: Source, fileName: String, displayPath: String) throws -> ExportSample {
        var reader = CSVReader(source: source)
        var header: [String]?
        var rows: [[String]] = []
        var total = 0
        try reader.forEachRow { row in
            guard row.isValidUTF8 else { throw ContentError.notUTF8(path: displayPath, line: row.line) }
            guard let header else {
                header = (0..<row.fieldCount).map { row.string(at: $0) }
                return
            }
            total += 1
            if rows.count < ExportSample.rowLimit, row.fieldCount == header.count {
                rows.append((0..<row.fieldCount).map { row.string(at: $0) })
            }
        }
        guard let header else { throw ColumnLayout.Error.noHeader(file: displayPath) }
        return ExportSample(fileName: fileName, header: header, rows: rows, totalRows: total)
    }
}
