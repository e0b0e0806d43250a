/// Reading what `waterfall explain` needs from a content folder.
extension Explainer {
    /// Loads `site.yml`, `targets.csv`, the snapshot of `week` (default: the latest) and the one
    /// before it, and computes that snapshot's metrics.
    public static func load(content root: String, week: String? = nil) throws -> Explainer {
        // The settings first: their `snapshot_names:` says which files are snapshots (the CRM's
        // own export names, as `init` writes it).
        let config = try ContentFolder.loadConfig(root: root)
        let content = try ContentFolder(root: root, snapshotNames: config.snapshotNames)
        let targets = try TargetsLoader.load(from: content, config: config)
        let files = content.snapshots
        var position = files.count - 1
        if let week {
            guard let date = DateParser(format: .iso).parse(week), let found = files.firstIndex(where: { $0.date == date }) else {
                throw Error.unknownWeek(week: week, snapshots: files.map(\.date))
            }
            position = found
        }
        func load(_ file: ContentFolder.SnapshotFile) throws -> Snapshot {
            try SnapshotLoader.load(file, displayPath: content.display(file.relativePath), config: config)
        }
        let previous = position > 0 ? try load(files[position - 1]) : nil
        return try Explainer(config: config, targets: targets, current: try load(files[position]), previous: previous)
    }
}
