import Crypto

/// A SHA-256 digest, written as 64 lower-case hex digits (the form of a BagIt manifest line).
struct SHA256Digest: Hashable, Comparable, Sendable, CustomStringConvertible {
    var hex: String

    init(hex: String) { self.hex = hex }

    /// The digest of `bytes`.
    init(of bytes: some Sequence<UInt8>) {
        var hasher = Hasher()
        // Contiguous bytes (an array, a slice of one, `Data`) are hashed where they lie, not copied:
        // a 1M-row snapshot's cache entry is megabytes.
        if bytes.withContiguousStorageIfAvailable({ hasher.update(UnsafeRawBufferPointer($0)) }) == nil {
            hasher.update(Array(bytes))
        }
        self = hasher.finalize()
    }

    var description: String { hex }
    static func < (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool { lhs.hex < rhs.hex }

    /// Hashes bytes fed in chunks, so a large export never has to be in memory at once.
    struct Hasher {
        private var state = SHA256()

        init() {}

        mutating func update(_ bytes: [UInt8]) { state.update(data: bytes) }

        mutating func update(_ bytes: UnsafeRawBufferPointer) { state.update(bufferPointer: bytes) }

        func finalize() -> SHA256Digest {
            let hexDigits = Array("0123456789abcdef".utf8)
            var text: [UInt8] = []
            for byte in state.finalize() {
                text.append(hexDigits[Int(byte >> 4)])
                text.append(hexDigits[Int(byte & 0xF)])
            }
            return SHA256Digest(hex: String(decoding: text, as: UTF8.self))
        }
    }
}
