import Dispatch

/// Renders every file of the site from the computed metrics, as (relative path, contents): for each
/// snapshot its page set under `weeks/YYYY-MM-DD/`, the latest set again at the root, the weeks
/// list, the stylesheet and the `metrics.json` files. Pure: nothing here touches the file system.
struct SiteRenderer: Sendable {
    var config: SiteConfig
    var metrics: [SnapshotMetrics]
    var theme: Theme
    var commentaries: Commentaries
    /// The build's own diagnostics (`BuildReport.siteDiagnostics`): shown in the root copies of the
    /// latest week's data quality and `data/metrics.json` only, so `weeks/D/` never changes with them.
    var siteDiagnostics: [Diagnostic]
    /// The snapshot before the first of `metrics` when the site shows a part of the history (an
    /// archived quarter): the first week's changes are against it, as on the main site.
    var before: SnapshotMetrics?
    var placement: Placement
    let format: Format
    let map: SiteMap

    /// Where the pages are published.
    enum Placement: Sendable, Equatable {
        /// The main site; `hasArchive` when `archive/index.html` exists beside it, for the navigation.
        case main(hasArchive: Bool)
        /// The frozen copy of a closed quarter inside its bag, which links nowhere outside itself.
        case archived(quarter: String)
    }

    init(config: SiteConfig, metrics: [SnapshotMetrics], theme: Theme, commentaries: Commentaries = Commentaries(),
                siteDiagnostics: [Diagnostic] = [], before: SnapshotMetrics? = nil, placement: Placement = .main(hasArchive: false)) {
        self.config = config
        self.metrics = metrics
        self.theme = theme
        self.commentaries = commentaries
        self.siteDiagnostics = siteDiagnostics
        self.before = before
        self.placement = placement
        format = Format(currency: config.currency)
        map = SiteMap(config: config, metrics: metrics)
    }

    /// Files in a fixed order, so the same inputs give the same bytes: the stylesheets, then per
    /// week its `metrics.json` and pages, then the latest week again at the root, then the weeks
    /// list, then each week's e-mail digest (`email/YYYY-MM-DD.eml`).
    func files() -> [(String, String)] {
        var files: [(String, String)] = []
        render { files.append(($0, String(decoding: $1, as: UTF8.self))) }
        return files
    }

