import Foundation

/// What a build reads and where it writes.
public struct BuildOptions: Sendable {
    public var content: String
    var templates: String
    var output: String
    var strict: Bool
    var today: Day?
    /// Replace an output folder that holds files Waterfall did not write (never the current folder,
    /// a file, or a folder holding the content or templates).
    var force: Bool
    /// Archived quarters to rewrite on purpose (`--restate FY2027-Q3`), logged in `archive/RESTATEMENTS.md`.
    var restate: [String]
    /// Warehouse results (SPEC §11): build from this long-format CSV instead of the snapshots;
    /// `content` then gives only `site.yml` and the commentary.
    var metrics: String?
    /// Where the build cache lives (`--cache DIR`, `--no-cache`).
    var cache: CacheLocation

    /// `today`: the latest possible snapshot date (a snapshot after it is W8); nil skips the check.
    public init(content: String = "content", templates: String = "templates", output: String = "output", strict: Bool = false,
                force: Bool = false, today: Day? = nil, restate: [String] = [], metrics: String? = nil,
                cache: CacheLocation = .besideOutput) {
        self.content = content
        self.templates = templates
        self.output = output
        self.strict = strict
        self.force = force
        self.today = today
        self.restate = restate
        self.metrics = metrics
        self.cache = cache
    }
}

/// What a build did, for the closing summary.
public struct BuildReport: Sendable {
    /// Per snapshot, its rows and diagnostics; the latest also holds the build's own warnings.
    var snapshots: [DataQuality] = []
    var filesWritten = 0
    var seconds: Double = 0
    /// HTML pages rendered, and the seconds spent rendering and writing every file (for pages per second).
    public var pagesRendered = 0
    public var renderSeconds: Double = 0
    /// Quarters written into `archive/` by this build, and those rewrote with `--restate`.
    public var archived: [String] = []
    public var restated: [String] = []
    /// Closed quarters a build from warehouse results did not archive (it has no inputs to bag).
    public var notArchived: [String] = []
    /// Weeks whose page sets were carried from the live site unchanged (not rendered again).
    public var weeksCarried = 0
    /// What the build cache did not use and why (a damaged entry, say), for `--timings`.
    public var cacheNotes: [String] = []
    /// Snapshot files read and validated (a week whose metrics the cache held reads none; the week
    /// before a changed one is read again for its bridge), and weeks whose metrics came from the cache.
    public var snapshotsParsed = 0
    public var snapshotsFromCache = 0
    /// Input files read to compute their SHA-256 (the cache remembers the others' by identity).
    public var filesHashed = 0
    /// The build's steps in order with their wall-clock seconds, for `--timings`.
    public var steps: [(step: String, seconds: Double)] = []

    var rows: Int { snapshots.reduce(0) { $0 + $1.rows } }
    var accepted: Int { snapshots.reduce(0) { $0 + $1.accepted } }
    /// Rows left out by `status.ignore`, over every snapshot.
    var ignored: Int { snapshots.reduce(0) { $0 + $1.ignored.count } }
    /// The build's own checks that need every snapshot (status values, targets, commentary,
    /// settings, the output folder). Not stored in any week's data: the permanent `weeks/D/`
    /// files must not change when a later week arrives; the root copies show them.
    var siteDiagnostics: [Diagnostic] = []
    /// Every diagnostic of the build: the site's own, then per snapshot its file problems and rows.
    var diagnostics: [Diagnostic] { siteDiagnostics + snapshots.flatMap(\.diagnostics) }
    func count(of code: DiagnosticCode) -> Int {
        siteDiagnostics.lazy.filter { $0.code == code }.count + snapshots.reduce(0) { $0 + $1.count(of: code) }
    }
    var errorCount: Int { diagnostics.lazy.filter(\.code.isError).count }
    var warningCount: Int { diagnostics.lazy.filter { !$0.code.isError }.count }
}

/// Diagnostics that stop the build: errors (SPEC §1.4) or, with `--strict`, any warning. Carries the
/// report so the command line can still print every diagnostic and the closing summary.
public struct BuildFailure: Swift.Error, CustomStringConvertible, Sendable {
    public var report: BuildReport
    /// Why the build stops, e.g. "--strict: 0 errors and 3 warnings (listed above)".
    var reason: String

    public var description: String { reason }
}

