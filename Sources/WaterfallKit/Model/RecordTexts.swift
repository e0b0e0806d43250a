/// The strings of a snapshot's records (`RecordText`), at `Record.row`, kept as bytes in one array.
///
/// Five `String`s a row cost 80 bytes plus an allocation for every value over 15 bytes (most
/// names): on a 1M-row export that was a third of the peak memory (issue 10). Here a row costs
/// its bytes and five 4-byte ends; a `RecordText` is made only when a page or list asks for one.
struct RecordTexts: Sendable, Equatable, RandomAccessCollection {
    /// Every field's UTF-8 bytes, row after row, in `RecordText`'s field order.
    private var bytes: [UInt8] = []
    /// Per row, the end offset in `bytes` of each of its fields (a field starts where the one before ends).
    private var ends: [UInt32] = []
    private static let fields = 5

    init() {}

    init(_ texts: some Sequence<RecordText>) {
        for text in texts { append(text) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { ends.count / Self.fields }

    subscript(row: Int) -> RecordText {
        makingFields(of: row) { field in
            RecordText(id: field(0), owner: field(1), name: field(2), lostReason: field(3), channel: field(4))
        }
    }

    /// Row `row`'s id, owner and name only (the deal lists' columns): no `String` made for the rest.
    func idOwnerName(_ row: Int) -> (id: String, owner: String, name: String) {
        makingFields(of: row) { field in (field(0), field(1), field(2)) }
    }

    /// Gives `body` a function that makes field `index` (in `RecordText`'s order) of row `row`.
    private func makingFields<T>(of row: Int, _ body: ((Int) -> String) -> T) -> T {
        let base = row * Self.fields
        return bytes.withUnsafeBufferPointer { bytes in
            body { index in
                let start = base + index == 0 ? 0 : Int(ends[base + index - 1])
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<Int(ends[base + index])]), as: UTF8.self)
            }
        }
    }

    /// Adds the next row's strings.
    mutating func append(_ text: RecordText) {
        append(text.id)
        append(text.owner)
        append(text.name)
        append(text.lostReason)
        append(text.channel)
    }

    private mutating func append(_ field: String) {
        var field = field
        field.withUTF8 { appendField($0) }
    }

    /// Adds one field of the next row as bytes (valid UTF-8); a row is its five fields in
    /// `RecordText`'s order. The row checks write an export's texts this way, with no `String` made.
    mutating func appendField(_ field: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: field)
        // 4 GiB of names and ids in one snapshot would need a far larger machine first.
        precondition(bytes.count <= UInt32.max, "more than 4 GiB of record texts in one snapshot")
        ends.append(UInt32(bytes.count))
    }

    /// Adds row `row` of `other` (a piece of the file the checks read), its bytes copied as they are.
    mutating func append(row: Int, of other: RecordTexts) {
        let base = row * Self.fields
        let start = base == 0 ? 0 : Int(other.ends[base - 1])
        let shift = bytes.count - start
        bytes.append(contentsOf: other.bytes[start..<Int(other.ends[base + Self.fields - 1])])
        precondition(bytes.count <= UInt32.max, "more than 4 GiB of record texts in one snapshot")
        for index in base..<(base + Self.fields) { ends.append(UInt32(Int(other.ends[index]) + shift)) }
    }

    /// Gives `body` the bytes of row `row`'s id.
    func withID<T>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let base = row * Self.fields
        let start = base == 0 ? 0 : Int(ends[base - 1])
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<Int(ends[base])])) }
    }

    /// Whether row `row`'s id comes before row `other`'s in code-point order (as
    /// `String.precedesByCodePoint`: UTF-8 bytes compare in code-point order).
    func idPrecedes(_ row: Int, _ other: Int) -> Bool {
        withID(row) { first in
            withID(other) { second in UnsafeRawBufferPointer(first).byteOrder(comparedTo: UnsafeRawBufferPointer(second)) < 0 }
        }
    }

    /// Room for `rows` rows holding `bytes` bytes of text in all.
    mutating func reserveCapacity(rows: Int, bytes byteCount: Int) {
        bytes.reserveCapacity(byteCount)
        ends.reserveCapacity(rows * Self.fields)
    }

    /// The bytes of every string held.
    var byteCount: Int { bytes.count }
}
