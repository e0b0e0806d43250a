import Foundation

/// Writes the content folder `waterfall init` proposes: `site.yml` and the export copied into
/// `snapshots/`. Never overwrites a file, and refuses a folder that holds files unless forced.
public enum InitWriter {
    enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case notEmpty(path: String)
        case exists(path: String)
        case cannotWrite(path: String, reason: String)

        var description: String {
            switch self {
            case let .notEmpty(path):
                return "\(path): the folder already holds files. Choose another folder with --out, or pass --force to add "
                    + "site.yml and the snapshot beside them (init never overwrites a file)."
            case let .exists(path):
                return "\(path): already exists, and init never overwrites a file. Move it away, or choose another folder with --out."
            case let .cannotWrite(path, reason):
                return "\(path): cannot write (\(reason)). Check that the folder is writable."
            }
        }
    }

    /// Writes `folder/site.yml` and copies `export` to `folder/snapshots/DATE.csv`; returns their paths.
    /// On failure nothing it created is left behind.
    @discardableResult
    public static func write(siteYAML: String, export: String, date: Day, to folder: String, force: Bool) throws -> [String] {
        let manager = FileManager.default
        let existing = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
        guard existing.isEmpty || force else { throw Error.notEmpty(path: folder) }
        let site = (folder as NSString).appendingPathComponent("site.yml")
        let snapshots = (folder as NSString).appendingPathComponent("snapshots")
        let snapshot = (snapshots as NSString).appendingPathComponent(date.iso + ".csv")
        for path in [site, snapshot] where manager.fileExists(atPath: path) { throw Error.exists(path: path) }
        var created: [String] = []
        do {
            for directory in [folder, snapshots] where !manager.fileExists(atPath: directory) {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
                created.append(directory)
            }
            try manager.copyItem(atPath: export, toPath: snapshot)
            created.append(snapshot)
            try Data(siteYAML.utf8).write(to: URL(fileURLWithPath: site), options: .withoutOverwriting)
            created.append(site)
        } catch {
            for path in created.reversed() { try? manager.removeItem(atPath: path) }
            throw Error.cannotWrite(path: created.last ?? folder, reason: (error as NSError).localizedFailureReason
                ?? (error as NSError).localizedDescription)
        }
        return [site, snapshot]
    }
}
