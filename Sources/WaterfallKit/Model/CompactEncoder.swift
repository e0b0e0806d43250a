/// A compact binary form of `Codable` values, for the build cache's snapshot entries and record
/// lists: what a weekly build reads back for every week of history (issue 10).
///
/// Written by hand because no listed package decodes these records fast: `JSONDecoder` spent
/// 1.65 s on one core decoding 52 weeks of a 101-scope site's entries (18 MB), most of it building a
/// key dictionary per object and parsing numbers from text; Foundation's binary
/// `PropertyListDecoder` took 3.49 s on the same entries; swift-protobuf would need a schema and
/// generated code for each of the metric types. The format keeps `Codable`'s meaning (the
/// synthesized conformances, keys by name, nil as nil) and drops the text:
///
///     value    = tag payload
///     tag      = 0 nil | 1 false | 2 true | 3 Int64 | 4 UInt64 | 5 Double | 6 Float | 7 string
///                | 8 keyed | 9 unkeyed
///     integers = LEB128 varint (Int64 zigzag-mapped first); Double, Float: little-endian bits
///     string   = varint byte count, UTF-8 bytes
///     keyed    = varint count, UInt32 body length, body: count UInt32 entry offsets (from the body's
///                start), then the entries in key order (UTF-8 bytes), each a string (the key) and a value
///     unkeyed  = varint count, UInt32 body length, body: the values in order
///
/// Keys are sorted, as `JSONEncoder`'s `.sortedKeys` does, so equal values give equal bytes whatever
/// order a dictionary holds its keys in; the decoder finds a key by binary search. Lengths let a
/// reader skip any value, so a missing, extra or reordered key is read as JSON would read it.
struct CompactEncoder {
    func encode(_ value: some Encodable) throws -> [UInt8] {
        let root = CompactNode()
        try value.encode(to: CompactValueEncoder(node: root))
        var bytes: [UInt8] = []
        root.write(into: &bytes)
        return bytes
    }
}

enum CompactTag: UInt8 {
    case null = 0, falseValue, trueValue, int, uint, double, float, string, keyed, unkeyed
}

/// One value as it is being encoded; containers fill their children in after they are made.
final class CompactNode {
    var tag: CompactTag?
    /// The number's bits (Int64, UInt64, Double or Float).
    var bits: UInt64 = 0
    var string = ""
    var keys: [String] = []
    var children: [CompactNode] = []

    func set(_ tag: CompactTag, bits: UInt64 = 0) {
        self.tag = tag
        self.bits = bits
    }

    func becomeContainer(_ tag: CompactTag) {
        guard self.tag != tag else { return }
        self.tag = tag
        keys = []
        children = []
    }

    func child(forKey key: String) -> CompactNode {
        becomeContainer(.keyed)
        let node = CompactNode()
        keys.append(key)
        children.append(node)
        return node
    }

    func nextElement() -> CompactNode {
        becomeContainer(.unkeyed)
        let node = CompactNode()
        children.append(node)
        return node
    }

    func write(into bytes: inout [UInt8]) {
        // A value that encoded nothing is an empty keyed container, as JSONEncoder writes `{}`.
        let tag = self.tag ?? .keyed
        bytes.append(tag.rawValue)
        switch tag {
        case .null, .falseValue, .trueValue: break
        case .int: Self.appendVarint(UInt64(bitPattern: (Int64(bitPattern: bits) << 1) ^ (Int64(bitPattern: bits) >> 63)), to: &bytes)
        case .uint: Self.appendVarint(bits, to: &bytes)
        case .double: Self.append(bits, as: UInt64.self, to: &bytes)
        case .float: Self.append(UInt32(truncatingIfNeeded: bits), as: UInt32.self, to: &bytes)
        case .string: Self.appendString(string, to: &bytes)
        case .unkeyed:
            let body = Self.beginBody(count: children.count, in: &bytes)
            for child in children { child.write(into: &bytes) }
            Self.endBody(body, in: &bytes)
        case .keyed:
            // Sorted by the keys' UTF-8 bytes; a key encoded twice keeps its last value, as JSON does.
            func same(_ a: Int, _ b: Int) -> Bool { keys[a].utf8.elementsEqual(keys[b].utf8) }
            let order = keys.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) || (same($0, $1) && $0 < $1) }
            let kept = order.indices.filter { $0 == order.count - 1 || !same(order[$0], order[$0 + 1]) }.map { order[$0] }
            let body = Self.beginBody(count: kept.count, in: &bytes)
            let table = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: 4 * kept.count))
            for (position, index) in kept.enumerated() {
                Self.store(UInt32(bytes.count - body), at: table + 4 * position, in: &bytes)
                Self.appendString(keys[index], to: &bytes)
                children[index].write(into: &bytes)
            }
            Self.endBody(body, in: &bytes)
        }
    }
}

