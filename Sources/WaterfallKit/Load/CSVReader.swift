/// Streams the records of an RFC 4180 CSV file from bytes (SPEC §1).
///
/// Written by hand rather than with SwiftCSV or CSV.swift: those build a `String` for every
/// field of every row, and the later 1M-row target needs rows handed out as byte ranges,
/// decoded only for the columns a build uses. Handles a leading BOM, LF and CRLF line ends,
/// quoted commas and line breaks, doubled quotes, blank lines and spaces around values.
struct CSVReader<Source: ByteSource> {
    private var source: Source
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var fields: [CSVRow.Field] = []
    private var startedFile = false
    private let chunkSize: Int

    init(source: Source, chunkSize: Int = 1 << 20) {
        self.source = source
        self.chunkSize = max(1, chunkSize)
    }

    /// Calls `body` with each non-blank record, in order. The row is only valid during the call.
    mutating func forEachRow(_ body: (CSVRow) throws -> Void) throws {
        while let (start, end, startLine) = try nextRowRange() {
            let fieldsCopy = fields
            try buffer.withUnsafeBufferPointer { bytes in
                try fieldsCopy.withUnsafeBufferPointer { fields in
                    let row = CSVRow(bytes: bytes, fields: fields, line: startLine, end: end, start: start)
                    if !row.isBlank { try body(row) }
                }
            }
        }
    }
}

/// The scanning of `CSVReader`, on bytes already in memory: one record at a time, or every record
/// of a piece of a file (what each worker of the parallel loader reads).
enum CSVScanner {
    enum Scan { case complete(end: Int, next: Int, lines: Int), needMore }

    /// Calls `body` with each non-blank record of `bytes`, a piece of a file already in memory that
    /// starts where a record starts, on physical line `firstLine`, and ends where one ends (or at
    /// the end of the file). The same scanning as the streaming reader: the parallel loader hands
    /// each worker one such piece (`CSVRecordBoundaries` finds where they may be cut).
    static func forEachRow(
        in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, _ body: (CSVRow) throws -> Void
    ) rethrows {
        var fields = FieldBuffer()
        defer { fields.deallocate() }
        var position = 0
        var line = firstLine
        while position < bytes.count {
            guard case let .complete(end, next, lines) = scanRecord(bytes, from: position, atEnd: true, fields: &fields) else {
                preconditionFailure("a record in memory always completes")
            }
            let row = CSVRow(bytes: bytes, fields: fields.fields, line: line, end: end, start: position)
            if !row.isBlank { try body(row) }
            position = next
            line += lines
        }
    }

    /// Splits the record starting at `start` into `fields`; at the end of `bytes`, asks for more
    /// unless `atEnd`, in which case the record runs to the end. Shared by both readers.
    @inline(__always)
    static func scanRecord<Fields: FieldSink>(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool, fields: inout Fields
    ) -> Scan {
        fields.removeAll(keepingCapacity: true)
        var i = start
        var fieldStart = start
        var quoted = false
        var inQuotes = false
        var lines = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if inQuotes {
                if byte == quote {
                    if i + 1 < count {
                        if bytes[i + 1] == quote { i += 2; continue }
                        inQuotes = false
                    } else if !atEnd {
                        return .needMore
                    } else {
                        inQuotes = false
                    }
                } else if byte == newline {
                    lines += 1
                }
                i += 1
                continue
            }
            switch byte {
            case quote:
                // A quote opens quoting at the start of a field (after spaces) or anywhere
                // after a closed quote; elsewhere it is kept as an ordinary character.
                if quoted || UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]).allSatisfy(isSpace) {
                    quoted = true
                    inQuotes = true
                }
            case comma:
                fields.append(CSVRow.Field(start: fieldStart, end: i, quoted: quoted))
                fieldStart = i + 1
                quoted = false
            case newline:
                let end = i > fieldStart && bytes[i - 1] == carriageReturn ? i - 1 : i
                fields.append(CSVRow.Field(start: fieldStart, end: end, quoted: quoted))
                return .complete(end: end, next: i + 1, lines: lines + 1)
            default:
                break
            }
            i += 1
            if !inQuotes { i = skipPlainBytes(bytes, from: i) }
        }
        if !atEnd { return .needMore }
        var end = count
        if !inQuotes, end > fieldStart, bytes[end - 1] == carriageReturn { end -= 1 }
        fields.append(CSVRow.Field(start: fieldStart, end: end, quoted: quoted))
        return .complete(end: end, next: count, lines: 0)
    }

}

