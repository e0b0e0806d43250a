import Foundation

/// A problem with the archive that stops the build, naming the quarter and the fix.
enum ArchiveError: Swift.Error, Equatable, CustomStringConvertible {
    case notArchived(quarter: String, archived: [String], folder: String)
    case restatementInStrictMode(warnings: [String])

    var description: String {
        switch self {
        case let .notArchived(quarter, archived, folder):
            return "--restate \(quarter): \(folder) holds no archived quarter of that name "
                + (archived.isEmpty ? "(it holds none yet)" : "(it holds \(archived.joined(separator: ", ")))")
                + ". A quarter is archived by the first build after it closes; name one of those, written like FY2027-Q3."
        case let .restatementInStrictMode(warnings):
            return "--strict: the inputs behind \(warnings.count == 1 ? "an archived quarter" : "\(warnings.count) archived quarters") changed, so nothing was written:\n"
                + warnings.joined(separator: "\n")
        }
    }
}

/// Step 7 of a build (SPEC §10): writes each closed quarter that `archive/` does not hold yet as a
/// BagIt bag, rewrites the quarters named with `--restate` (logged in `RESTATEMENTS.md`), reports
/// the quarters whose inputs changed without rewriting them, and writes `archive/index.html`.
/// Archived files are never changed in place: a quarter is a new folder in the staging folder.
struct Archiver {
    var options: BuildOptions
    var checked: SiteBuilder.Checked
    var archive: ArchiveFolder
    var theme: Theme
    /// Input files' digests (remembered by the build cache when there is one).
    var digests = FileDigests()
    /// The build cache, for the record lists of a week whose figures came from it (`listsInCache`):
    /// an archived quarter's `metrics.json` is compared only when its inputs changed, so its lists
    /// are read only then.
    var cache: BuildCache?

    /// What the step did, for the build report.
    struct Result {
        var written: [String] = []
        var restated: [String] = []
        var warnings: [Diagnostic] = []
    }

    /// One input file of a quarter, as under `content/`: `snapshots/2026-09-04.csv`, `site.yml`.
    struct Input {
        var relative: String
        var path: String
        /// The quarter whose bag the file is read from (it was pruned from `content/`).
        var archivedIn: String?
    }

    /// An input file that differs from the bag's copy.
    struct InputChange {
        enum Kind: String { case changed, added, removed }
        var relative: String
        var kind: Kind
        /// The quarter whose bag holds the current file (it was pruned from `content/`).
        var archivedIn: String?

        /// `snapshots/2026-09-04.csv changed`: as under `content/`, the same wherever the build runs.
        var text: String { "\(relative) \(kind.rawValue)" }
    }

    /// The weeks whose full metrics (record lists included) `run` renders: every week of a closed
    /// quarter it writes (not archived yet, or restated) with the week before it. An archived
    /// quarter's last week is compared only when its inputs changed, and reads its lists then.
    static func weeksNeeded(_ metrics: [SnapshotMetrics], archive: ArchiveFolder, restating: [String]) -> Set<Int> {
        var weeks = Set<Int>()
        for (label, range) in closedQuarters(metrics) where archive.quarter(label) == nil || restating.contains(label) {
            weeks.formUnion((range.lowerBound - 1)...range.upperBound)
        }
        return weeks
    }

    /// The closed quarters, in order: a quarter is closed once a snapshot of a later quarter exists.
    static func closedQuarters(_ metrics: [SnapshotMetrics]) -> [(label: String, weeks: ClosedRange<Int>)] {
        var groups: [(label: String, weeks: ClosedRange<Int>)] = []
        for (index, snapshot) in metrics.enumerated() {
            let label = snapshot.windows.quarter.label
            if let last = groups.last, last.label == label {
                groups[groups.count - 1].weeks = last.weeks.lowerBound...index
            } else {
                groups.append((label, index...index))
            }
        }
        return Array(groups.dropLast())
    }

    /// Whether the site has an archive once this step has run.
    static func hasArchive(_ metrics: [SnapshotMetrics], _ archive: ArchiveFolder) -> Bool {
        !archive.quarters.isEmpty || !closedQuarters(metrics).isEmpty
    }

