import Foundation

/// Reads what `CompactEncoder` wrote (the format is described there). Every count, length and
/// offset is checked against the bytes, so a damaged record throws `DecodingError`, never reads
/// outside them. Coding paths are not tracked: the build cache only needs to know a record is unreadable.
struct CompactDecoder {
    func decode<Value: Decodable>(_ type: Value.Type, from bytes: some ContiguousBytes) throws -> Value {
        try bytes.withUnsafeBytes { raw in
            let reader = CompactReader(raw)
            guard try reader.end(ofValueAt: 0) == raw.count else { throw CompactReader.damaged("bytes after the value") }
            return try Value(from: CompactValueDecoder(reader: reader, offset: 0))
        }
    }
}

/// Bounds-checked reads of the encoded bytes, valid while `CompactDecoder.decode` runs.
struct CompactReader {
    let raw: UnsafeRawBufferPointer

    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    static func damaged(_ reason: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "compact record: \(reason)"))
    }

    func tag(at offset: Int) throws -> CompactTag {
        guard offset >= 0, offset < raw.count, let tag = CompactTag(rawValue: raw[offset]) else { throw Self.damaged("bad tag") }
        return tag
    }

    func uint32(at offset: Int) throws -> Int {
        guard offset >= 0, offset + 4 <= raw.count else { throw Self.damaged("ends early") }
        return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    func uint64(at offset: Int) throws -> UInt64 {
        guard offset >= 0, offset + 8 <= raw.count else { throw Self.damaged("ends early") }
        return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The LEB128 varint at `offset` and where it ends.
    func varint(at offset: Int) throws -> (value: UInt64, end: Int) {
        var value: UInt64 = 0, shift: UInt64 = 0, position = offset
        while true {
            guard position >= 0, position < raw.count, shift < 64 else { throw Self.damaged("bad varint") }
            let byte = raw[position]
            value |= UInt64(byte & 0x7F) << shift
            position += 1
            if byte < 0x80 { return (value, position) }
            shift += 7
        }
    }

    /// A varint that counts bytes or elements: at most what the record holds.
    func length(at offset: Int) throws -> (value: Int, end: Int) {
        let (value, end) = try varint(at: offset)
        guard value <= UInt64(raw.count) else { throw Self.damaged("length larger than the record") }
        return (Int(value), end)
    }

    /// Where the bytes of the string whose length is at `offset` lie.
    func stringRange(at offset: Int) throws -> Range<Int> {
        let (count, start) = try length(at: offset)
        guard start + count <= raw.count else { throw Self.damaged("string ends early") }
        return start..<(start + count)
    }

    func stringBytes(at offset: Int) throws -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: raw[try stringRange(at: offset)])
    }

    /// Where the value at `offset` ends (its tag included).
    func end(ofValueAt offset: Int) throws -> Int {
        switch try tag(at: offset) {
        case .null, .falseValue, .trueValue: return offset + 1
        case .int, .uint: return try varint(at: offset + 1).end
        case .double: return offset + 9
        case .float: return offset + 5
        case .string: return try stringRange(at: offset + 1).upperBound
        case .keyed, .unkeyed:
            let bodyStart = try length(at: offset + 1).end + 4
            let end = bodyStart + (try uint32(at: bodyStart - 4))
            guard end <= raw.count else { throw Self.damaged("container ends early") }
            return end
        }
    }

    /// A container's count and the range of its body.
    func container(at offset: Int, _ tag: CompactTag) throws -> (count: Int, body: Range<Int>) {
        guard try self.tag(at: offset) == tag else { throw Self.mismatch(tag, at: offset, self) }
        let (count, countEnd) = try length(at: offset + 1)
        let body = (countEnd + 4)..<(try end(ofValueAt: offset))
        // Each element takes at least a byte (a keyed entry at least 4 of offset and 4 of key length).
        guard count <= body.count else { throw Self.damaged("count larger than the container") }
        return (count, body)
    }

    static func mismatch(_ expected: CompactTag, at offset: Int, _ reader: CompactReader) -> DecodingError {
        let found = (try? reader.tag(at: offset)).map { "\($0)" } ?? "nothing"
        return .typeMismatch(Any.self, DecodingError.Context(codingPath: [], debugDescription: "expected \(expected), found \(found)"))
    }

    func null(at offset: Int) throws -> Bool { try tag(at: offset) == .null }

    func bool(at offset: Int) throws -> Bool {
        switch try tag(at: offset) {
        case .trueValue: return true
        case .falseValue: return false
        default: throw Self.mismatch(.trueValue, at: offset, self)
        }
    }

    func string(at offset: Int) throws -> String {
        guard try tag(at: offset) == .string else { throw Self.mismatch(.string, at: offset, self) }
        return String(decoding: try stringBytes(at: offset + 1), as: UTF8.self)
    }

    func integer<Number: FixedWidthInteger>(_: Number.Type, at offset: Int) throws -> Number {
        let value: Number?
        switch try tag(at: offset) {
        case .int:
            let zigzag = try varint(at: offset + 1).value
            value = Number(exactly: Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
        case .uint: value = Number(exactly: try varint(at: offset + 1).value)
        default: throw Self.mismatch(.int, at: offset, self)
        }
        guard let value else { throw Self.damaged("number out of range") }
        return value
    }

    func double(at offset: Int) throws -> Double {
        guard try tag(at: offset) == .double else { throw Self.mismatch(.double, at: offset, self) }
        return Double(bitPattern: try uint64(at: offset + 1))
    }

    func float(at offset: Int) throws -> Float {
        guard try tag(at: offset) == .float else { throw Self.mismatch(.float, at: offset, self) }
        return Float(bitPattern: UInt32(try uint32(at: offset + 1)))
    }

    /// Decodes the value at `offset`: numbers and strings directly, anything else by its own `init(from:)`.
    func decode<Value: Decodable>(_: Value.Type, at offset: Int) throws -> Value {
        if Value.self == String.self { return try string(at: offset) as! Value }
        if Value.self == Int.self { return try integer(Int.self, at: offset) as! Value }
        if Value.self == Int32.self { return try integer(Int32.self, at: offset) as! Value }
        if Value.self == Int64.self { return try integer(Int64.self, at: offset) as! Value }
        if Value.self == Double.self { return try double(at: offset) as! Value }
        if Value.self == Bool.self { return try bool(at: offset) as! Value }
        return try Value(from: CompactValueDecoder(reader: self, offset: offset))
    }
}