    /// Renders the files of `files()`, in its order, handing each to `sink` as soon as its week is
    /// rendered, so at most one week's pages are in memory. The weeks in `carried` (their
    /// `weeks/D/` and `email/D.eml` are carried from the live site) are not rendered, except the
    /// latest week's root copies, which are rendered always.
    ///
    /// Files are handed over as bytes, turned from text on the render threads: metrics.json is
    /// written as bytes from the start.
    func render(carrying carried: Set<Int> = [], to sink: (String, [UInt8]) throws -> Void) rethrows {
        for file in filesBeforeTheWeeks() { try sink(file.path, file.contents) }
        for week in metrics.indices {
            // Every page and metrics.json is its own job, so both cores stay busy; a job renders
            // the latest week's page twice (under weeks/ and at the root) from one view model.
            let jobs = renderJobs(week: week, carried: carried.contains(week))
            guard !jobs.isEmpty else { continue }
            let previousScopes = previousScopes(week: week)
            var rendered = Array(repeating: [RenderedFile](), count: jobs.count)
            rendered.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let slots = buffer
                DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
                    slots[index] = render(jobs[index], previousScopes: previousScopes)
                }
            }
            for atRoot in [false, true] {
                for output in rendered.joined() where output.atRoot == atRoot {
                    try sink(output.file, output.contents)
                }
            }
        }
        for file in filesAfterTheWeeks(carrying: carried) { try sink(file.path, file.contents) }
    }

    /// The files of `render(carrying:to:)`, each handed to `sink` on the render thread that made it,
    /// several at once and in no fixed order, as soon as it is rendered (issue 10: written one at a
    /// time after each week, the writes were a third of a 2 × 1M build's render and write). A root
    /// copy with the same bytes as the copy under `weeks/` names that copy (`SiteFile.sameAs`),
    /// handed over before it. The first error stops the rendering and is thrown.
    func render(carrying carried: Set<Int> = [], concurrently sink: @Sendable (SiteFile) throws -> Void) throws {
        for file in filesBeforeTheWeeks() { try sink(file) }
        let failure = FirstFailure()
        for week in metrics.indices {
            let jobs = renderJobs(week: week, carried: carried.contains(week))
            let previousScopes = previousScopes(week: week)
            let renderer = self
            DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
                guard !failure.happened else { return }
                do {
                    for file in renderer.render(jobs[index], previousScopes: previousScopes) {
                        try sink(SiteFile(path: file.file, contents: file.contents, sameAs: file.sameAs))
                    }
                } catch {
                    failure.record(error)
                }
            }
            try failure.rethrow()
        }
        for file in filesAfterTheWeeks(carrying: carried) { try sink(file) }
    }

    /// The stylesheets and the favicon.
    private func filesBeforeTheWeeks() -> [SiteFile] {
        theme.stylesheets.map { SiteFile(path: $0.0, contents: Array($0.1.utf8)) }
            + [SiteFile(path: Favicon.file, contents: Array(Favicon.svg.utf8))]
    }

    /// The weeks list, and the e-mail digest of each week not carried.
    private func filesAfterTheWeeks(carrying carried: Set<Int>) -> [SiteFile] {
        [SiteFile(path: SiteMap.weeksIndex.file, contents: Array(weeksPage().utf8))]
            + metrics.indices.filter { !carried.contains($0) }.map { week in
                SiteFile(path: Self.digestFile(metrics[week].snapshot),
                         contents: Array(digest(week: week).message(base: digestBase).serialized.utf8))
            }
    }

    /// The scopes of the week before `week` by key, for the changes a page shows.
    private func previousScopes(week: Int) -> [String: ScopeMetrics] {
        (week > 0 ? metrics[week - 1] : before).map {
            Dictionary($0.scopes.map { ($0.scope.key, $0) }, uniquingKeysWith: { a, _ in a })
        } ?? [:]
    }

    /// The files of a week's permanent page set, as `render(carrying:to:)` writes them: everything
    /// under this prefix, and the digest file.
    static func weekFiles(_ snapshot: Day) -> (folder: String, digest: String) {
        ("weeks/\(snapshot.iso)/", digestFile(snapshot))
    }

    /// Commentary files that no page shows, with the reason (W10). Needs no theme: `check` reports them too.
    static func unusedCommentary(_ commentaries: Commentaries, config: SiteConfig, metrics: [SnapshotMetrics]) -> [Diagnostic] {
        let map = SiteMap(config: config, metrics: metrics)
        var pages: [(week: Day, dimension: String?, valueSlug: String?)] = []
        for (week, snapshot) in metrics.enumerated() {
            for scope in snapshot.scopes {
                let location = map.scopePage(scope.scope, week: week, base: .root, config: config)
                pages.append((snapshot.snapshot, scope.scope.dimension, scope.scope.dimension == nil ? nil : location?.folders.last))
            }
        }
        return commentaries.unused(pages: pages).map {
            Diagnostic(code: .w10, location: DiagnosticLocation(file: $0),
                       message: "no page shows this commentary: no snapshot has that date, or no record that dimension value",
                       fix: "Name it commentary/YYYY-MM-DD.md or commentary/YYYY-MM-DD/DIMENSION/VALUE-SLUG.md")
        }
    }

    /// Commentary links that lead to no file of the site (`siteFiles`: every path of the built
    /// site, `/`-separated), as W13 naming the commentary file, the link and the page.
    func commentaryLinkWarnings(siteFiles: Set<String>) -> [Diagnostic] {
        var broken: [String: [String]] = [:]
        var order: [String] = []
        for (week, snapshot) in metrics.enumerated() {
            for scope in snapshot.scopes {
                let weekLocation = map.scopePage(scope.scope, week: week, base: SiteMap.base(of: snapshot.snapshot, atRoot: false), config: config)
                let valueSlug = scope.scope.dimension == nil ? nil : weekLocation?.folders.last
                guard let commentary = commentaries.commentary(week: snapshot.snapshot, dimension: scope.scope.dimension, valueSlug: valueSlug),
                      let file = commentaries.file(week: snapshot.snapshot, dimension: scope.scope.dimension, valueSlug: valueSlug) else { continue }
                let copies = week == metrics.count - 1 ? [false, true] : [false]
                for atRoot in copies {
                    guard let page = map.scopePage(scope.scope, week: week, base: SiteMap.base(of: snapshot.snapshot, atRoot: atRoot), config: config) else { continue }
                    for link in commentary.internalLinks {
                        let targets = SiteLink(link).targets(fromPageIn: page.folders) ?? []
                        guard !targets.contains(where: siteFiles.contains) else { continue }
                        let key = file + "\u{0}" + link
                        if broken[key] == nil { order.append(key) }
                        broken[key, default: []].append(page.file)
                    }
                }
            }
        }
        return order.map { key in
            let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            return Diagnostic(code: .w13, location: DiagnosticLocation(file: parts[0]),
                              message: "commentary link `\(parts[1])` leads to no file of the site (on \(broken[key]!.joined(separator: " and ")))",
                              fix: "Write links to the site's own pages from the site root, starting with `/` (`/definitions/`, `/weeks/`), or fix the path")
        }
    }

    /// How many HTML pages `render(carrying:to:)` renders.
    func pageCount(carrying carried: Set<Int> = []) -> Int {
        let perWeek = metrics.map { $0.scopes.count + config.dimensions.count + 2 }
        let weeks = perWeek.indices.filter { !carried.contains($0) }.reduce(0) { $0 + perWeek[$1] }
        return weeks + (perWeek.last ?? 0) + 1
    }
}

