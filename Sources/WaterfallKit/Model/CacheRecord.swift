import Foundation

/// The stored form of every file in the build cache: one header line naming what it is, its
/// format, the body's length and its SHA-256 (`waterfall-cache KIND FORMAT LENGTH HEX`), then the
/// body: JSON, or `CompactEncoder`'s bytes for the snapshot entries a weekly build reads back for
/// every week. The length and checksum catch a truncated or damaged file; another kind or format is not read.
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
        let (header, body) = try encodeParts(value, kind: kind, format: format)
        return header + body
    }

    /// `encode`'s header line and body apart, so a large record is written without joining copies.
    static func encodeParts(_ value: some Encodable, kind: String, format: Int) throws -> (header: [UInt8], body: Data) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = try encoder.encode(value)
        return (headerLine(kind: kind, format: format, body: body), body)
    }

    /// `encodeParts` with the body in `CompactEncoder`'s binary form.
    static func encodeCompactParts(_ value: some Encodable, kind: String, format: Int) throws -> (header: [UInt8], body: Data) {
        let body = try CompactEncoder().encode(value)
        return (headerLine(kind: kind, format: format, body: body), Data(body))
    }

    /// A binary body (`BinaryColumns` layout) and its header line, as `pair` takes them.
    static func binaryParts(_ body: [UInt8], kind: String, format: Int) -> (header: [UInt8], body: Data) {
        (headerLine(kind: kind, format: format, body: body), Data(body))
    }

    /// The header line (with the SHA-256 of `body`), then `body`.
    static func wrap(_ body: [UInt8], kind: String, format: Int) -> [UInt8] {
        headerLine(kind: kind, format: format, body: body) + body
    }

    /// `waterfall-cache KIND FORMAT LENGTH HEX` and a line feed, LENGTH the bytes of `body`, HEX their SHA-256.
    static func headerLine(kind: String, format: Int, body: some Collection<UInt8>) -> [UInt8] {
        Array((header(kind: kind, format: format) + "\(body.count) " + SHA256Digest(of: body).hex + "\n").utf8)
    }

    /// Reads what `encode` wrote, checking the header, the checksum and the contents.
    static func decode<Value: Decodable>(_ type: Value.Type, kind: String, format: Int, from bytes: [UInt8]) throws -> Value {
        try decode(type, kind: kind, format: format, from: bytes[...])
    }

    static func decode<Value: Decodable>(_ type: Value.Type, kind: String, format: Int, from bytes: ArraySlice<UInt8>) throws -> Value {
        let body = try verified(kind: kind, format: format, bytes)
        do {
            return try JSONDecoder().decode(Value.self, from: Data(body))
        } catch {
            throw Problem.damaged("unreadable contents")
        }
    }

    /// Reads what `encodeCompactParts` wrote (a header line and a `CompactEncoder` body).
    static func decodeCompact<Value: Decodable>(_ type: Value.Type, kind: String, format: Int, from bytes: ArraySlice<UInt8>) throws -> Value {
        let body = try verified(kind: kind, format: format, bytes)
        do {
            return try CompactDecoder().decode(Value.self, from: body)
        } catch {
            throw Problem.damaged("unreadable contents")
        }
    }

    /// The body of a record after checking its header, length and checksum.
    static func verified(kind: String, format: Int, _ bytes: ArraySlice<UInt8>) throws -> ArraySlice<UInt8> {
        let (line, body) = try parts(bytes)
        let expected = header(kind: kind, format: format)
        guard line.hasPrefix(expected) else { throw Problem.damaged("another kind, format or version (\(line.prefix(60)))") }
        let fields = line.dropFirst(expected.count).split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 2 else { throw Problem.damaged("another kind, format or version (\(line.prefix(60)))") }
        guard Int(fields[0]) == body.count else { throw Problem.damaged("length does not match its contents (truncated?)") }
        guard SHA256Digest(of: body).hex == fields[1] else {
            throw Problem.damaged("checksum does not match its contents (truncated or damaged)")
        }
        return body
    }

    /// Two records stored one after the other; the first's header line gives its length.
    /// Handed over as the parts to write one after the other (`encodeParts` of each), so megabytes
    /// of a body are never joined into one more copy.
    static func pair(_ first: (header: [UInt8], body: Data), _ second: (header: [UInt8], body: Data)) -> [Data] {
        [Data(first.header), first.body, Data(second.header), second.body]
    }

    /// The two records of `pair`: the first ends where its header line's length says.
    static func split(_ bytes: [UInt8]) throws -> (first: ArraySlice<UInt8>, second: ArraySlice<UInt8>) {
        let (line, body) = try parts(bytes[...])
        guard let length = line.split(separator: " ").dropLast().last.flatMap({ Int($0) }), length >= 0, length <= body.count else {
            throw Problem.damaged("fewer than two records (truncated?)")
        }
        let end = body.startIndex + length
        return (bytes[..<end], bytes[end...])
    }

    /// A record's header line (as text) and the bytes after it.
    private static func parts(_ bytes: ArraySlice<UInt8>) throws -> (line: String, rest: ArraySlice<UInt8>) {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { throw Problem.damaged("no header line (truncated?)") }
        return (String(decoding: bytes[..<newline], as: UTF8.self), bytes[(newline + 1)...])
    }
}