// MARK: - Decoder

struct CompactValueDecoder: Decoder {
    let reader: CompactReader
    let offset: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try CompactKeyedDecoder<Key>(reader: reader, offset: offset))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try CompactUnkeyedDecoder(reader: reader, offset: offset) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { CompactSingleValueDecoder(reader: reader, offset: offset) }
}

/// A keyed container's entries, apart from the generic decoder so that finding a key runs as
/// plain code: inside the generic type each search looked up its metadata (a third of decoding).
struct CompactKeyedBody {
    let reader: CompactReader
    let count: Int
    let body: Range<Int>

    init(reader: CompactReader, offset: Int) throws {
        self.reader = reader
        (count, body) = try reader.container(at: offset, .keyed)
        guard 4 * count <= body.count else { throw CompactReader.damaged("entry table ends early") }
    }

    /// The entry at `index` in key order: its key's bytes and its value's offset.
    func entry(_ index: Int) throws -> (key: UnsafeRawBufferPointer, value: Int) {
        let start = body.lowerBound + (try reader.uint32(at: body.lowerBound + 4 * index))
        guard start >= body.lowerBound + 4 * count, start < body.upperBound else { throw CompactReader.damaged("bad entry offset") }
        let keyRange = try reader.stringRange(at: start)
        let key = UnsafeRawBufferPointer(rebasing: reader.raw[keyRange]), value = keyRange.upperBound
        guard value < body.upperBound else { throw CompactReader.damaged("entry ends early") }
        return (key, value)
    }

