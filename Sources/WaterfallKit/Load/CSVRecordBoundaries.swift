#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where records end in CSV bytes, found without splitting fields: the first stage of the parallel
/// loader, which cuts a file into pieces that workers then read independently (`CSVScanner`).
///
/// Plain quote parity (simdcsv, DuckDB's first guess) is not enough here: `CSVReader` keeps a quote
/// inside an unquoted value as text (`5" pipe`), so a quote only toggles quoting at a field's start
/// or after a closed quote. The scan runs the reader's own four-state machine over every byte, from
/// the file's start, so every cut is a record end the reader itself would find. It is one byte
/// comparison per byte, a small part of reading a row; with 2 cores a per-piece state-transfer
/// pass (4 start states per piece, combined afterwards) would cost as much as this sequential one.
struct CSVRecordBoundaries {
    enum State: UInt8 {
        /// At a field's start, only spaces seen: a quote opens quoting.
        case fieldStart
        /// Inside an unquoted value: a quote is text.
        case unquoted
        /// Inside quotes: only a quote matters (`""` closes and reopens).
        case inQuotes
        /// After a closing quote: a quote reopens quoting.
        case afterQuote
    }

    private(set) var state = State.fieldStart
    /// Line feeds seen so far (every one is a physical line, inside quotes too).
    private(set) var lines = 0

    /// Scans `bytes[from..<bytes.count]`, calling `recordEnd(next, lines)` after every line feed that
    /// ends a record, with the offset just after it and the line feeds counted up to and including it.
    ///
    /// Outside quotes, a stretch without a quote byte cannot enter quotes, so each of its line feeds
    /// ends a record and leaves the machine at a field's start: those stretches are crossed with
    /// `memchr` (issue 10: this scan runs on one core while the workers wait for the next batch);
    /// from the last line end before a quote to the end of that quote's record, byte by byte.
    @inline(__always)
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, recordEnd: (Int, Int) -> Void) {
        guard let base = bytes.baseAddress else { return }
        var state = self.state
        var lines = self.lines
        var i = from
        let count = bytes.count
        while i < count {
            // The first quote byte at or after `i` (count: none); in quotes, none is skipped.
            var quoteAt = i
            if state != .inQuotes {
                quoteAt = Self.find(doubleQuote, base, from: i, to: count)
                var lineStart = i
                while lineStart < quoteAt {
                    let lineFeedAt = Self.find(lineFeed, base, from: lineStart, to: quoteAt)
                    guard lineFeedAt < quoteAt else { break }
                    lines += 1
                    lineStart = lineFeedAt + 1
                    recordEnd(lineStart, lines)
                }
                if lineStart > i {
                    state = .fieldStart
                    i = lineStart
                }
            }
            // Byte by byte, until a record ends after the quote (or the bytes run out).
            while i < count {
                let byte = bytes[i]
                i += 1
                var ended = false
                switch state {
                case .inQuotes:
                    if byte == lineFeed { lines += 1 } else if byte == doubleQuote { state = .afterQuote }
                case .fieldStart:
                    switch byte {
                    case doubleQuote: state = .inQuotes
                    case comma: break
                    case lineFeed:
                        lines += 1
                        recordEnd(i, lines)
                        ended = true
                    case space, tab: break
                    default: state = .unquoted
                    }
                case .unquoted, .afterQuote:
                    switch byte {
                    case doubleQuote: if state == .afterQuote { state = .inQuotes }
                    case comma: state = .fieldStart
                    case lineFeed:
                        lines += 1
                        state = .fieldStart
                        recordEnd(i, lines)
                        ended = true
                    default: break
                    }
                }
                if ended && i > quoteAt { break }
            }
        }
        self.state = state
        self.lines = lines
    }

    /// The offset of the first `byte` in `base[from..<to]`, or `to`.
    @inline(__always)
    private static func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let found = memchr(base + from, Int32(byte), to - from) else { return to }
        return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
    }
}

private let doubleQuote = UInt8(ascii: "\"")
private let comma = UInt8(ascii: ",")
private let lineFeed = UInt8(ascii: "\n")
private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
