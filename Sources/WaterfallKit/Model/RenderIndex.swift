import Foundation

/// What the build cache remembers of the site it last wrote: per week, the key of every input its
/// permanent pages were rendered from (`WeekRenderKey`) and the identity of each file written, so a
/// later build can carry unchanged weeks across as hard links instead of rendering them again.
///
/// Stored as JSON behind a header line with its SHA-256 (`CacheRecord`): the index is
/// small (about 100 bytes a file of the site) and read once a build, so a readable format costs
/// nothing measurable, and the checksum catches a truncated or damaged file.
struct RenderIndex: Codable, Equatable, Sendable {
    /// Bumped when the layout changes; an index of another format is ignored.
    static let format = 2
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

    static let kind = "render-index"

    /// The stored form (`CacheRecord`): a header line with the body's SHA-256, then the body.
    func encoded() throws -> [UInt8] { try CacheRecord.encode(self, kind: Self.kind, format: Self.format) }

    /// Reads the stored form back, checking the header and the checksum.
    init(decoding bytes: [UInt8]) throws {
        self = try CacheRecord.decode(RenderIndex.self, kind: Self.kind, format: Self.format, from: bytes)
    }
}
