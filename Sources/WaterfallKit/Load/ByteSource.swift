#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Something that hands out bytes in chunks: a file, or memory in tests.
protocol ByteSource {
    /// Appends up to `maxCount` bytes to `buffer`; returns how many were appended (0 at the end).
    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int
}

/// Bytes already in memory.
struct MemoryByteSource: ByteSource {
    private var bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(_ text: String) { self.bytes = Array(text.utf8) }

    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let count = min(maxCount, bytes.count - offset)
        buffer.append(contentsOf: bytes[offset..<offset + count])
        offset += count
        return count
    }
}

/// A file read in chunks with POSIX `read`, so a large export never has to fit in memory twice.
final class FileByteSource: ByteSource {
    enum Error: Swift.Error, CustomStringConvertible {
        case cannotOpen(path: String, reason: String)
        case cannotRead(path: String, reason: String)

        var description: String {
            switch self {
            case let .cannotOpen(path, reason): return "\(path): cannot open the file (\(reason)). Check that it exists and is readable."
            case let .cannotRead(path, reason): return "\(path): cannot read the file (\(reason))."
            }
        }
    }

    private let descriptor: Int32
    private let path: String

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Error.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close(descriptor) }

    func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        // Read into a fresh uninitialized chunk and append it (one memcpy): padding `buffer` with
        // `repeatElement(0, count:)` first costs a generic per-byte loop in unoptimized builds,
        // seconds per snapshot in the debug test run.
        var failure: Int32 = 0
        let chunk = [UInt8](unsafeUninitializedCapacity: maxCount) { pointer, initialized in
            #if canImport(Glibc)
            let got = Glibc.read(descriptor, pointer.baseAddress!, maxCount)
            #else
            let got = Darwin.read(descriptor, pointer.baseAddress!, maxCount)
            #endif
            if got < 0 { failure = errno }
            initialized = max(got, 0)
        }
        guard failure == 0 else { throw Error.cannotRead(path: path, reason: String(cString: strerror(failure))) }
        buffer.append(contentsOf: chunk)
        return chunk.count
    }
}