    func run(into output: OutputDirectory) throws -> Result {
        let metrics = checked.metrics
        let closed = Self.closedQuarters(metrics)
        for quarter in options.restate where archive.quarter(quarter) == nil || !closed.contains(where: { $0.label == quarter }) {
            throw ArchiveError.notArchived(quarter: quarter, archived: archive.quarters.map(\.quarter), folder: archiveDisplay)
        }
        let renderer = ArchiveRenderer(config: checked.config, theme: theme, commentaries: checked.commentaries)
        var result = Result()
        var listings: [String: ArchiveRenderer.Listing] = [:]
        for quarter in archive.quarters {
            let path = ArchiveLayout.site + "data/metrics.json"
            let read = { quarter.contents(path).flatMap(QuarterFigures.init(metricsJSON:)) }
            let figures = if let cache, let digest = quarter.payload[path] { cache.archiveFigures(digest: digest, compute: read) } else { read() }
            listings[quarter.quarter] = ArchiveRenderer.Listing(quarter: quarter.quarter, figures: figures, manifestDigest: quarter.manifestDigest)
        }
        var log = ""
        for (label, weeks) in closed {
            if archive.incomplete.contains(label) {
                result.warnings.append(Diagnostic(
                    code: .w17, location: DiagnosticLocation(),
                    message: "\(displayPath(archiveDisplay, label)): not a complete BagIt bag (no bagit.txt or no "
                        + "manifest-sha256.txt), so the build neither reads it nor writes \(label) into it",
                    fix: "Restore it from a backup of the output folder, or delete the folder to have the next build archive the quarter again"))
                continue
            }
            let inputs = inputs(of: label, weeks: weeks)
            guard let bag = archive.quarter(label) else {
                listings[label] = try write(label, weeks: weeks, inputs: inputs, renderer: renderer, into: output)
                result.written.append(label)
                continue
            }
            let changes = try inputChanges(bag, inputs: inputs, weeks: weeks)
            // Only a restatement or its warning shows how the figures moved (serializing and parsing
            // the quarter's metrics.json is most of this step's time, so not on every build).
            guard options.restate.contains(label) || !changes.isEmpty else { continue }
            let newFigures = QuarterFigures(metricsJSON: try metricsJSON(weeks.upperBound))
            let figureChanges = newFigures?.changes(from: listings[label]?.figures, config: checked.config) ?? []
            if options.restate.contains(label) {
                try output.removeStaged(OutputDirectory.archiveFolder + "/" + label)
                let listing = try write(label, weeks: weeks, inputs: inputs, renderer: renderer, into: output)
                log += ArchiveRenderer.restatementEntry(quarter: label, asOf: metrics[metrics.count - 1].snapshot,
                                                        oldDigest: bag.manifestDigest, newDigest: listing.manifestDigest,
                                                        inputChanges: changes.map(\.text), figureChanges: figureChanges)
                listings[label] = listing
                result.restated.append(label)
            } else if !changes.isEmpty {
                result.warnings.append(Diagnostic(code: .w16, location: DiagnosticLocation(),
                                                  message: restatementWarning(label, changes: changes, figureChanges: figureChanges)))
            }
        }
        if options.strict, !result.warnings.isEmpty {
            throw ArchiveError.restatementInStrictMode(warnings: result.warnings.map(\.message))
        }
        var restatements = archive.restatements
        if !log.isEmpty {
            restatements = (restatements ?? ArchiveRenderer.restatementsHeader) + log
            try output.write(OutputDirectory.archiveFolder + "/" + ArchiveFolder.restatementsFile, restatements!)
        }
        if !listings.isEmpty {
            let ordered = listings.values.sorted { $0.quarter < $1.quarter }
            try output.write(OutputDirectory.archiveFolder + "/index.html", renderer.index(ordered, restatements: restatements))
        }
        return result
    }
}

// MARK: - Inputs

private extension Archiver {
    var archiveDisplay: String { displayPath(options.output, OutputDirectory.archiveFolder) }

    /// A week's `metrics.json`, record lists included (read from the build cache when the week's
    /// figures came from it).
    func metricsJSON(_ week: Int) throws -> [UInt8] {
        var metrics = checked.metrics[week]
        if let key = checked.listsInCache[week], let cache { try cache.snapshotLists(key).restore(into: &metrics) }
        return MetricsJSON.document(metrics, config: checked.config).serializedBytes()
    }