/// Turns a content folder into a site. The stages are listed in execution order:
/// load → validate → compute → render → write.
public struct SiteBuilder {
    var options: BuildOptions
    /// Called with the file being read and the bytes read so far (for a progress line).
    var progress: ((String, Int) -> Void)?
    /// Test hook handed to `OutputDirectory`: called at its named steps, to inject a failure.
    var faultInjection: OutputDirectory.FaultInjection?
    /// What identifies the tool in the cache's keys: the version and the binary (tests change it).
    var toolVersion = WaterfallVersion.current + " " + (FileIdentity.executable.map { "\($0.inode) \($0.size) \($0.modified)" } ?? "")
    /// How long after its last change an input's digest may be remembered (`FileDigests`); tests shorten it.
    var racyNanoseconds: Int64 = 1_000_000_000

    public init(options: BuildOptions, progress: ((String, Int) -> Void)? = nil) {
        self.options = options
        self.progress = progress
    }

    /// What `check()` read and computed.
    public struct Checked {
        var config: SiteConfig
        var metrics: [SnapshotMetrics]
        var commentaries: Commentaries
        public var report: BuildReport
        /// The files read: in `content/`, or in an archived quarter's bag when pruned from it.
        var content: ContentFolder
        var commentaryFiles: [CommentaryLoader.File]
        /// Weeks whose metrics came from the build cache without their record lists, and their keys:
        /// `fillLists(weeks:from:)` loads them for the weeks a build renders.
        var listsInCache: [Int: SHA256Digest] = [:]

        /// Puts the record lists back into the given weeks' metrics.
        mutating func fillLists(weeks: some Sequence<Int>, from cache: BuildCache) throws {
            for week in weeks {
                guard let key = listsInCache.removeValue(forKey: week) else { continue }
                try cache.snapshotLists(key).restore(into: &metrics[week])
            }
        }
    }

    /// Validates the content and computes every snapshot's metrics without writing anything.
    /// Snapshots pruned from `content/` are read from the output folder's `archive/`.
    public func check() throws -> Checked {
        try check(archive: ArchiveFolder(root: displayPath(options.output, "archive")))
    }

