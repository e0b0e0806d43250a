import Foundation

/// The e-mail digests a build wrote to `OUTPUT/email/`, one `YYYY-MM-DD.eml` per snapshot, for
/// `waterfall email`: the message mailed is byte for byte the one published beside the site.
public struct BuiltDigests: Sendable {
    enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case noDigests(folder: String)
        case badWeek(String)
        case noSuchWeek(week: String, folder: String, weeks: [String])
        case unreadable(path: String, reason: String)

        var description: String {
            switch self {
            case let .noDigests(folder):
                return "\(folder): no e-mail digests (YYYY-MM-DD.eml) here. Build the site first (waterfall build), "
                    + "or name the built site's folder with --output."
            case let .badWeek(week):
                return "--week \(week): not a date. Write the snapshot date as YYYY-MM-DD, e.g. --week 2026-11-20."
            case let .noSuchWeek(week, folder, weeks):
                return "--week \(week): no snapshot has that date, so \(folder) has no digest for it. "
                    + "The weeks with a digest are: \(weeks.joined(separator: ", ")). Pass one of them, or leave --week out for the latest."
            case let .unreadable(path, reason):
                return "\(path): cannot read the digest (\(reason)). Check the file's permissions, or build the site again."
            }
        }
    }

    /// `OUTPUT/email`.
    var folder: String
    /// The snapshot dates with a digest, oldest first.
    var weeks: [String]

    /// Lists `output/email/`.
    public init(output: String) throws {
        folder = (output as NSString).appendingPathComponent("email")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let parser = DateParser(format: .iso)
        weeks = names.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }
            .filter { parser.parse($0)?.iso == $0 }.sorted()
        if weeks.isEmpty { throw Error.noDigests(folder: folder) }
    }

    /// The digest of `week` (`YYYY-MM-DD`), or of the latest week when nil, as built.
    public func message(week: String?) throws -> String {
        if let week, DateParser(format: .iso).parse(week)?.iso != week { throw Error.badWeek(week) }
        let chosen = week ?? weeks.last!
        guard weeks.contains(chosen) else { throw Error.noSuchWeek(week: chosen, folder: folder, weeks: weeks) }
        let path = (folder as NSString).appendingPathComponent(chosen + ".eml")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Error.unreadable(path: path, reason: "it is missing or not readable")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
