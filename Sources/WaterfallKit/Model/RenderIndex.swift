import Foundation

/// What the build cache remembers of the site it last wrote: per week, the key of every input its
/// permanent pages were rendered from (`WeekRenderKey`) and the identity of each file written, so a
/// later build can carry unchanged weeks across as hard links instead of rendering them again.
///
/// Stored as JSON behind a header line with its SHA-256 (`waterfall-cache 1 HEX`): the index is
/// small (about 100 bytes a file of the site) and read once a build, so a readable format costs
/// nothing measurable, and the checksum catches a truncated or damaged file.
struct RenderIndex: Codable, Equatable, Sendable {
    /// Bumped when the layout changes; an index of another format is ignored.
    static let format = 1
    var format = RenderIndex.format
    /// Keyed by the week's snapshot date, `YYYY-MM-DD`.
    var weeks: [String: Week] = [:]

    struct Week: Codable, Equatable, Sendable {
        /// Hex SHA-256 of the week's inputs.
        var key: String
        /// Every file of the week's page set (`weeks/D/…`, `email/D.eml`), relative to the output.
        var files: [File]
    }

    struct File: Codable, Equatable, Sendable {
        var path: String
        var identity: FileIdentity
    }

    init(weeks: [String: Week] = [:]) { self.weeks = weeks }

    /// Why stored bytes were not used.
    enum Problem: Swift.Error, Equatable, CustomStringConvertible {
        case damaged(String)

        var description: String {
            switch self {
            case let .damaged(reason): return reason
            }
        }
    }

    static let header = "waterfall-cache \(format) "

    /// The stored form: the header line with the body's SHA-256, then the body.
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = Array(try encoder.encode(self))
        return Array((Self.header + SHA256Digest(of: body).hex + "\n").utf8) + body
    }

    /// Reads the stored form back, checking the header and the checksum.
    init(decoding bytes: [UInt8]) throws {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { throw Problem.damaged("no header line (truncated?)") }
        let header = String(decoding: bytes[..<newline], as: UTF8.self)
        guard header.hasPrefix(Self.header) else { throw Problem.damaged("another format or version (\(header.prefix(40)))") }
        let body = bytes[(newline + 1)...]
        guard SHA256Digest(of: body).hex == header.dropFirst(Self.header.count) else {
            throw Problem.damaged("checksum does not match its contents (truncated or damaged)")
        }
        do {
            self = try JSONDecoder().decode(RenderIndex.self, from: Data(body))
        } catch {
            throw Problem.damaged("unreadable contents")
        }
        guard format == Self.format else { throw Problem.damaged("another format") }
    }
}
