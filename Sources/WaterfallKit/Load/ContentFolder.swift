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
    }

    /// Lists the snapshot files, rejecting any whose name is not a `YYYY-MM-DD.csv` date.
    public init(root: String) throws {
        self.root = root
        let folder = (root as NSString).appendingPathComponent("snapshots")
        let display = displayPath(root, "snapshots")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ContentError.noSnapshots(folder: display)
        }
        let listed: [String]
        do {
            listed = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            // No Foundation error text reaches the user: name the folder and the fix.
            throw ContentError.unreadable(path: display, reason: "cannot list the folder: \((error as NSError).localizedFailureReason ?? "permission denied")")
        }
        let names = listed
            .filter { !$0.hasPrefix(".") }
            .sorted()
        snapshots = try names.map { name in
            let relative = "snapshots/" + name
            guard name.hasSuffix(".csv"), name.utf8.count == 14,
                  let date = DateParser(format: .iso).parse(String(name.dropLast(4))) else {
                throw ContentError.badSnapshotName(path: displayPath(root, relative))
            }
            return SnapshotFile(date: date, relativePath: relative, path: (folder as NSString).appendingPathComponent(name))
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