    /// With `cache`, a snapshot whose entry is stored is not read: its metrics come from the entry.
    func check(archive: ArchiveFolder, cache: BuildCache? = nil) throws -> Checked {
        let started = Date()
        // 1. Load the settings, the plan, the commentary and the list of snapshots (those pruned
        //    from content/ from the archive): the small files first, so a mistake in one stops the
        //    build before the large ones are read.
        let config = try ContentFolder.loadConfig(root: options.content)
        try archive.checkCompany(config.company, contentRoot: options.content)
        let content = try ContentFolder(root: options.content, snapshotNames: config.snapshotNames, archive: archive)
        let targets = try TargetsLoader.load(from: content, config: config)
        let commentaryFiles = try CommentaryLoader.load(from: content, archive: archive, restating: Set(options.restate))
        let commentaries = try Commentaries(files: commentaryFiles)
        var engine = MetricsEngine(config: config, targets: targets)
        var report = BuildReport()
        var all: [SnapshotMetrics] = []
        var previous: Snapshot?
        var statusCheck = config.status.map(StatusValueCheck.init)
        let cacheKey = try cache.map { try SnapshotCacheKey(options: options, content: content, toolVersion: toolVersion, digests: $0.digests) }
        // 2. A snapshot the cache holds (same bytes, settings, previous snapshot and tool) is not
        //    read: its key names the entry, and the stored entries are decoded together, on every core.
        var keys = [SHA256Digest?](repeating: nil, count: content.snapshots.count)
        if let cache, let cacheKey {
            try cache.digests.hashAhead(content.snapshots.map(\.path))
            var before: (file: ContentFolder.SnapshotFile, digest: SHA256Digest)?
            for (index, file) in content.snapshots.enumerated() {
                let digest = try cache.digests.digest(ofFile: file.path)
                keys[index] = cacheKey.key(file, digest: digest, previous: before, today: options.today)
                before = (file, digest)
            }
        }
        var entries = cache?.snapshotEntries(keys) ?? keys.map { _ in nil }
        var listsInCache: [Int: SHA256Digest] = [:]
        for (index, file) in content.snapshots.enumerated() {
            let key = keys[index], previousKey = index > 0 ? keys[index - 1] : nil
            if let key, let entry = entries[index] {
                entries[index] = nil   // held once, in `all`
                let metrics = engine.restore(entry.metrics)
                listsInCache[index] = key
                report.snapshotsFromCache += 1
                report.snapshots.append(metrics.dataQuality)
                statusCheck?.add(entry.statusCounts, file: file.relativePath)
                all.append(metrics)
                previous = nil
                continue
            }
            // 3. Load and validate one snapshot, streaming its bytes, and compute its metrics. When the
            //    one before came from the cache, its bridge side does too (read again if not stored).
            if previous == nil, index > 0 {
                previous = try cache.flatMap { cache in previousKey.flatMap(cache.bridgeCarry)?.snapshot() }
                    ?? load(content.snapshots[index - 1], content: content, config: config, report: &report)
            }
            let snapshot = try load(file, content: content, config: config, report: &report)
            let metrics = try engine.metrics(for: snapshot, previous: previous)
            // The next snapshot's bridge needs this one's open pipeline (the last has no next), and
            // so does the cache entry: two passes over the records, each on a core of its own.
            let stage = config.pipelineStageIndex, keep = index + 1 < content.snapshots.count
            let open = ComputeParallelism.map(2) { task -> (carry: BridgeCarry?, kept: Snapshot?) in
                task == 0 ? (cache != nil && key != nil ? BridgeCarry(of: snapshot, pipelineStage: stage) : nil, nil)
                    : (nil, keep ? snapshot.keepingOpenPipeline(pipelineStage: stage) : nil)
            }
            if let cache, let key, let carry = open[0].carry {
                cache.store(metrics, statusCounts: snapshot.statusCounts, bridge: carry, key: key)
            }
            report.snapshots.append(metrics.dataQuality)
            statusCheck?.add(snapshot.statusCounts, file: file.relativePath)
            all.append(metrics)
            previous = open[1].kept
        }
        // 4. The build's own checks, which need every snapshot: status values no row carries, and
        //    targets and commentary no page shows.
        let siteDiagnostics = (statusCheck?.diagnostics() ?? []) + unmatchedTargets(targets, in: all).map { key in
            let values = all.last { $0.windows.quarter.label == key.quarter }?.scopes
                .filter { $0.scope.dimension == key.scope.dimension }.compactMap(\.scope.value) ?? []
            return Diagnostic(
                code: .w9, location: DiagnosticLocation(file: "targets.csv", line: targets.lines[key]),
                message: "no snapshot of \(key.quarter) has a record with \(key.scope.dimension ?? "") \"\(key.scope.value ?? "")\", "
                    + "so no page shows this target",
                fix: "Check the spelling against the values in the data: \(values.joined(separator: ", "))")
        } + SiteRenderer.unusedCommentary(commentaries, config: config, metrics: all)
            + SiteRenderer.digestDiagnostics(config: config)
        report.siteDiagnostics = siteDiagnostics
        let stopping = report.diagnostics.filter { $0.code.isError && !$0.code.isRowCheck }
        if !stopping.isEmpty {
            throw BuildFailure(report: report, reason: "\(Format.count(stopping.count)) error\(stopping.count == 1 ? "" : "s") "
                + "(\(stopping.countsByCode().map { "\($0.code.rawValue) \($0.count)" }.joined(separator: ", "))) listed above: "
                + "the figures would be wrong. Nothing was written")
        }
        try failIfStrict(report)
        report.seconds = Date().timeIntervalSince(started)
        return Checked(config: config, metrics: all, commentaries: commentaries, report: report,
                       content: content, commentaryFiles: commentaryFiles, listsInCache: listsInCache)
    }

