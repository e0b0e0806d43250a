import Dispatch
import Foundation

/// How the rows of one export are spread over the cores (issue 10): pieces of about `chunkBytes`,
/// checked by up to `workers` threads at once. The output does not depend on either.
struct ParseParallelism: Sendable, Equatable {
    var workers: Int
    var chunkBytes: Int

    init(workers: Int, chunkBytes: Int = 1 << 20) {
        self.workers = max(1, workers)
        self.chunkBytes = max(1, chunkBytes)
    }

    /// Every core the process may use, 1 MiB pieces.
    static let automatic = ParseParallelism(workers: ProcessInfo.processInfo.activeProcessorCount)
}

/// Reads an export's bytes and cuts them into pieces that start and end where records do, for
/// `SnapshotLoader`: the header first, then batches of pieces checked in parallel.
struct PieceReader<Source: ByteSource> {
    private var source: Source
    private let settings: ParseParallelism
    private var buffer: [UInt8] = []
    private var atEnd = false
    /// Where the unread records start in `buffer`, and their physical line.
    private var start = 0
    private var line = 1

    init(source: Source, settings: ParseParallelism) {
        self.source = source
        self.settings = settings
    }

    /// The first non-blank record's fields (a leading BOM skipped), nil for an empty file.
    mutating func header(displayPath: String) throws -> [String]? {
        while !atEnd, buffer.count < 3 { try readMore() }
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        var fields: [CSVRow.Field] = []
        while true {
            if start >= buffer.count {
                if atEnd { return nil }
                try readMore()
                continue
            }
            let scan = buffer.withUnsafeBufferPointer { CSVScanner.scanRecord($0, from: start, atEnd: atEnd, fields: &fields) }
            guard case let .complete(end, next, lines) = scan else {
                try readMore()
                continue
            }
            let result = try buffer.withUnsafeBufferPointer { bytes -> [String]? in
                try fields.withUnsafeBufferPointer { fields in
                    let row = CSVRow(bytes: bytes, fields: fields, line: line, end: end, start: start)
                    if row.isBlank { return nil }
                    guard row.isValidUTF8 else { throw ContentError.notUTF8(path: displayPath, line: row.line) }
                    return (0..<row.fieldCount).map { row.string(at: $0) }
                }
            }
            start = next
            line += lines
            if let result { return result }
        }
    }

    /// Reads the rest of the file and hands `merge` each batch's pieces, checked, in file order.
    mutating func forEachBatch(checker: RowChecker, _ merge: ([CheckedRows]) throws -> Void) throws {
        let batchSize = settings.workers * 4
        let firstLine = line
        var boundaries = CSVRecordBoundaries()
        var scanned = start
        var pieceStart = start, pieceLine = line
        var pieces: [Piece] = []
        while true {
            let chunkBytes = settings.chunkBytes
            buffer.withUnsafeBufferPointer { bytes in
                boundaries.scan(bytes, from: scanned) { next, lines in
                    guard next - pieceStart >= chunkBytes else { return }
                    pieces.append(Piece(start: pieceStart, end: next, line: pieceLine))
                    pieceStart = next
                    pieceLine = firstLine + lines
                }
            }
            scanned = buffer.count
            if atEnd, pieceStart < buffer.count {
                pieces.append(Piece(start: pieceStart, end: buffer.count, line: pieceLine))
                pieceStart = buffer.count
            }
            if pieces.count >= batchSize || atEnd {
                try merge(check(pieces, checker: checker))
                pieces.removeAll()
                if atEnd { return }
                buffer.removeSubrange(0..<pieceStart)
                scanned -= pieceStart
                pieceStart = 0
            }
            try readMore()
        }
    }
}

private extension PieceReader {
    struct Piece {
        var start: Int
        var end: Int
        var line: Int
    }

    mutating func readMore() throws {
        // 1 MiB a read, as `CSVReader`; a piece may span several reads.
        if try source.read(into: &buffer, maxCount: 1 << 20) == 0 { atEnd = true }
    }

    /// Checks each piece, up to `settings.workers` at once (piece i on worker i mod workers).
    func check(_ pieces: [Piece], checker: RowChecker) -> [CheckedRows] {
        guard !pieces.isEmpty else { return [] }
        let dimensions = checker.layout.dimensions.count
        var results = Array(repeating: CheckedRows(dimensions: dimensions), count: pieces.count)
        let workers = min(settings.workers, pieces.count)
        buffer.withUnsafeBufferPointer { bytes in
            results.withUnsafeMutableBufferPointer { out in
                let shared = SharedPointers(bytes: bytes, out: out, pieces: pieces.map { ($0.start, $0.end, $0.line) })
                let work: @Sendable (Int) -> Void = { worker in
                    for index in stride(from: worker, to: shared.pieces.count, by: workers) {
                        let (start, end, line) = shared.pieces[index]
                        shared.out[index] = checkPiece(UnsafeBufferPointer(rebasing: shared.bytes[start..<end]),
                                                       firstLine: line, checker: checker, dimensions: dimensions)
                    }
                }
                if workers <= 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
            }
        }
        return results
    }
}

/// Checks the rows of one piece: the work of one worker.
private func checkPiece(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, checker: RowChecker, dimensions: Int) -> CheckedRows {
    var rows = CheckedRows(dimensions: dimensions, byteCount: bytes.count)
    CSVScanner.forEachRow(in: bytes, firstLine: firstLine) { row in
        guard rows.notUTF8Line == nil else { return }
        guard row.isValidUTF8 else {
            rows.notUTF8Line = row.line
            return
        }
        checker.check(row, into: &rows)
    }
    return rows
}

/// The batch's bytes and the results array, shared with the workers: each writes only its own slots.
private struct SharedPointers: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    let out: UnsafeMutableBufferPointer<CheckedRows>
    let pieces: [(start: Int, end: Int, line: Int)]
}

