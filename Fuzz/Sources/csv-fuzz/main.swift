/// libFuzzer entry point for `CSVReader` (build: `scripts/fuzz-csv`). Each input is read as a CSV
/// file and must satisfy every invariant below; a broken one stops the run with a message and
/// libFuzzer saves the input as `crash-…`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    CSVInvariants.check(bytes)
    return 0
}

enum CSVInvariants {
    static func check(_ bytes: [UInt8]) {
        let rows = Harness.parse(bytes)

        // 1. Where the 1 MiB chunks (and the reads inside them) fall changes nothing.
        let seed = bytes.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF }
        for (chunkSize, maxRead) in [(1, 1), (2, 3), (3, Int.max), (5, 2), (1 + seed % 64, 1 + seed % 7)] {
            expect(Harness.parse(bytes, chunkSize: chunkSize, maxRead: maxRead) == rows,
                   "chunk size \(chunkSize), reads of \(maxRead): records differ from one 1 MiB chunk")
        }

        // 2. Records tile the input: BOM, records, line ends and blank lines, nothing else; each
        //    record's line is 1 + the line feeds before it.
        checkTiling(bytes, rows)

        // 3. Values come out trimmed, and a record is never blank.
        for row in rows {
            expect(!row.fields.isEmpty, "a record without fields at line \(row.line)")
            for field in row.fields {
                expect(field.first.map(isSpace) != true && field.last.map(isSpace) != true,
                       "a value with spaces around it at line \(row.line)")
            }
        }

        // 4. Written back with RFC 4180 quoting (all fields quoted, or only where needed; LF or
        //    CRLF; with or without a BOM) and read again: the same values.
        let values = rows.map(\.fields)
        for (quoteAll, lineEnd, bom) in [(true, [UInt8(0x0A)], false), (false, [0x0D, 0x0A], false), (false, [0x0A], true)] {
            let written = (bom ? [0xEF, 0xBB, 0xBF] : []) + Harness.serialize(values, quoteAll: quoteAll, lineEnd: lineEnd)
            let again = Harness.parse(written)
            expect(again.map(\.fields) == values, "written back (quote all: \(quoteAll), CRLF: \(lineEnd.count == 2), BOM: \(bom)) and read again, the values differ")
            checkTiling(written, again)
        }
    }

    /// Walks the input: an optional BOM, then for each record any blank lines and then the
    /// record's own bytes at the line its `line` names, each record ended by LF or CRLF
    /// (the last one may end the file), blank lines after the last.
    static func checkTiling(_ bytes: [UInt8], _ rows: [ParsedRow]) {
        var cursor = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lineFeeds = 0
        func skipLineEnd() {
            if cursor < bytes.count, bytes[cursor] == 0x0D, cursor + 1 < bytes.count, bytes[cursor + 1] == 0x0A { cursor += 1 }
            if cursor < bytes.count, bytes[cursor] == 0x0A { cursor += 1; lineFeeds += 1 }
        }
        /// Skips `[ \t]*` + line end, or `[ \t]* CR?` at the end of the file.
        func skipBlankLine() -> Bool {
            var probe = cursor
            while probe < bytes.count, isSpace(bytes[probe]) { probe += 1 }
            if probe + 1 < bytes.count, bytes[probe] == 0x0D, bytes[probe + 1] == 0x0A { probe += 1 }
            if probe < bytes.count, bytes[probe] == 0x0A {
                cursor = probe + 1
                lineFeeds += 1
                return true
            }
            if probe == bytes.count || probe + 1 == bytes.count && bytes[probe] == 0x0D {
                let moved = cursor != bytes.count
                cursor = bytes.count
                return moved
            }
            return false
        }
        for (index, row) in rows.enumerated() {
            if index > 0 {
                let before = cursor
                skipLineEnd()
                expect(cursor > before, "record at line \(row.line) does not follow a line end")
            }
            while skipBlankLine() {}
            expect(bytes.count - cursor >= row.raw.count && Array(bytes[cursor..<cursor + row.raw.count]) == row.raw,
                   "record at line \(row.line) is not the next bytes of the input")
            expect(row.line == lineFeeds + 1, "record says line \(row.line), but \(lineFeeds) line feeds come before it")
            lineFeeds += row.raw.lazy.filter { $0 == 0x0A }.count
            cursor += row.raw.count
        }
        if !rows.isEmpty {
            if cursor < bytes.count, bytes[cursor] == 0x0D, cursor + 1 == bytes.count { cursor += 1 }
            skipLineEnd()
        }
        while skipBlankLine() {}
        expect(cursor == bytes.count, "bytes after the last record that are neither line ends nor blank lines (from byte \(cursor))")
    }

    static func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("CSV invariant broken: " + message()) }
    }
}
