import Foundation

/// What the build cache remembers of the site it last wrote: per week, the key of every input its
/// permanent pages were rendered from (`WeekRenderKey`) and the identity of each file written, so a
/// later build can carry unchanged weeks across as hard links instead of rendering them again.
///
/// Stored behind a header line with its SHA-256 (`CacheRecord`), as plain lines rather than JSON:
/// `week DATE KEY`, then one `DEVICE INODE SIZE MTIME CTIME PATH` line per file of that week. With a
/// year of weeks that is thousands of files, and JSON's encoder and decoder took about 3 % of the
/// weekly incremental build (issue 10); the lines are still readable, and the checksum catches a
/// truncated or damaged file.
struct RenderIndex: Equatable, Sendable {
    /// Bumped when the layout changes; an index of another format is ignored.
    static let format = 3
    /// Keyed by the week's snapshot date, `YYYY-MM-DD`.
    var weeks: [String: Week] = [:]

    struct Week: Equatable, Sendable {
        /// Hex SHA-256 of the week's inputs.
        var key: String
        /// Every file of the week's page set (`weeks/D/…`, `email/D.eml`), relative to the output.
        var files: [File]
    }

    struct File: Equatable, Sendable {
        var path: String
        var identity: FileIdentity
    }

    init(weeks: [String: Week] = [:]) { self.weeks = weeks }

    static let kind = "render-index"

    /// The stored form: the `CacheRecord` header line, then the lines, weeks in date order. A week
    /// with a path holding a line break (Waterfall writes none) is left out: it is rendered next time.
    func encoded() -> [UInt8] {
        var body = ""
        for date in weeks.keys.sorted() {
            let week = weeks[date]!
            guard !week.files.contains(where: { $0.path.contains("\n") || $0.path.contains("\r") }) else { continue }
            body += "week \(date) \(week.key)\n"
            for file in week.files {
                let id = file.identity
                body += "\(id.device) \(id.inode) \(id.size) \(id.modified) \(id.changed) \(file.path)\n"
            }
        }
        return CacheRecord.wrap(Array(body.utf8), kind: Self.kind, format: Self.format)
    }

    /// Reads the stored form back, checking the header, the checksum and every line.
    init(decoding bytes: [UInt8]) throws {
        let body = try CacheRecord.verified(kind: Self.kind, format: Self.format, bytes[...])
        var current: (date: String, week: Week)?
        for line in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("week ") {
                let parts = text.split(separator: " ", maxSplits: 2)
                guard parts.count == 3 else { throw CacheRecord.Problem.damaged("unreadable week line") }
                if let current { weeks[current.date] = current.week }
                current = (String(parts[1]), Week(key: String(parts[2]), files: []))
                continue
            }
            let parts = text.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: false)
            guard current != nil, parts.count == 6, let device = UInt64(parts[0]), let inode = UInt64(parts[1]),
                  let size = Int64(parts[2]), let modified = Int64(parts[3]), let changed = Int64(parts[4]) else {
                throw CacheRecord.Problem.damaged("unreadable file line")
            }
            current!.week.files.append(File(path: String(parts[5]), identity: FileIdentity(
                device: device, inode: inode, size: size, modified: modified, changed: changed)))
        }
        if let current { weeks[current.date] = current.week }
    }
}
