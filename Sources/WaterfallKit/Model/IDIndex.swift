#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ids of a snapshot's accepted records, kept as bytes, and a hash table from id to position.
///
/// The duplicate check (E2) and the bridge look ids up a million times a snapshot; hashing a
/// `String` there was a visible part of the 1M-row profile (issue 10). Ids live in one byte array,
/// each with its 64-bit hash, so a lookup hashes raw bytes once and a rehash never hashes again.
struct IDIndex: Sendable {
    private var bytes: [UInt8] = []
    /// End offset in `bytes` of each id, by position (an id starts where the one before ends).
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Open addressing, linear probing: a position, or -1 for an empty slot. At most half full.
    private var slots: [Int32] = Array(repeating: -1, count: 16)

    init() {}

    /// How many ids are held; positions run 0..<count in the order they were inserted.
    var count: Int { ends.count }

    /// The position of `id`, nil when it is not held.
    func position(of id: String) -> Int32? {
        var id = id
        return id.withUTF8 { position(of: $0, hash: IDIndex.hash($0)) }
    }

    /// The position of the id with these bytes and `hash` (`IDIndex.hash` of the bytes).
    func position(of id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let position = slots[slot]
            if position < 0 { return nil }
            if hashes[Int(position)] == hash, equals(Int(position), id) { return position }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `id` at the next position unless it is already held; returns the position it already had.
    ///
    /// One probe sequence: the table grows first if it must, and a new id takes the empty slot the
    /// search ended on (before: a lookup, then a second probe to place it).
    @discardableResult
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        if (ends.count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let position = slots[slot]
            if position < 0 { break }
            if hashes[Int(position)] == hash, equals(Int(position), id) { return position }
            slot = (slot + 1) & mask
        }
        bytes.append(contentsOf: id)
        ends.append(bytes.count)
        hashes.append(hash)
        slots[slot] = Int32(ends.count - 1)
        return nil
    }

    /// Gives `body` the bytes of the id at `position`.
    func withID<T>(at position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let start = position == 0 ? 0 : ends[position - 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[position]])) }
    }

    /// The hash of the id at `position`, to look it up in another snapshot's index without hashing again.
    func hash(at position: Int) -> UInt64 { hashes[position] }

    /// The position in `other` of the id held here at `position`.
    func position(in other: IDIndex, ofIDAt position: Int) -> Int32? {
        withID(at: position) { other.position(of: $0, hash: hashes[position]) }
    }

    /// A 64-bit hash of raw bytes, eight at a time (not seeded: the same in every run, so a
    /// position found in one snapshot's index is found the same way in the next).
    @inline(__always)
    static func hash(_ id: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(id.count)
        guard let base = id.baseAddress else { return mix(h) }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= id.count {
            h = mix(h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < id.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < id.count {
                tail |= UInt64(base[offset]) << shift
                shift += 8
                offset += 1
            }
            h = mix(h ^ tail)
        }
        return mix(h)
    }
}

private extension IDIndex {
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        x = x &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 32)
    }

    func equals(_ position: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = position == 0 ? 0 : ends[position - 1]
        guard ends[position] - start == id.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            id.count == 0 || memcmp(stored.baseAddress! + start, id.baseAddress!, id.count) == 0
        }
    }

    mutating func place(_ position: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = position
    }

    mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for position in 0..<ends.count { place(Int32(position), hash: hashes[position]) }
    }
}
