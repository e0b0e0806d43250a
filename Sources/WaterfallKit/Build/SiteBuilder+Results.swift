import Foundation

// MARK: - From warehouse results

extension SiteBuilder {
    /// `check()` for `build --metrics`: every snapshot's metrics from the results file (SPEC §11),
    /// with `site.yml` and the commentary from the content folder; no snapshot is read.
    func checkResults(_ path: String, archive: ArchiveFolder) throws -> Checked {
        let started = Date()
        let config = try ContentFolder.loadConfig(root: options.content)
        let content = ContentFolder(withoutSnapshots: options.content)
        let commentaryFiles = try CommentaryLoader.load(from: content, archive: archive, restating: Set(options.restate))
        let commentaries = try Commentaries(files: commentaryFiles)
        progress?(path, 0)
        let metrics = try ResultsLoader.load(path: path, config: config)
        var report = BuildReport()
        report.snapshots = metrics.map(\.dataQuality)
        report.siteDiagnostics = SiteRenderer.unusedCommentary(commentaries, config: config, metrics: metrics)
            + SiteRenderer.digestDiagnostics(config: config)
        try failIfStrict(report)
        report.seconds = Date().timeIntervalSince(started)
        return Checked(config: config, metrics: metrics, commentaries: commentaries, report: report,
                       content: content, commentaryFiles: commentaryFiles)
    }
}
