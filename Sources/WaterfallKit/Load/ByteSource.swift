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

    /// Where `read` puts the bytes before appending them, kept between reads.
    private var scratch: [UInt8] = []

    func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        // Read into a scratch buffer kept between calls and append what arrived (one memcpy):
        // padding `buffer` with `repeatElement(0, count:)` first costs a generic per-byte loop in
        // unoptimized builds, seconds per snapshot in the debug test run, and a fresh chunk per
        // read would fault its pages in every time.
        if scratch.count < maxCount {
            scratch = [UInt8](unsafeUninitializedCapacity: maxCount) { pointer, initialized in
                memset(pointer.baseAddress!, 0, maxCount)
                initialized = maxCount
            }
        }
        let got = scratch.withUnsafeMutableBytes { pointer -> Int in
            #if canImport(Glibc)
            return Glibc.read(descriptor, pointer.baseAddress!, maxCount)
            #else
            return Darwin.read(descriptor, pointer.baseAddress!, maxCount)
            #endif
        }
        guard got >= 0 else { throw Error.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        buffer.append(contentsOf: scratch[..<got])
        return got
    }
}