// MARK: - One week's pages

extension SiteRenderer {
    /// One file of a week's page set.
    enum Page {
        case metricsJSON
        case scope(Int)
        case dimensionIndex(Int)
        case definitions
        case dataQuality
    }

    /// A file of one week's page set, rendered: at the root or under `weeks/`, its path, its bytes,
    /// and for a root copy with the same bytes as the copy under `weeks/`, that copy's path.
    typealias RenderedFile = (atRoot: Bool, file: String, contents: [UInt8], sameAs: String?)

    /// A page of one week, rendered under `weeks/` and, for the latest week, at the root too.
    struct RenderJob {
        var week: Int
        var page: Page
        var copies: [Bool]
    }

    /// A week's files in site order; only the root copies of a carried week (none unless it is the latest).
    func renderJobs(week: Int, carried: Bool) -> [RenderJob] {
        let latest = week == metrics.count - 1
        let copies = carried ? (latest ? [true] : []) : (latest ? [false, true] : [false])
        guard !copies.isEmpty else { return [] }
        let pages: [Page] = [.metricsJSON] + metrics[week].scopes.indices.map(Page.scope)
            + config.dimensions.indices.map(Page.dimensionIndex) + [.definitions, .dataQuality]
        return pages.map { RenderJob(week: week, page: $0, copies: copies) }
    }