    /// Builds the site into `output/`, replacing it in one step only when everything succeeded.
    @discardableResult
    public func build() throws -> BuildReport {
        let started = Date()
        var steps = StepClock()
        // 4. Load the theme (built in, overridden by templates/): a bad template stops the build early.
        let theme = try Theme(overrides: ThemeLoader.overrides(at: options.templates), overridesFolder: options.templates)
        // 5. Take the output's lock and make the staging folder (refusing an output that is not
        //    Waterfall's to replace) before the long part, so a mistake there costs nothing. The
        //    old archive/ is hard-linked into the staging folder meanwhile, on another thread; the
        //    archived quarters (and the snapshots pruned from content/ with them) are read from the
        //    live output's archive/, which the lock keeps as it is until the swap.
        let output = try OutputDirectory(destination: options.output, force: options.force,
                                         protecting: OutputDirectory.protected(content: options.content, templates: options.templates),
                                         purpose: .site,
                                         faultInjection: faultInjection)
        steps.lap("theme and staging folder")
        let archive = try ArchiveFolder(root: (output.destination as NSString).appendingPathComponent(OutputDirectory.archiveFolder))
        // The build cache: each snapshot's metrics, input digests and what the last build rendered.
        //    A build from warehouse results uses none: its keys would not cover the results file.
        let cache = try BuildCache.folder(for: options.output, setting: options.metrics == nil ? options.cache : .none).map {
            try BuildCache(folder: $0, protecting: [output.destination, options.content, options.templates])
        }
        cache?.digests.racyNanoseconds = racyNanoseconds
        // A failed build too finishes the entry its cache is writing before it returns (the command
        // then exits, which would cut the write short and leave a temporary file behind).
        defer { cache?.finishWriting() }
        var checked = try options.metrics.map { try checkResults($0, archive: archive) } ?? check(archive: archive, cache: cache)
        var report = checked.report
        steps.lap("check (snapshots and cache)")
        try output.archiveLinked()
        steps.lap("archive/ linked into the staging folder (the rest of it)")
        // 6. Carry each week whose inputs did not change from the live site (hard links), and render
        //    every other page and data file into the staging folder, writing each week as it is done.
        let keys = try cache.map {
            try WeekRenderKey.keys(checked: checked, options: options, theme: theme, toolVersion: toolVersion, digests: $0.digests)
        } ?? []
        let carried = try carryUnchangedWeeks(checked.metrics, keys: keys, index: cache?.index ?? RenderIndex(), into: output)
        steps.lap("carry unchanged weeks (started)")
        if let cache {
            // Weeks from the cache hold their figures only: load the record lists of every week
            // rendered here or in the archive (a page compares with the week before by figures only).
            let rendered = Set(checked.metrics.indices).subtracting(carried).union([checked.metrics.count - 1])
            let archived = Archiver.weeksNeeded(checked.metrics, archive: archive, restating: options.restate)
            try checked.fillLists(weeks: rendered.union(archived).filter { $0 >= 0 }.sorted(), from: cache)
            steps.lap("record lists from the cache")
        }
        let site = SiteRenderer(config: checked.config, metrics: checked.metrics, theme: theme, commentaries: checked.commentaries,
                                siteDiagnostics: report.siteDiagnostics,
                                placement: .main(hasArchive: Archiver.hasArchive(checked.metrics, archive)))
        let renderStarted = Date()
        // Each file is written on the render thread that made it, as soon as it is made.
        let writer = try output.concurrentWriter()
        try site.render(carrying: carried, concurrently: writer.write)
        output.finish(writer)
        report.pagesRendered = site.pageCount(carrying: carried)
        report.renderSeconds = Date().timeIntervalSince(renderStarted)
        report.weeksCarried = carried.count
        steps.lap("render and write")
        try output.weeksCarried()
        steps.lap("carry unchanged weeks (the rest of it)")
        // 7. Archive each closed quarter not archived yet (and those named with --restate); report
        //    the archived quarters whose inputs changed.
        //    A build from warehouse results archives nothing: a bag must hold the inputs that reproduce
        //    its figures, and the records stay in the warehouse (docs/warehouse.md).
        if options.metrics == nil {
            var archiver = Archiver(options: options, checked: checked, archive: archive, theme: theme)
            archiver.digests = cache?.digests ?? archiver.digests
            archiver.cache = cache
            let archived = try archiver.run(into: output)
            report.archived = archived.written
            report.restated = archived.restated
            report.siteDiagnostics += archived.warnings
        } else {
            let kept = Set(archive.quarters.map(\.quarter))
            report.notArchived = Archiver.closedQuarters(checked.metrics).map(\.label).filter { !kept.contains($0) }
        }
        steps.lap("archive")
        // Commentary links are checked against every file the new site will hold: the staging folder
        // holds what was just rendered, the old archive/ (hard-linked) and the quarters archived now.
        if checked.commentaries.hasInternalLinks {
            // Only a build can see these (they need the rendered site and the archive), so they reach
            // stderr and the summary but not the pages already rendered.
            let broken = site.commentaryLinkWarnings(siteFiles: SiteFileList.paths(under: output.staging))
            report.siteDiagnostics += broken
            if options.strict, !broken.isEmpty {
                throw BuildFailure(report: report, reason: "--strict: \(Format.count(broken.count)) warning\(broken.count == 1 ? "" : "s") "
                    + "(W13, listed above). Fix the commentary links, or build without --strict")
            }
        }
        // 8. Swap the staging folder into place.
        try output.commit()
        steps.lap("swap (and remove the old site)")
        report.siteDiagnostics += output.warnings.map { Diagnostic(code: .w15, location: DiagnosticLocation(), message: $0) }
        report.filesWritten = output.filesWritten
        if let cache {
            cache.remember(weeks: checked.metrics.map(\.snapshot), keys: keys, output: output)
            cache.removeUnusedEntries()
            report.cacheNotes = cache.notes
            report.filesHashed = cache.digests.filesHashed
            steps.lap("build cache (write)")
        }
        report.steps = steps.laps
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}

extension SiteBuilder {
    /// With `--strict`, any error or warning stops the build.
    func failIfStrict(_ report: BuildReport) throws {
        if options.strict, report.errorCount + report.warningCount > 0 {
            throw BuildFailure(report: report, reason:
                "--strict: \(Format.count(report.errorCount)) error\(report.errorCount == 1 ? "" : "s") and "
                + "\(Format.count(report.warningCount)) warning\(report.warningCount == 1 ? "" : "s") (listed above). "
                + "Fix them in the content, or build without --strict")
        }
    }
}

extension SiteBuilder {
    /// Loads and validates one snapshot, streaming its bytes, and counts it in the report.
    func load(_ file: ContentFolder.SnapshotFile, content: ContentFolder, config: SiteConfig, report: inout BuildReport) throws -> Snapshot {
        report.snapshotsParsed += 1
        let display = content.display(file.relativePath)
        return try SnapshotLoader.load(file, displayPath: display, config: config, today: options.today,
                                       progress: progress.map { report in { report(file.archivedIn == nil ? display : file.path, $0) } })
    }
}

// MARK: - Carrying unchanged weeks

private extension SiteBuilder {
    /// Hard-links the page set of every week whose render key is the one the cache recorded into the
    /// staging folder, when each recorded file is still in the live site as that build left it: on
    /// another thread, while the other weeks render (`OutputDirectory.carryInBackground`).
    /// Returns those weeks; the others are rendered.
    func carryUnchangedWeeks(_ metrics: [SnapshotMetrics], keys: [SHA256Digest], index: RenderIndex,
                             into output: OutputDirectory) throws -> Set<Int> {
        var carried = Set<Int>(), files: [String] = []
        for (week, key) in keys.enumerated() {
            guard let entry = index.weeks[metrics[week].snapshot.iso], entry.key == key.hex, !entry.files.isEmpty,
                  entry.files.allSatisfy({ output.liveIdentity($0.path) == $0.identity }) else { continue }
            files += entry.files.map(\.path)
            carried.insert(week)
        }
        try output.carryInBackground(files)
        return carried
    }
}

extension BuildCache {
    /// Records, after the swap, each week's key and the files of its page set as they now are in
    /// the live site; a failure to store it is a note, since the site is already in place.
    func remember(weeks: [Day], keys: [SHA256Digest], output: OutputDirectory) {
        var index = RenderIndex()
        for (week, key) in zip(weeks, keys) {
            let files = SiteRenderer.weekFiles(week)
            let paths = SiteFileList.paths(under: (output.destination as NSString).appendingPathComponent(files.folder),
                                           prefix: files.folder).sorted() + [files.digest]
            let recorded = paths.compactMap { path in output.liveIdentity(path).map { RenderIndex.File(path: path, identity: $0) } }
            guard recorded.count == paths.count else { continue }
            index.weeks[week.iso] = RenderIndex.Week(key: key.hex, files: recorded)
        }
        do {
            try save(index)
        } catch {
            note("cache: \(folder) not updated: \(OutputDirectory.Error.wrapping(error, path: folder, operation: "write the cache"))")
        }
    }
}

/// Wall-clock time per build step (`--timings`): each lap ends the step that started at the last.
struct StepClock {
    private var last = Date()
    private(set) var laps: [(step: String, seconds: Double)] = []

    mutating func lap(_ step: String) {
        let now = Date()
        laps.append((step, now.timeIntervalSince(last)))
        last = now
    }
}