    /// A quarter's inputs, as they are now: its snapshots and the one before the first of them,
    /// its commentary, `site.yml` and `targets.csv`.
    func inputs(of label: String, weeks: ClosedRange<Int>) -> [Input] {
        let content = checked.content
        let first = max(0, weeks.lowerBound - 1)
        let dates = Set(checked.metrics[first...weeks.upperBound].map(\.snapshot))
        var inputs = content.snapshots.filter { dates.contains($0.date) }.map {
            Input(relative: $0.relativePath, path: $0.path, archivedIn: $0.archivedIn)
        }
        let calendar = FiscalCalendar(startMonth: checked.config.fiscalYearStartMonth)
        for file in checked.commentaryFiles {
            guard let date = ArchiveLayout.commentaryDate(of: file.key), calendar.quarter(containing: date).label == label else { continue }
            inputs.append(Input(relative: "commentary/" + file.key, path: file.path, archivedIn: file.archivedIn))
        }
        for name in ["site.yml", "targets.csv"] {
            let path = (content.root as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) { inputs.append(Input(relative: name, path: path)) }
        }
        return inputs.sorted { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
    }

    /// The input files that differ from the bag's copies: changed bytes, a file the bag lacks (a new
    /// snapshot inside the quarter), and `site.yml` or `targets.csv` when they alter the quarter's
    /// figures. A file absent from `content/` is read from an archive, so it is not a change.
    func inputChanges(_ bag: ArchiveFolder.Quarter, inputs: [Input], weeks: ClosedRange<Int>) throws -> [InputChange] {
        let archived = bag.inputs
        var changes: [InputChange] = []
        for input in inputs {
            guard let old = archived[input.relative] else {
                changes.append(InputChange(relative: input.relative, kind: .added, archivedIn: input.archivedIn))
                continue
            }
            if input.archivedIn == bag.quarter { continue }
            let now = try input.archivedIn.flatMap { archive.quarter($0)?.inputs[input.relative] }
                ?? digests.digest(ofFile: input.path)
            if now != old { changes.append(InputChange(relative: input.relative, kind: .changed, archivedIn: input.archivedIn)) }
        }
        let present = Set(inputs.map(\.relative))
        for relative in archived.keys where !present.contains(relative) {
            changes.append(InputChange(relative: relative, kind: .removed))
        }
        let settings: Set<String> = ["site.yml", "targets.csv"]
        if try changes.isEmpty || changes.allSatisfy({ settings.contains($0.relative) }) && weeks.allSatisfy({ try sameFigures(week: $0, in: bag) }) {
            return []
        }
        return changes.sorted { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
    }

    /// Whether a week's `metrics.json` in the bag states the figures this build computes (build
    /// warnings aside, which name the content folder as the build was given it).
    func sameFigures(week: Int, in bag: ArchiveFolder.Quarter) throws -> Bool {
        let relative = ArchiveLayout.site + "weeks/\(checked.metrics[week].snapshot.iso)/metrics.json"
        guard let old = bag.contents(relative) else { return false }
        func figures(_ bytes: [UInt8]) -> NSDictionary? {
            guard var document = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
            if var quality = document["data_quality"] as? [String: Any] {
                quality.removeValue(forKey: "build_warnings")
                document["data_quality"] = quality
            }
            return document as NSDictionary
        }
        guard let before = figures(old), let now = figures(try metricsJSON(week)) else { return false }
        return before.isEqual(now)
    }

    func restatementWarning(_ label: String, changes: [InputChange], figureChanges: [String]) -> String {
        let files = changes.map { change in
            let display = change.archivedIn.map { displayPath(archiveDisplay, $0 + "/" + ArchiveLayout.inputs + change.relative) }
                ?? checked.content.display(change.relative)
            return "\(display) \(change.kind.rawValue)"
        }
        return "\(displayPath(archiveDisplay, label)): the inputs behind this archived quarter changed (a restatement), "
            + "so it was left as it was: \(files.joined(separator: "; ")). Headline figures that would change: "
            + (figureChanges.isEmpty ? "none" : figureChanges.joined(separator: "; "))
            + ". If the change is meant, run `waterfall build --restate \(label)` to rewrite the quarter "
            + "(logged in archive/\(ArchiveFolder.restatementsFile)); if not, restore the files."
    }
}

// MARK: - Writing a bag

private extension Archiver {
    /// Writes `archive/QUARTER/` into the staging folder: the frozen site and the inputs as the
    /// payload, then the tag files. Returns how `archive/index.html` lists it.
    func write(_ label: String, weeks: ClosedRange<Int>, inputs: [Input], renderer: ArchiveRenderer,
               into output: OutputDirectory) throws -> ArchiveRenderer.Listing {
        let metrics = checked.metrics
        let folder = OutputDirectory.archiveFolder + "/" + label + "/"
        var bag = Bag()
        var figures: QuarterFigures?
        try renderer.site(weeks: Array(metrics[weeks]), before: weeks.lowerBound > 0 ? metrics[weeks.lowerBound - 1] : nil,
                          quarter: label) { path, bytes in
            bag.add(ArchiveLayout.site + path, bytes)
            try output.write(folder + ArchiveLayout.site + path, bytes)
            if path == "data/metrics.json" { figures = QuarterFigures(metricsJSON: bytes) }
        }
        for input in inputs {
            let bytes = try ArchiveFolder.bytes(ofFile: input.path, display: input.path)
            bag.add(ArchiveLayout.inputs + input.relative, bytes)
            try output.write(folder + ArchiveLayout.inputs + input.relative, bytes)
        }
        let last = metrics[weeks.upperBound].snapshot
        let index = renderer.bagIndex(quarter: label, lastSnapshot: last, inputs: inputs.map(\.relative))
        let info = Bag.Info(organization: checked.config.company, quarter: label, lastSnapshot: last,
                            description: "Waterfall pipeline report of \(checked.config.company) for \(label) as it stood on \(last.iso), with the input files it was computed from.")
        var manifestDigest = SHA256Digest(hex: "")
        for (path, bytes) in bag.tagFiles(info: info, extra: [("index.html", Array(index.utf8))]) {
            try output.write(folder + path, bytes)
            if path == Bag.manifestFile { manifestDigest = SHA256Digest(of: bytes) }
        }
        return ArchiveRenderer.Listing(quarter: label, figures: figures, manifestDigest: manifestDigest)
    }
}