    /// The offset of the value of the key `name`, found by binary search over the sorted keys; nil when absent.
    func find(_ name: String) throws -> Int? {
        var name = name
        return try name.withUTF8 { wanted in
            var low = 0, high = count
            while low < high {
                let middle = (low + high) / 2
                let (stored, value) = try entry(middle)
                let order = stored.byteOrder(comparedTo: UnsafeRawBufferPointer(wanted))
                if order == 0 { return value }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    func value(_ key: some CodingKey) throws -> Int {
        guard let offset = try find(key.stringValue) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: [], debugDescription: "no value for \(key.stringValue)"))
        }
        return offset
    }
}

struct CompactKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let entries: CompactKeyedBody
    var reader: CompactReader { entries.reader }
    var codingPath: [any CodingKey] { [] }

    init(reader: CompactReader, offset: Int) throws {
        entries = try CompactKeyedBody(reader: reader, offset: offset)
    }

    private func find(_ key: Key) throws -> Int? { try entries.find(key.stringValue) }
    private func value(_ key: Key) throws -> Int { try entries.value(key) }

    var allKeys: [Key] {
        (0..<entries.count).compactMap { index in
            (try? entries.entry(index)).flatMap { Key(stringValue: String(decoding: $0.key, as: UTF8.self)) }
        }
    }

    func contains(_ key: Key) -> Bool { (try? find(key)) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { try reader.null(at: value(key)) }
    func decode(_: Bool.Type, forKey key: Key) throws -> Bool { try reader.bool(at: value(key)) }
    func decode(_: String.Type, forKey key: Key) throws -> String { try reader.string(at: value(key)) }
    func decode(_: Double.Type, forKey key: Key) throws -> Double { try reader.double(at: value(key)) }
    func decode(_: Float.Type, forKey key: Key) throws -> Float { try reader.float(at: value(key)) }
    func decode(_: Int.Type, forKey key: Key) throws -> Int { try reader.integer(Int.self, at: value(key)) }
    func decode(_: Int8.Type, forKey key: Key) throws -> Int8 { try reader.integer(Int8.self, at: value(key)) }
    func decode(_: Int16.Type, forKey key: Key) throws -> Int16 { try reader.integer(Int16.self, at: value(key)) }
    func decode(_: Int32.Type, forKey key: Key) throws -> Int32 { try reader.integer(Int32.self, at: value(key)) }
    func decode(_: Int64.Type, forKey key: Key) throws -> Int64 { try reader.integer(Int64.self, at: value(key)) }
    func decode(_: UInt.Type, forKey key: Key) throws -> UInt { try reader.integer(UInt.self, at: value(key)) }
    func decode(_: UInt8.Type, forKey key: Key) throws -> UInt8 { try reader.integer(UInt8.self, at: value(key)) }
    func decode(_: UInt16.Type, forKey key: Key) throws -> UInt16 { try reader.integer(UInt16.self, at: value(key)) }
    func decode(_: UInt32.Type, forKey key: Key) throws -> UInt32 { try reader.integer(UInt32.self, at: value(key)) }
    func decode(_: UInt64.Type, forKey key: Key) throws -> UInt64 { try reader.integer(UInt64.self, at: value(key)) }
    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value { try reader.decode(type, at: value(key)) }

    /// Absent or nil: nil, as `JSONDecoder` reads a missing key.
    func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        guard let offset = try find(key), try !reader.null(at: offset) else { return nil }
        return try reader.decode(type, at: offset)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try CompactKeyedDecoder<NestedKey>(reader: reader, offset: value(key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try CompactUnkeyedDecoder(reader: reader, offset: value(key))
    }

    func superDecoder() throws -> any Decoder {
        guard let key = Key(stringValue: "super") else { throw CompactReader.damaged("no super key") }
        return try superDecoder(forKey: key)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { CompactValueDecoder(reader: reader, offset: try value(key)) }
}

struct CompactUnkeyedDecoder: UnkeyedDecodingContainer {
    let reader: CompactReader
    let count: Int?
    private(set) var currentIndex = 0
    private var cursor: Int
    private let end: Int
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    init(reader: CompactReader, offset: Int) throws {
        self.reader = reader
        let (count, body) = try reader.container(at: offset, .unkeyed)
        self.count = count
        cursor = body.lowerBound
        end = body.upperBound
    }

    /// The next element's offset, moving past it.
    private mutating func next() throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, DecodingError.Context(codingPath: [], debugDescription: "no more elements"))
        }
        let offset = cursor
        let after = try reader.end(ofValueAt: offset)
        guard after <= end else { throw CompactReader.damaged("element ends after its container") }
        cursor = after
        currentIndex += 1
        return offset
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try reader.null(at: cursor) else { return false }
        _ = try next()
        return true
    }

    mutating func decode(_: Bool.Type) throws -> Bool { try reader.bool(at: next()) }
    mutating func decode(_: String.Type) throws -> String { try reader.string(at: next()) }
    mutating func decode(_: Double.Type) throws -> Double { try reader.double(at: next()) }
    mutating func decode(_: Float.Type) throws -> Float { try reader.float(at: next()) }
    mutating func decode(_: Int.Type) throws -> Int { try reader.integer(Int.self, at: next()) }
    mutating func decode(_: Int8.Type) throws -> Int8 { try reader.integer(Int8.self, at: next()) }
    mutating func decode(_: Int16.Type) throws -> Int16 { try reader.integer(Int16.self, at: next()) }
    mutating func decode(_: Int32.Type) throws -> Int32 { try reader.integer(Int32.self, at: next()) }
    mutating func decode(_: Int64.Type) throws -> Int64 { try reader.integer(Int64.self, at: next()) }
    mutating func decode(_: UInt.Type) throws -> UInt { try reader.integer(UInt.self, at: next()) }
    mutating func decode(_: UInt8.Type) throws -> UInt8 { try reader.integer(UInt8.self, at: next()) }
    mutating func decode(_: UInt16.Type) throws -> UInt16 { try reader.integer(UInt16.self, at: next()) }
    mutating func decode(_: UInt32.Type) throws -> UInt32 { try reader.integer(UInt32.self, at: next()) }
    mutating func decode(_: UInt64.Type) throws -> UInt64 { try reader.integer(UInt64.self, at: next()) }
    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try reader.decode(type, at: next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try CompactKeyedDecoder<NestedKey>(reader: reader, offset: next()))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try CompactUnkeyedDecoder(reader: reader, offset: next()) }
    mutating func superDecoder() throws -> any Decoder { CompactValueDecoder(reader: reader, offset: try next()) }
}

