import Foundation

/// Reads warehouse results (`waterfall build --metrics RESULTS.csv`, SPEC §11) into every snapshot's metrics.
enum ResultsLoader {
    /// The metrics of every snapshot in the results file, assembled with `config` (the `site.yml`
    /// the statement of `waterfall sql` was generated from).
    static func load(path: String, config: SiteConfig) throws -> [SnapshotMetrics] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ContentError.missingFile(path: path, fix: "Export the result of `waterfall sql` as CSV with a header "
                + "(docs/warehouse.md) and pass its path to --metrics")
        }
        let rows = try LongFormat.readRows(FileByteSource(path: path), file: path)
        return try LongFormat.assemble(rows, config: config, file: path)
    }
}

extension ContentFolder {
    /// A content folder read for `site.yml`, `targets.csv` and commentary only: its snapshots, if
    /// any, are not read (the figures come from warehouse results).
    init(withoutSnapshots root: String) {
        self.root = root
        snapshots = []
    }
}