private extension CompactNode {
    static func append<Number: FixedWidthInteger>(_ value: Number, as _: Number.Type, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Seven bits a byte, low bits first; the high bit says another byte follows.
    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func appendString(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            appendVarint(UInt64(utf8.count), to: &bytes)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes the count and a space for the body's length; returns where the body starts.
    static func beginBody(count: Int, in bytes: inout [UInt8]) -> Int {
        appendVarint(UInt64(count), to: &bytes)
        append(UInt32(0), as: UInt32.self, to: &bytes)
        return bytes.count
    }

    static func endBody(_ start: Int, in bytes: inout [UInt8]) {
        store(UInt32(bytes.count - start), at: start - 4, in: &bytes)
    }

    static func store(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
        }
    }
}

// MARK: - Encoder

struct CompactValueEncoder: Encoder {
    let node: CompactNode
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeContainer(.keyed)
        return KeyedEncodingContainer(CompactKeyedEncoder<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeContainer(.unkeyed)
        return CompactUnkeyedEncoder(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { CompactSingleValueEncoder(node: node) }
}

/// Encodes one value into a node: the numbers and strings directly, anything else by its own `encode(to:)`.
private func encode(_ value: some Encodable, into node: CompactNode) throws {
    var single = CompactSingleValueEncoder(node: node)
    try single.encode(value)
}

struct CompactKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: CompactNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).set(.null) }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws { try WaterfallKit.encode(value, into: node.child(forKey: key.stringValue)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = node.child(forKey: key.stringValue)
        child.becomeContainer(.keyed)
        return KeyedEncodingContainer(CompactKeyedEncoder<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.child(forKey: key.stringValue)
        child.becomeContainer(.unkeyed)
        return CompactUnkeyedEncoder(node: child)
    }

    mutating func superEncoder() -> any Encoder { CompactValueEncoder(node: node.child(forKey: "super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { CompactValueEncoder(node: node.child(forKey: key.stringValue)) }
}

struct CompactUnkeyedEncoder: UnkeyedEncodingContainer {
    let node: CompactNode
    var codingPath: [any CodingKey] { [] }
    var count: Int { node.children.count }

    mutating func encodeNil() throws { node.nextElement().set(.null) }
    mutating func encode(_ value: some Encodable) throws { try WaterfallKit.encode(value, into: node.nextElement()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = node.nextElement()
        child.becomeContainer(.keyed)
        return KeyedEncodingContainer(CompactKeyedEncoder<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = node.nextElement()
        child.becomeContainer(.unkeyed)
        return CompactUnkeyedEncoder(node: child)
    }

    mutating func superEncoder() -> any Encoder { CompactValueEncoder(node: node.nextElement()) }
}

struct CompactSingleValueEncoder: SingleValueEncodingContainer {
    let node: CompactNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode(_ value: Bool) throws { node.set(value ? .trueValue : .falseValue) }
    mutating func encode(_ value: String) throws {
        node.set(.string)
        node.string = value
    }
    mutating func encode(_ value: Double) throws { node.set(.double, bits: value.bitPattern) }
    mutating func encode(_ value: Float) throws { node.set(.float, bits: UInt64(value.bitPattern)) }
    mutating func encode(_ value: Int) throws { node.set(.int, bits: UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int8) throws { node.set(.int, bits: UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int16) throws { node.set(.int, bits: UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int32) throws { node.set(.int, bits: UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int64) throws { node.set(.int, bits: UInt64(bitPattern: value)) }
    mutating func encode(_ value: UInt) throws { node.set(.uint, bits: UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { node.set(.uint, bits: UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { node.set(.uint, bits: UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { node.set(.uint, bits: UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { node.set(.uint, bits: value) }

    mutating func encode(_ value: some Encodable) throws {
        switch value {
        case let value as String: try encode(value)
        case let value as Int: try encode(value)
        case let value as Int32: try encode(value)
        case let value as Int64: try encode(value)
        case let value as Double: try encode(value)
        case let value as Bool: try encode(value)
        default: try value.encode(to: CompactValueEncoder(node: node))
        }
    }
}
