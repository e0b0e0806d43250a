/// Reading what `waterfall explain` needs from a content folder.
extension Explainer {
    /// Loads `site.yml`, `targets.csv`, the snapshot of `week` (default: the latest) and the one
    /// before it, and computes that snapshot's metrics. With `output`, snapshots pruned from
    /// `content/` are read from that output folder's `archive/`, as the build reads them (SPEC §10).
    public static func load(content root: String, week: String? = nil, output: String? = nil) throws -> Explainer {
        // The settings first: their `snapshot_names:` says which files are snapshots (the CRM's
        // own export names, as `init` writes it).
        let config = try ContentFolder.loadConfig(root: root)
        // Another company's archive (an `output/` left from another site) is not read: explaining a
        // week still in `content/` works as without one; a week only that archive holds is refused
        // with the build's message about it.
        let archive = try output.map { try ArchiveFolder(root: displayPath($0, OutputDirectory.archiveFolder)) } ?? ArchiveFolder()
        let sameCompany = (try? archive.checkCompany(config.company, contentRoot: root)) != nil
        let content = try ContentFolder(root: root, snapshotNames: config.snapshotNames, archive: sameCompany ? archive : ArchiveFolder())
        let targets = try TargetsLoader.load(from: content, config: config)
        let files = content.snapshots
        var position = files.count - 1
        if let week {
            let date = DateParser(format: .iso).parse(week)
            guard let date, let found = files.firstIndex(where: { $0.date == date }) else {
                if let date, archive.quarters.contains(where: { $0.snapshotDates.contains(date) }) {
                    try archive.checkCompany(config.company, contentRoot: root)
                }
                throw Error.unknownWeek(week: week, snapshots: files.map(\.date))
            }
            position = found
        }
        func load(_ file: ContentFolder.SnapshotFile) throws -> Snapshot {
            // An archived snapshot is named where it is, in its quarter's bag.
            try SnapshotLoader.load(file, displayPath: file.archivedIn == nil ? content.display(file.relativePath) : file.path,
                                    config: config)
        }
        let previous = position > 0 ? try load(files[position - 1]) : nil
        return try Explainer(config: config, targets: targets, current: try load(files[position]), previous: previous)
    }
}
