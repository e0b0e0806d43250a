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
    @inline(__always)
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, recordEnd: (Int, Int) -> Void) {
        var state = self.state
        var lines = self.lines
        var i = from
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            switch state {
            case .inQuotes:
                if byte == lineFeed { lines += 1 } else if byte == doubleQuote { state = .afterQuote }
            case .fieldStart:
                switch byte {
                case doubleQuote: state = .inQuotes
                case comma: break
                case lineFeed:
                    lines += 1
                    recordEnd(i + 1, lines)
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
                    recordEnd(i + 1, lines)
                default: break
                }
            }
            i += 1
        }
        self.state = state
        self.lines = lines
    }
}

private let doubleQuote = UInt8(ascii: "\"")
private let comma = UInt8(ascii: ",")
private let lineFeed = UInt8(ascii: "\n")
private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
