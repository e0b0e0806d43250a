import Foundation

/// The stored form of every file in the build cache: one header line naming what it is, its
/// format and the SHA-256 of the body (`waterfall-cache KIND FORMAT HEX`), then the body as JSON.
/// The checksum catches a truncated or damaged file; another kind or format is not read.
enum CacheRecord {
    /// Why stored bytes were not used.
    enum Problem: Swift.Error, Equatable, CustomStringConvertible {
        case damaged(String)

        var description: String {
            switch self {
            case let .damaged(reason): return reason
            }
        }
    }

    static func header(kind: String, format: Int) -> String { "waterfall-cache \(kind) \(format) " }

    /// The header line, then `value` as JSON (keys sorted, so equal values give equal bytes).
    static func encode(_ value: some Encodable, kind: String, format: Int) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = Array(try encoder.encode(value))
        return Array((header(kind: kind, format: format) + SHA256Digest(of: body).hex + "\n").utf8) + body
    }

    /// Reads what `encode` wrote, checking the header, the checksum and the contents.
    static func decode<Value: Decodable>(_ type: Value.Type, kind: String, format: Int, from bytes: [UInt8]) throws -> Value {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { throw Problem.damaged("no header line (truncated?)") }
        let line = String(decoding: bytes[..<newline], as: UTF8.self)
        let expected = header(kind: kind, format: format)
        guard line.hasPrefix(expected) else { throw Problem.damaged("another kind, format or version (\(line.prefix(60)))") }
        let body = bytes[(newline + 1)...]
        guard SHA256Digest(of: body).hex == line.dropFirst(expected.count) else {
            throw Problem.damaged("checksum does not match its contents (truncated or damaged)")
        }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(body))
        } catch {
            throw Problem.damaged("unreadable contents")
        }
    }
}
