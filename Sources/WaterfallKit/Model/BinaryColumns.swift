/// A plain binary layout for the build cache's column data (`BridgeCarry`): counts and numbers in
/// the machine's own byte order, strings as a length and their UTF-8 bytes. Written by hand because
/// no listed package encodes flat arrays without per-element work: `JSONEncoder` spent about a
/// second of a 2 × 1M-row build spelling out millions of numbers. The cache is local to the machine
/// that wrote it, and `CacheRecord`'s checksum guards the bytes.
struct BinaryColumnWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int64) { Swift.withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }

    mutating func numbers<Number: FixedWidthInteger>(_ values: [Number]) {
        int(Int64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func flags(_ values: [Bool]) { numbers(values.map { $0 ? UInt8(1) : 0 }) }

    mutating func string(_ value: String) {
        var text = value
        text.withUTF8 { utf8 in
            int(Int64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func strings(_ values: [String]) {
        int(Int64(values.count))
        for value in values { string(value) }
    }
}

/// Reads what `BinaryColumnWriter` wrote, in the same order; any count or length that runs past the
/// end is `CacheRecord.Problem.damaged`.
struct BinaryColumnReader {
    private let bytes: ArraySlice<UInt8>
    private var offset: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    var isAtEnd: Bool { offset == bytes.endIndex }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.endIndex - offset else { throw CacheRecord.Problem.damaged("binary columns end early") }
        defer { offset += count }
        return bytes[offset ..< offset + count]
    }

    mutating func int() throws -> Int64 {
        try take(8).withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
    }

    /// A count or length: never more than the bytes left, so a damaged one cannot make the reader reserve memory.
    mutating func count() throws -> Int {
        let value = try int()
        guard value >= 0, value <= Int64(bytes.endIndex - offset) else { throw CacheRecord.Problem.damaged("binary columns: bad count") }
        return Int(value)
    }

    mutating func numbers<Number: FixedWidthInteger>(_: Number.Type) throws -> [Number] {
        let count = try count()
        let raw = try take(count * MemoryLayout<Number>.size)
        return [Number](unsafeUninitializedCapacity: count) { buffer, initialized in
            raw.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = count
        }
    }

    mutating func flags() throws -> [Bool] { try numbers(UInt8.self).map { $0 != 0 } }

    mutating func string() throws -> String { String(decoding: try take(try count()), as: UTF8.self) }

    mutating func strings() throws -> [String] {
        let count = try count()
        return try (0..<count).map { _ in try string() }
    }
}
