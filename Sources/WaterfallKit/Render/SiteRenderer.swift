import Dispatch

/// Renders every file of the site from the computed metrics, as (relative path, contents): for each
/// snapshot its page set under `weeks/YYYY-MM-DD/`, the latest set again at the root, the weeks
/// list, the stylesheet and the `metrics.json` files. Pure: nothing here touches the file system.
public struct SiteRenderer: Sendable {
    public var config: SiteConfig
    public var metrics: [SnapshotMetrics]
    public var theme: Theme
    public var commentaries: Commentaries
    let format: Format
    let map: SiteMap

    public init(config: SiteConfig, metrics: [SnapshotMetrics], theme: Theme, commentaries: Commentaries = Commentaries()) {
        self.config = config
        self.metrics = metrics
        self.theme = theme
        self.commentaries = commentaries
        format = Format(currency: config.currency)
        map = SiteMap(config: config, metrics: metrics)
    }

    /// Files in a fixed order, so the same inputs give the same bytes.
    public func files() -> [(String, String)] {
        var files: [(String, String)] = theme.stylesheets.map { ($0.0, $0.1) }
        // Each week's page set and metrics.json are independent: render them on every core, then
        // keep the fixed order. The latest week is rendered twice: under weeks/ and at the root.
        let jobs = metrics.indices.map { (week: $0, atRoot: false) } + (metrics.isEmpty ? [] : [(week: metrics.count - 1, atRoot: true)])
        var rendered = Array(repeating: [(String, String)](), count: jobs.count)
        rendered.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
                let job = jobs[index]
                let json = MetricsJSON.document(metrics[job.week], config: config).serialized()
                let jsonPath = job.atRoot ? "data/metrics.json" : "weeks/\(metrics[job.week].snapshot.iso)/metrics.json"
                slots[index] = [(jsonPath, json)] + pages(ofWeek: job.week, atRoot: job.atRoot)
            }
        }
        files += rendered.joined()
        files.append((SiteMap.weeksIndex.file, weeksPage()))
        return files
    }

    /// Commentary files that no page shows, with the reason, as build warnings.
    public var unusedCommentaryWarnings: [String] {
        var pages: [(week: Day, dimension: String?, valueSlug: String?)] = []
        for (week, snapshot) in metrics.enumerated() {
            for scope in snapshot.scopes {
                let location = map.scopePage(scope.scope, week: week, base: .root, config: config)
                pages.append((snapshot.snapshot, scope.scope.dimension, scope.scope.dimension == nil ? nil : location?.folders.last))
            }
        }
        return commentaries.unused(pages: pages).map {
            "\($0): no page shows this commentary: no snapshot has that date, or no record that dimension value. "
                + "Name it commentary/YYYY-MM-DD.md or commentary/YYYY-MM-DD/DIMENSION/VALUE-SLUG.md."
        }
    }

    /// How many HTML pages `files()` renders.
    public var pageCount: Int {
        let perWeek = metrics.map { $0.scopes.count + config.dimensions.count + 2 }
        return perWeek.reduce(0, +) + (perWeek.last ?? 0) + 1
    }
}

// MARK: - One week's pages

extension SiteRenderer {
    func pages(ofWeek week: Int, atRoot: Bool) -> [(String, String)] {
        let snapshot = metrics[week]
        let base = SiteMap.base(of: snapshot.snapshot, atRoot: atRoot)
        let previousScopes = week > 0 ? Dictionary(metrics[week - 1].scopes.map { ($0.scope.key, $0) }, uniquingKeysWith: { a, _ in a }) : [:]
        var pages: [(String, String)] = []
        for scope in snapshot.scopes {
            guard let location = map.scopePage(scope.scope, week: week, base: base, config: config) else { continue }
            let model = ScopeViewModel(config: config, format: format, snapshot: snapshot,
                                       previous: previousScopes[scope.scope.key], hasPreviousSnapshot: week > 0)
            let valueSlug = location.folders.last
            let commentary = commentaries.commentary(week: snapshot.snapshot, dimension: scope.scope.dimension,
                                                     valueSlug: scope.scope.dimension == nil ? nil : valueSlug)
            var fields = chrome(week: week, location: location, scope: scope.scope, title: title(of: scope.scope))
            fields["scope"] = model.fields(for: scope, commentary: commentary)
            let siblings = siblings(of: scope.scope, week: week, base: base, from: location)
            if !siblings.isEmpty {
                fields["siblings"] = siblings
                fields["hasSiblings"] = true
            }
            pages.append((location.file, theme.render("scope", fields)))
        }
        for (index, dimension) in config.dimensions.enumerated() {
            let location = map.dimensionIndex(index, base: base)
            var fields = chrome(week: week, location: location, scope: Scope(dimension: dimension, value: nil),
                                title: "By \(dimension)")
            fields["dimension"] = dimensionIndex(index, week: week, base: base, from: location)
            pages.append((location.file, theme.render("dimension", fields)))
        }
        let definitions = base.appending("definitions")
        var fields = chrome(week: week, location: definitions, scope: nil, title: "Definitions")
        fields["definitions"] = self.definitions(snapshot)
        pages.append((definitions.file, theme.render("definitions", fields)))
        let quality = base.appending("data-quality")
        fields = chrome(week: week, location: quality, scope: nil, title: "Data quality")
        fields["quality"] = dataQuality(week: week, from: quality)
        pages.append((quality.file, theme.render("data-quality", fields)))
        return pages
    }

