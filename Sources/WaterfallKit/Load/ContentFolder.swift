import Foundation

/// The files of a `content/` folder (SPEC §1), found on disk.
public struct ContentFolder: Sendable {
    public var root: String
    /// Snapshot exports in date order.
    public var snapshots: [SnapshotFile]

    public struct SnapshotFile: Sendable, Equatable {
        public var date: Day
        /// Relative to the content folder: `snapshots/2026-11-20.csv`.
        public var relativePath: String
        public var path: String
        /// The archived quarter whose bag this file is read from, when it was pruned from `content/`.
        public var archivedIn: String?
    }

    /// Lists the snapshot files, rejecting any whose name is not a `YYYY-MM-DD.csv` date. A snapshot
    /// that an archived quarter holds and `content/` no longer does (it was pruned, SPEC §10) is
    /// read from the earliest bag that holds it, so history, trends and week pages stay as they were.
    public init(root: String, archive: ArchiveFolder = ArchiveFolder()) throws {
        self.root = root
        let folder = (root as NSString).appendingPathComponent("snapshots")
        let display = displayPath(root, "snapshots")
        var isDirectory: ObjCBool = false
        var names: [String] = []
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        } else if archive.quarters.isEmpty {
            throw ContentError.noSnapshots(folder: display)
        }
        snapshots = try names.map { name in
            let relative = "snapshots/" + name
            guard name.hasSuffix(".csv"), name.utf8.count == 14,
                  let date = DateParser(format: .iso).parse(String(name.dropLast(4))) else {
                throw ContentError.badSnapshotName(path: displayPath(root, relative))
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

    /// The file's path for messages: under the content folder as the user named it.
    public func display(_ relative: String) -> String { displayPath(root, relative) }

    /// Reads and validates `site.yml`.
    public func loadConfig() throws -> SiteConfig {
        let path = (root as NSString).appendingPathComponent("site.yml")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ContentError.missingFile(path: display("site.yml"),
                                           fix: "Create it with at least `company:`, `dimensions:` and `stages:` (see the README), or run `waterfall demo` for an example.")
        }
        return try SiteConfig.parse(yaml: String(decoding: data, as: UTF8.self), file: display("site.yml"))
    }
}

func displayPath(_ root: String, _ relative: String) -> String {
    root == "." || root.isEmpty ? relative : (root.hasSuffix("/") ? root + relative : root + "/" + relative)
}