/// Where `CSVScanner.scanRecord` puts a record's fields.
protocol FieldSink {
    mutating func removeAll(keepingCapacity: Bool)
    mutating func append(_ field: CSVRow.Field)
}

extension Array: FieldSink where Element == CSVRow.Field {}

/// The fields of one record in memory the parallel loader's workers reuse for every row: an
/// `Array` checked its uniqueness on each of the ~17 appends of a row (a call each, 2 % of a
/// 1M-row check); a field is three plain values, so nothing needs deinitializing.
struct FieldBuffer: FieldSink {
    private var base: UnsafeMutablePointer<CSVRow.Field>
    private var capacity: Int
    private var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    /// The fields appended since the last `removeAll`; valid until the next change.
    var fields: UnsafeBufferPointer<CSVRow.Field> { UnsafeBufferPointer(start: base, count: count) }

    /// Empties the buffer; its memory is always kept (the next row reuses it).
    mutating func removeAll(keepingCapacity: Bool) { count = 0 }

    @inline(__always)
    mutating func append(_ field: CSVRow.Field) {
        if count == capacity { grow() }
        (base + count).initialize(to: field)
        count += 1
    }

    /// Frees the memory; the buffer must not be used after.
    func deallocate() { base.deallocate() }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<CSVRow.Field>.allocate(capacity: capacity * 2)
        larger.initialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}

extension CSVScanner {
    /// The first offset at or after `start` holding a comma, a line feed or a quote (the only bytes
    /// that matter outside quotes), or the end: eight bytes at a time, the classic "has a zero
    /// byte" test on the word XORed with each of the three. Values of a few bytes to a few dozen
    /// are most of an export, and the byte-at-a-time loop was a tenth of a 1M-row check.
    @inline(__always)
    static func skipPlainBytes(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let count = bytes.count
        var i = start
        while i + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            // The lowest flagged byte of each test is exact (a false flag only sits above a true one).
            let flagged = zeroBytes(word ^ (0x0101_0101_0101_0101 &* UInt64(comma)))
                | zeroBytes(word ^ (0x0101_0101_0101_0101 &* UInt64(newline)))
                | zeroBytes(word ^ (0x0101_0101_0101_0101 &* UInt64(quote)))
            if flagged != 0 { return i + flagged.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count, base[i] != comma, base[i] != newline, base[i] != quote { i += 1 }
        return i
    }

    /// The high bit of each byte of `word` set where that byte is zero (and possibly above one).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }
}

/// One record of a CSV file: its fields as byte ranges, decoded on demand.
struct CSVRow {
    struct Field {
        var start: Int
        var end: Int
        /// The raw bytes include quotes that must be removed (and `""` collapsed).
        var quoted: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// Borrowed from the scanner, like `bytes`: an array here was retained and released per row.
    let fields: UnsafeBufferPointer<Field>
    /// 1-based physical line on which the record starts.
    let line: Int
    let end: Int
    let start: Int

    var fieldCount: Int { fields.count }

    /// Whether the record's bytes are valid UTF-8 (SPEC §1: exports are UTF-8).
    var isValidUTF8: Bool {
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if Self.isASCII(raw) { return true }
        return String(validating: raw, as: UTF8.self) != nil
    }

