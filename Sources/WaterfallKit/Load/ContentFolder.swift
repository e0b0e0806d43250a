import Foundation

/// The files of a `content/` folder (SPEC §1), found on disk.
public struct ContentFolder: Sendable {
    var root: String
    /// Snapshot exports in date order.
    var snapshots: [SnapshotFile]

    struct SnapshotFile: Sendable, Equatable {
        var date: Day
        /// Relative to the content folder: `snapshots/2026-11-20.csv`.
        var relativePath: String
        var path: String
        /// The archived quarter whose bag this file is read from, when it was pruned from `content/`.
        var archivedIn: String?
    }

    /// Lists the snapshot files, rejecting any whose name is neither a `YYYY-MM-DD.csv` date nor
    /// matches `snapshotNames`, and two files for one date. A snapshot that an archived quarter holds
    /// and `content/` no longer does (it was pruned, SPEC §10) is read from the earliest bag that
    /// holds it, so history, trends and week pages stay as they were.
    init(root: String, snapshotNames: SnapshotNamePattern? = nil, archive: ArchiveFolder = ArchiveFolder()) throws {
        self.root = root
        let folder = (root as NSString).appendingPathComponent("snapshots")
        let display = displayPath(root, "snapshots")
        var isDirectory: ObjCBool = false
        var names: [String] = []
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
            } catch {
                // No Foundation error text reaches the user: name the folder and the fix.
                throw ContentError.unreadable(path: display, reason: "cannot list the folder: \((error as NSError).localizedFailureReason ?? "permission denied")")
            }
        } else if archive.quarters.isEmpty {
            throw ContentError.noSnapshots(folder: display)
        }
        var byDate: [Day: String] = [:]
        snapshots = try names.map { name in
            let relative = "snapshots/" + name
            guard let date = Self.snapshotDate(of: name, pattern: snapshotNames) else {
                throw ContentError.badSnapshotName(path: displayPath(root, relative), pattern: snapshotNames?.description)
            }
            if let other = byDate.updateValue(relative, forKey: date) {
                throw ContentError.twoSnapshotsForOneDate(date: date.iso, first: displayPath(root, other),
                                                          second: displayPath(root, relative))
            }
            return SnapshotFile(date: date, relativePath: relative, path: (folder as NSString).appendingPathComponent(name))
        }
        var dates = Set(snapshots.map(\.date))
        for quarter in archive.quarters {
            for date in quarter.snapshotDates where !dates.contains(date) {
                let relative = ArchiveLayout.snapshotPath(date)
                snapshots.append(SnapshotFile(date: date, relativePath: relative, path: quarter.path(ArchiveLayout.inputs + relative),
                                              archivedIn: quarter.quarter))
                dates.insert(date)
            }
        }
        guard !snapshots.isEmpty else { throw ContentError.noSnapshots(folder: display) }
        snapshots.sort { $0.date < $1.date }
    }

    /// The date of a snapshot file: `YYYY-MM-DD.csv`, or where `{date}` stands in the pattern.
    static func snapshotDate(of name: String, pattern: SnapshotNamePattern?) -> Day? {
        if let date = SnapshotNamePattern.plain.date(in: name) { return date }
        return pattern?.date(in: name)
    }

    /// The file's path for messages: under the content folder as the user named it.
    func display(_ relative: String) -> String { displayPath(root, relative) }

    /// Reads and validates `ROOT/site.yml` (before the snapshots are listed: it names their pattern).
    public static func loadConfig(root: String) throws -> SiteConfig {
        let path = (root as NSString).appendingPathComponent("site.yml")
        guard let data = FileManager.default.contents(atPath: path) else {
            // Not a content folder at all: say where the exports go first, as before site.yml named their pattern.
            var isDirectory: ObjCBool = false
            let snapshots = (root as NSString).appendingPathComponent("snapshots")
            if !FileManager.default.fileExists(atPath: snapshots, isDirectory: &isDirectory) || !isDirectory.boolValue {
                throw ContentError.noSnapshots(folder: displayPath(root, "snapshots"))
            }
            throw ContentError.missingFile(path: displayPath(root, "site.yml"),
                                           fix: "Create it with at least `company:`, `dimensions:` and `stages:` (see the README), run `waterfall init --from EXPORT.csv` to start from your export, or `waterfall demo` for an example.")
        }
        return try SiteConfig.parse(yaml: String(decoding: data, as: UTF8.self), file: displayPath(root, "site.yml"))
    }
}

func displayPath(_ root: String, _ relative: String) -> String {
    root == "." || root.isEmpty ? relative : (root.hasSuffix("/") ? root + relative : root + "/" + relative)
}
