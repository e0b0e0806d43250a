/// What the fuzz target and the differential driver share: the reader's records as plain values,
/// read through byte sources that hand out bytes in small or short chunks, and RFC 4180 writing.
/// Compiled into each executable beside the reader's own source files (symbolic links), so the
/// harness sees the reader's internals without making them public in WaterfallKit.

/// One record as the reader hands it out: its first line and each field's value bytes.
struct ParsedRow: Equatable {
    var line: Int
    /// The record's bytes as they stand in the input, line end excluded.
    var raw: [UInt8]
    var fields: [[UInt8]]
}

/// Bytes in memory handed out at most `maxRead` at a time, however many the reader asks for
/// (a pipe or a network file system gives short reads).
struct ShortReadByteSource: ByteSource {
    let bytes: [UInt8]
    let maxRead: Int
    var offset = 0

    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let count = min(maxCount, maxRead, bytes.count - offset)
        buffer.append(contentsOf: bytes[offset..<offset + count])
        offset += count
        return count
    }
}

enum Harness {
    /// Every record of `bytes`, read `chunkSize` bytes at a time with reads of at most `maxRead`.
    static func parse(_ bytes: [UInt8], chunkSize: Int = 1 << 20, maxRead: Int = .max) -> [ParsedRow] {
        var reader = CSVReader(source: ShortReadByteSource(bytes: bytes, maxRead: maxRead), chunkSize: chunkSize)
        var rows: [ParsedRow] = []
        try! reader.forEachRow { row in
            rows.append(ParsedRow(
                line: row.line, raw: Array(row.bytes[row.start..<row.end]),
                fields: (0..<row.fieldCount).map { index in row.withValue(at: index) { Array($0) } }))
        }
        return rows
    }

    /// The records written back as RFC 4180 CSV: every field quoted (`quoteAll`) or only those
    /// that need it, `""` for a quote, records ended by `lineEnd`.
    static func serialize(_ rows: [[[UInt8]]], quoteAll: Bool, lineEnd: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for fields in rows {
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                let needsQuotes = quoteAll || field.isEmpty && fields.count == 1
                    || field.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
                    || field.first.map(isSpace) == true || field.last.map(isSpace) == true
                    || field.starts(with: [0xEF, 0xBB, 0xBF])  // unquoted first in the file, it reads as a BOM
                guard needsQuotes else { out += field; continue }
                out.append(UInt8(ascii: "\""))
                for byte in field {
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                    out.append(byte)
                }
                out.append(UInt8(ascii: "\""))
            }
            out += lineEnd
        }
        return out
    }
}