    /// Whether every byte is below 0x80, eight at a time (every row of most exports is).
    static func isASCII(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = raw.baseAddress else { return true }
        let memory = UnsafeRawPointer(base)
        var offset = 0
        var high: UInt64 = 0
        while offset + 8 <= raw.count {
            high |= memory.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < raw.count {
            high |= UInt64(base[offset])
            offset += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    var isBlank: Bool {
        guard fields.count == 1, !fields[0].quoted else { return false }
        return trimmedRange(fields[0]).isEmpty
    }

    /// The field's value with surrounding spaces removed and quoting undone.
    func string(at index: Int) -> String {
        guard index < fields.count else { return "" }
        return withValue(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the field is empty once spaces are removed.
    func isEmpty(at index: Int) -> Bool {
        guard index < fields.count else { return true }
        return withValue(at: index) { $0.isEmpty }
    }

    /// Gives `body` the field's value bytes (trimmed, unquoted) without building a `String`.
    /// Inlined, so the row checks' closures are too: called as a function, each call retained and
    /// released its context, two atomic operations per field of a million rows.
    @inline(__always)
    func withValue<T>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        guard index < fields.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let field = fields[index]
        if !field.quoted {
            let range = trimmedRange(field)
            return try body(UnsafeBufferPointer(rebasing: bytes[range]))
        }
        return try withQuotedValue(field, body)
    }

    /// `withValue` of a quoted field: its quotes removed and `""` collapsed, in a copy.
    private func withQuotedValue<T>(_ field: Field, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(field.end - field.start)
        var inQuotes = false
        var i = field.start
        while i < field.end {
            let byte = bytes[i]
            if byte == quote {
                if inQuotes, i + 1 < field.end, bytes[i + 1] == quote {
                    decoded.append(quote)
                    i += 2
                    continue
                }
                inQuotes.toggle()
            } else {
                decoded.append(byte)
            }
            i += 1
        }
        let lower = decoded.firstIndex { !isSpace($0) } ?? decoded.count
        let upper = (decoded.lastIndex { !isSpace($0) }).map { $0 + 1 } ?? lower
        return try decoded[lower..<max(lower, upper)].withUnsafeBufferPointer(body)
    }

    @inline(__always)
    private func trimmedRange(_ field: Field) -> Range<Int> {
        var lower = field.start, upper = field.end
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}

private let quote = UInt8(ascii: "\"")
private let comma = UInt8(ascii: ",")
private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")

@inline(__always)
func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

// MARK: - Scanning

private extension CSVReader {
    typealias Scan = CSVScanner.Scan

    /// Finds the next record, reading more bytes as needed. Returns its byte range and first line.
    mutating func nextRowRange() throws -> (start: Int, end: Int, line: Int)? {
        if !startedFile {
            startedFile = true
            try fill(atLeast: 3)
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }
        while true {
            if position >= buffer.count {
                if atEnd { return nil }
                compact()
                try fill(atLeast: 1)
                if position >= buffer.count { return nil }
            }
            switch scanRow(from: position) {
            case let .complete(end, next, lines):
                let start = position, startLine = line
                position = next
                line += lines
                return (start, end, startLine)
            case .needMore:
                compact()
                let before = buffer.count
                try fill(atLeast: buffer.count - position + chunkSize)
                if buffer.count == before { atEnd = true }
            }
        }
    }

    /// Splits the record starting at `start` into `fields`. At the end of the buffer, asks for
    /// more bytes unless the file has ended, in which case the record runs to the end.
    mutating func scanRow(from start: Int) -> Scan {
        let atEnd = atEnd
        return buffer.withUnsafeBufferPointer { CSVScanner.scanRecord($0, from: start, atEnd: atEnd, fields: &fields) }
    }

    mutating func compact() {
        guard position > 0 else { return }
        buffer.removeSubrange(0..<position)
        position = 0
    }

    mutating func fill(atLeast wanted: Int) throws {
        while !atEnd, buffer.count - position < wanted {
            if try source.read(into: &buffer, maxCount: max(chunkSize, wanted)) == 0 { atEnd = true }
        }
    }
}