    func title(of scope: Scope) -> String {
        guard let dimension = scope.dimension, let value = scope.value else { return "Company overview" }
        return "\(value) (\(dimension))"
    }
}

// MARK: - Layout: navigation, breadcrumbs, as-of

extension SiteRenderer {
    /// What the layout shows on every page: title, as-of date and windows, navigation, breadcrumbs,
    /// links to the previous and next week, the permanent link.
    func chrome(week: Int, location: PageLocation, scope: Scope?, title: String) -> Fields {
        let snapshot = metrics[week]
        let atRoot = location.folders.first != "weeks"
        let base = SiteMap.base(of: snapshot.snapshot, atRoot: atRoot)
        let windows = snapshot.windows
        var nav: [Fields] = [navItem("Overview", base, from: location, current: scope == Scope.company)]
        for (index, dimension) in config.dimensions.enumerated() {
            nav.append(navItem("By \(dimension)", map.dimensionIndex(index, base: base), from: location,
                               current: scope?.dimension == dimension))
        }
        nav.append(navItem("Definitions", base.appending("definitions"), from: location, current: title == "Definitions"))
        nav.append(navItem("Data quality", base.appending("data-quality"), from: location, current: title == "Data quality"))
        nav.append(navItem("All weeks", SiteMap.weeksIndex, from: location, current: false))

        var crumbs: [Fields] = [["label": config.company, "href": location.href(to: base), "current": false]]
        if let dimension = scope?.dimension, scope?.value != nil, let index = config.dimensions.firstIndex(of: dimension) {
            crumbs.append(["label": "By \(dimension)", "href": location.href(to: map.dimensionIndex(index, base: base)), "current": false])
        }
        crumbs.append(["label": scope?.value ?? title, "current": true])
        if scope == Scope.company { crumbs = [["label": config.company, "current": true]] }

        var fields: Fields = [
            "title": title,
            "company": config.company,
            "stylesheet": location.href(toFile: "style.css"),
            "asOf": Format.date(snapshot.snapshot),
            "asOfISO": snapshot.snapshot.iso,
            "quarter": windows.quarter.label,
            "windows": [
                ["label": "Week", "range": Format.range(windows.week)] as Fields,
                ["label": "Quarter to date", "range": Format.range(windows.qtd)],
                ["label": "13 weeks", "range": Format.range(windows.t13)],
            ],
            "nav": nav,
            "breadcrumbs": crumbs,
            "metricsHref": location.href(toFile: "weeks/\(snapshot.snapshot.iso)/metrics.json"),
            "weeksHref": location.href(to: SiteMap.weeksIndex),
            "definitionsHref": location.href(to: base.appending("definitions")),
            "qualityHref": location.href(to: base.appending("data-quality")),
        ]
        let relative = Array(location.folders.dropFirst(base.folders.count))
        func counterpart(_ other: Int) -> PageLocation {
            let otherBase = SiteMap.base(of: metrics[other].snapshot, atRoot: false)
            if let scope, scope.value != nil {
                return map.scopePage(scope, week: other, base: otherBase, config: config)
                    ?? map.dimensionIndex(config.dimensions.firstIndex(of: scope.dimension!)!, base: otherBase)
            }
            return PageLocation(folders: otherBase.folders + relative)
        }
        if week > 0 {
            fields["previousWeek"] = ["label": Format.date(metrics[week - 1].snapshot), "href": location.href(to: counterpart(week - 1))] as Fields
        }
        if week + 1 < metrics.count {
            fields["nextWeek"] = ["label": Format.date(metrics[week + 1].snapshot), "href": location.href(to: counterpart(week + 1))] as Fields
        }
        if atRoot {
            fields["permalink"] = location.href(to: counterpart(week))
        } else if week == metrics.count - 1 {
            fields["isLatest"] = true
        } else {
            fields["latestHref"] = location.href(to: .root)
        }
        return fields
    }

    func navItem(_ label: String, _ target: PageLocation, from location: PageLocation, current: Bool) -> Fields {
        ["label": label, "href": location.href(to: target), "current": current]
    }

    /// The other values of the same dimension, for moving sideways between scopes.
    func siblings(of scope: Scope, week: Int, base: PageLocation, from location: PageLocation) -> [Fields] {
        guard let dimension = scope.dimension else { return [] }
        return metrics[week].scopes.filter { $0.scope.dimension == dimension }.compactMap { other in
            guard let target = map.scopePage(other.scope, week: week, base: base, config: config) else { return nil }
            return ["label": other.scope.value ?? "", "href": location.href(to: target), "current": other.scope == scope]
        }
    }
}
