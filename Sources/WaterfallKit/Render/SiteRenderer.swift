/// Renders every file of the site from the computed metrics, as (relative path, contents).
public struct SiteRenderer {
    public var config: SiteConfig
    public var metrics: [SnapshotMetrics]

    public init(config: SiteConfig, metrics: [SnapshotMetrics]) {
        self.config = config
        self.metrics = metrics
    }

    /// Files in a fixed order, so the same inputs give the same bytes.
    public func files() -> [(String, String)] {
        var files: [(String, String)] = []
        for snapshot in metrics {
            let json = MetricsJSON.document(snapshot, config: config).serialized()
            files.append(("weeks/\(snapshot.snapshot.iso)/metrics.json", json))
        }
        if let latest = metrics.last {
            files.append(("data/metrics.json", MetricsJSON.document(latest, config: config).serialized()))
        }
        files.append(("index.html", minimalIndex()))
        return files
    }

    /// A plain page linking the data files, until the full site lands.
    func minimalIndex() -> String {
        var html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(config.company.htmlEscaped) — pipeline waterfall</title></head>
        <body>
        <h1>\(config.company.htmlEscaped) — pipeline waterfall</h1>
        <ul>

        """
        if let latest = metrics.last {
            html += "<li><a href=\"data/metrics.json\">Latest metrics (\(latest.snapshot.iso))</a></li>\n"
        }
        for snapshot in metrics.reversed() {
            html += "<li><a href=\"weeks/\(snapshot.snapshot.iso)/metrics.json\">Week of \(snapshot.snapshot.iso)</a></li>\n"
        }
        html += "</ul>\n</body>\n</html>\n"
        return html
    }
}