struct CompactSingleValueDecoder: SingleValueDecodingContainer {
    let reader: CompactReader
    let offset: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { (try? reader.null(at: offset)) ?? false }
    func decode(_: Bool.Type) throws -> Bool { try reader.bool(at: offset) }
    func decode(_: String.Type) throws -> String { try reader.string(at: offset) }
    func decode(_: Double.Type) throws -> Double { try reader.double(at: offset) }
    func decode(_: Float.Type) throws -> Float { try reader.float(at: offset) }
    func decode(_: Int.Type) throws -> Int { try reader.integer(Int.self, at: offset) }
    func decode(_: Int8.Type) throws -> Int8 { try reader.integer(Int8.self, at: offset) }
    func decode(_: Int16.Type) throws -> Int16 { try reader.integer(Int16.self, at: offset) }
    func decode(_: Int32.Type) throws -> Int32 { try reader.integer(Int32.self, at: offset) }
    func decode(_: Int64.Type) throws -> Int64 { try reader.integer(Int64.self, at: offset) }
    func decode(_: UInt.Type) throws -> UInt { try reader.integer(UInt.self, at: offset) }
    func decode(_: UInt8.Type) throws -> UInt8 { try reader.integer(UInt8.self, at: offset) }
    func decode(_: UInt16.Type) throws -> UInt16 { try reader.integer(UInt16.self, at: offset) }
    func decode(_: UInt32.Type) throws -> UInt32 { try reader.integer(UInt32.self, at: offset) }
    func decode(_: UInt64.Type) throws -> UInt64 { try reader.integer(UInt64.self, at: offset) }
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try reader.decode(type, at: offset) }
}