    func render(_ job: RenderJob, previousScopes: [String: ScopeMetrics]) -> [RenderedFile] {
        let week = job.week, snapshot = metrics[week]
        switch job.page {
        case .metricsJSON:
            let json = MetricsJSON.document(snapshot, config: config).serializedBytes()
            let weekFile = "weeks/\(snapshot.snapshot.iso)/metrics.json"
            return job.copies.map { atRoot in
                guard atRoot else { return (false, weekFile, json, nil) }
                guard siteDiagnostics.isEmpty else {
                    return (true, "data/metrics.json", MetricsJSON.document(withSiteDiagnostics(snapshot), config: config).serializedBytes(), nil)
                }
                return (true, "data/metrics.json", json, job.copies.contains(false) ? weekFile : nil)
            }
        case let .scope(index):
            let scope = snapshot.scopes[index]
            let model = ScopeViewModel(config: config, format: format, snapshot: snapshot,
                                       previous: previousScopes[scope.scope.key], hasPreviousSnapshot: week > 0 || before != nil)
            let weekBase = SiteMap.base(of: snapshot.snapshot, atRoot: false)
            guard let weekLocation = map.scopePage(scope.scope, week: week, base: weekBase, config: config) else { return [] }
            let valueSlug = scope.scope.dimension == nil ? nil : weekLocation.folders.last
            let commentary = commentaries.commentary(week: snapshot.snapshot, dimension: scope.scope.dimension, valueSlug: valueSlug)
            var body = model.sections(for: scope).fields
            // Built from warehouse results there are no records to list (`build --metrics`).
            let lists = model.recordListsAvailable ? model.dealLists(scope) : DealLists()
            lists.add(to: &body)
            return job.copies.flatMap { atRoot -> [RenderedFile] in
                let base = SiteMap.base(of: snapshot.snapshot, atRoot: atRoot)
                guard let location = map.scopePage(scope.scope, week: week, base: base, config: config) else { return [] }
                var fields = chrome(week: week, location: location, scope: scope.scope, title: title(of: scope.scope)).fields
                var scopeFields = body
                scopeFields["commentary"] = commentary.map { CommentarySection($0, rootPrefix: location.rootPrefix).fields }
                fields["scope"] = scopeFields
                if let dimension = scope.scope.dimension, let index = config.dimensions.firstIndex(of: dimension) {
                    let neighbours = neighbours(of: scope.scope, week: week, base: base, from: location)
                    var value: Fields = ["dimension": config.label(ofDimension: dimension),
                                         "indexHref": location.href(to: map.dimensionIndex(index, base: base))]
                    value["previous"] = neighbours.previous?.fields ?? false
                    value["next"] = neighbours.next?.fields ?? false
                    fields["value"] = value
                }
                let folder = location.folders.map { $0 + "/" }.joined()
                // The deal lists' bytes do not depend on where the page is: a root copy names the week's.
                let weekFolder = atRoot && job.copies.contains(false) ? weekLocation.folders.map { $0 + "/" }.joined() : nil
                return [(atRoot, location.file, Array(theme.render("scope", fields).utf8), nil)]
                    + lists.files.map { file in (atRoot, folder + file.name, file.contents, weekFolder.map { $0 + file.name }) }
            }
        case let .dimensionIndex(index):
            return job.copies.map { atRoot in
                let base = SiteMap.base(of: snapshot.snapshot, atRoot: atRoot)
                let location = map.dimensionIndex(index, base: base)
                var fields = chrome(week: week, location: location, scope: Scope(dimension: config.dimensions[index], value: nil),
                                    title: "By \(config.label(ofDimension: config.dimensions[index]))").fields
                fields["dimension"] = dimensionIndex(index, week: week, base: base, from: location).fields
                return (atRoot, location.file, Array(theme.render("dimension", fields).utf8), nil)
            }
        case .definitions:
            let definitions = self.definitions(snapshot)
            return job.copies.map { atRoot in
                let location = SiteMap.base(of: snapshot.snapshot, atRoot: atRoot).appending("definitions")
                var fields = chrome(week: week, location: location, scope: nil, title: "Definitions").fields
                fields["definitions"] = definitions.fields
                return (atRoot, location.file, Array(theme.render("definitions", fields).utf8), nil)
            }
        case .dataQuality:
            return job.copies.flatMap { atRoot in
                let quality = atRoot ? withSiteDiagnostics(snapshot).dataQuality : snapshot.dataQuality
                let location = SiteMap.base(of: snapshot.snapshot, atRoot: atRoot).appending("data-quality")
                var fields = chrome(week: week, location: location, scope: nil, title: "Data quality").fields
                fields["quality"] = dataQuality(week: week, quality: quality, from: location).fields
                let csvFile = { (atRoot: Bool) in SiteMap.base(of: snapshot.snapshot, atRoot: atRoot).appending("data-quality").folders.joined(separator: "/") + "/diagnostics.csv" }
                let sameAs = atRoot && siteDiagnostics.isEmpty && job.copies.contains(false) ? csvFile(false) : nil
                let csv: RenderedFile = (atRoot, csvFile(atRoot), Array(DataQualityReport.csv(quality.diagnostics).utf8), sameAs)
                // Warehouse results carry counts, not rows: no diagnostics.csv to write.
                return [(atRoot, location.file, Array(theme.render("data-quality", fields).utf8), nil)] + (quality.availability.recordLists ? [csv] : [])
            }
        }
    }

    /// The snapshot with the build's own diagnostics first, for the root copies of the latest week.
    func withSiteDiagnostics(_ snapshot: SnapshotMetrics) -> SnapshotMetrics {
        var snapshot = snapshot
        snapshot.dataQuality.diagnostics.insert(contentsOf: siteDiagnostics, at: 0)
        return snapshot
    }

    func title(of scope: Scope) -> String {
        guard let dimension = scope.dimension, let value = scope.value else { return "Company overview" }
        return "\(value) (\(config.label(ofDimension: dimension)))"
    }
}

// MARK: - Layout: navigation, breadcrumbs, as-of

extension SiteRenderer {
    /// What the layout shows on every page: title, as-of date and windows, navigation, breadcrumbs,
    /// links to the previous and next week, the permanent link, the page's absolute address.
    func chrome(week: Int, location: PageLocation, scope: Scope?, title: String) -> PageChrome {
        let snapshot = metrics[week]
        let atRoot = location.folders.first != "weeks"
        let base = SiteMap.base(of: snapshot.snapshot, atRoot: atRoot)
        let windows = snapshot.windows
        typealias Link = PageChrome.Link
        func link(_ label: String, _ target: PageLocation, current: Bool) -> Link {
            Link(label: label, href: location.href(to: target), current: current)
        }
        var nav = [link("Overview", base, current: scope == Scope.company)]
        for (index, dimension) in config.dimensions.enumerated() {
            nav.append(link("By \(config.label(ofDimension: dimension))", map.dimensionIndex(index, base: base), current: scope?.dimension == dimension))
        }
        nav.append(link("Definitions", base.appending("definitions"), current: title == "Definitions"))
        nav.append(link("Data quality", base.appending("data-quality"), current: title == "Data quality"))
        nav.append(link("All weeks", SiteMap.weeksIndex, current: false))
        // The week pages under weeks/D/ stay as they were written (their links are sent around), so
        // only the pages rebuilt every week link to the archive: the root copy and the weeks list.
        if placement == .main(hasArchive: true), atRoot || location == SiteMap.weeksIndex {
            nav.append(link("Archive", SiteMap.archiveIndex, current: false))
        }

        var crumbs = [link(config.company, base, current: false)]
        if let dimension = scope?.dimension, scope?.value != nil, let index = config.dimensions.firstIndex(of: dimension) {
            crumbs.append(link("By \(config.label(ofDimension: dimension))", map.dimensionIndex(index, base: base), current: false))
        }
        crumbs.append(Link(label: scope?.value ?? title, current: true))
        if scope == Scope.company { crumbs = [Link(label: config.company, current: true)] }

        var chrome = PageChrome(
            title: title, company: config.company,
            stylesheet: location.href(toFile: "style.css"), favicon: location.href(toFile: Favicon.file),
            asOf: Format.date(snapshot.snapshot), asOfISO: snapshot.snapshot.iso, quarter: windows.quarter.label,
            windows: [.init(kind: .week, range: Format.range(windows.week)), .init(kind: .qtd, range: Format.range(windows.qtd)),
                      .init(kind: .t13, range: Format.range(windows.t13))],
            nav: nav, breadcrumbs: crumbs,
            metricsHref: location.href(toFile: "weeks/\(snapshot.snapshot.iso)/metrics.json"),
            weeksHref: location.href(to: SiteMap.weeksIndex),
            definitionsHref: location.href(to: base.appending("definitions")),
            qualityHref: location.href(to: base.appending("data-quality")),
            url: absoluteURL(of: location))
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
            chrome.previousWeek = Link(label: Format.date(metrics[week - 1].snapshot), href: location.href(to: counterpart(week - 1)))
        }
        if case let .archived(quarter) = placement {
            chrome.archived = (quarter, Format.date(metrics[metrics.count - 1].snapshot))
        }
        // A week's permanent pages (`weeks/D/`) must not depend on later weeks, so they link back
        // only (the previous week, all weeks, the latest report) and render the same bytes whether
        // they are the newest week or not: a new week never renders its predecessor again.
        if atRoot {
            chrome.permalink = location.href(to: counterpart(week))
            if case .main = placement { chrome.isLatest = true }
        } else {
            chrome.latestHref = location.href(to: .root)
        }
        return chrome
    }

    /// The page's absolute address from `base_url` (for `og:url`), nil without one. An archived
    /// copy lives under `archive/QUARTER/data/site/`.
    func absoluteURL(of location: PageLocation) -> String? {
        guard let base = digestBase else { return nil }
        var prefix = base.string
        if case let .archived(quarter) = placement { prefix += "archive/" + quarter.urlPathEncoded + "/" + ArchiveLayout.site }
        return prefix + location.folders.map { $0.urlPathEncoded + "/" }.joined()
    }

    /// The values before and after `scope` in its dimension this week (in the order the dimension
    /// index lists them), so a value page links to its neighbours rather than to every sibling.
    func neighbours(of scope: Scope, week: Int, base: PageLocation, from location: PageLocation) -> (previous: PageChrome.Link?, next: PageChrome.Link?) {
        guard let dimension = scope.dimension else { return (nil, nil) }
        let values = metrics[week].scopes.filter { $0.scope.dimension == dimension }
        guard let index = values.firstIndex(where: { $0.scope == scope }) else { return (nil, nil) }
        func link(_ other: Int) -> PageChrome.Link? {
            guard values.indices.contains(other),
                  let target = map.scopePage(values[other].scope, week: week, base: base, config: config) else { return nil }
            return PageChrome.Link(label: values[other].scope.value ?? "", href: location.href(to: target))
        }
        return (link(index - 1), link(index + 1))
    }
}
