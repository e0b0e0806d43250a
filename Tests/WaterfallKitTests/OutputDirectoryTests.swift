import Foundation
import Testing
@testable import WaterfallKit

/// SPEC §10: the output folder is Waterfall's alone, and `archive/` is never at risk.
@Suite struct OutputDirectoryTests {
    /// A failure thrown by the test hook, standing for a crash at that step.
    struct SimulatedCrash: Error, Equatable { var point: OutputDirectory.FaultPoint }

    /// A few archived quarters, as files an archive writer would have left in `output/archive/`.
    static let archive: [String: Data] = [
        "archive/index.html": Data("<h1>Archive</h1>\n".utf8),
        "archive/FY2027-Q2/bagit.txt": Data("BagIt-Version: 1.0\n".utf8),
        "archive/FY2027-Q2/data/site/index.html": Data(repeating: 0x61, count: 70_000),
        "archive/FY2027-Q3/data/inputs/snapshots/2026-10-30.csv": Data("id,source\n1,Marketing\n".utf8),
    ]

    static func addArchive(to output: URL) throws {
        for (path, bytes) in archive {
            let url = output.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: url)
        }
    }

    /// The tiny fixture built once, with the archive added to its output, and that output's files.
    static func builtWithArchive() throws -> (site: FixtureSite, tree: [String: Data]) {
        let site = try FixtureSite("tiny")
        try site.build()
        try addArchive(to: site.output)
        return (site, try FixtureSite.tree(site.output))
    }

    /// A new folder holding `output/`: Waterfall's marker and the archive, nothing else.
    static func markedOutputWithArchive() throws -> (folder: String, output: URL) {
        let folder = temporaryFolder()
        let output = URL(fileURLWithPath: folder).appendingPathComponent("output")
        try addArchive(to: output)
        try Data(OutputDirectory.markerText.utf8).write(to: output.appendingPathComponent(OutputDirectory.markerName))
        return (folder, output)
    }

    /// The message of the `OutputDirectory.Error` a build with `hook` fails with ("" when none).
    static func failure(of site: FixtureSite, _ hook: @escaping OutputDirectory.FaultInjection) -> String {
        let error = #expect(throws: OutputDirectory.Error.self) { try site.build(faultInjection: hook) }
        return error.map(String.init(describing:)) ?? ""
    }

    /// The archived files found under `output/archive/` that are missing or differ.
    static func damagedArchive(in output: URL) -> [String] {
        archive.keys.sorted().filter { (try? Data(contentsOf: output.appendingPathComponent($0))) != archive[$0] }
    }

    // MARK: - Refusals

    @Test func anOutputThatHoldsTheContentOrIsItsParentOrAFileIsRefusedEvenWithForce() throws {
        let site = try FixtureSite("tiny")
        defer { site.remove() }
        let file = site.folder.appendingPathComponent("slides.key")
        try Data("deck".utf8).write(to: file)
        let templates = site.folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("body {}\n".utf8).write(to: templates.appendingPathComponent("style.css"))
        let before = try FixtureSite.tree(site.folder)
        let cases: [(URL, String)] = [(site.content, "is the content folder"), (site.folder, "holds the content folder"),
                                      (file, "is a file"), (templates, "is the templates folder"),
                                      (templates.appendingPathComponent("site"), "lies inside the templates folder")]
        for (output, reason) in cases {
            for force in [false, true] {
                let options = BuildOptions(content: site.content.path, templates: templates.path, output: output.path, force: force)
                let error = #expect(throws: OutputDirectory.Error.self) { try SiteBuilder(options: options).build() }
                let message = error.map(String.init(describing:)) ?? ""
                #expect(message.contains(output.standardizedFileURL.path) && message.contains(reason), "\(message)")
                #expect(message.contains("--force does not override this"), "\(message)")
            }
        }
        #expect(try FixtureSite.tree(site.folder) == before)
    }

    @Test func theCurrentFolderAndItsParentsAreRefusedEvenWithForce() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let current = folder + "/project"
        try FileManager.default.createDirectory(atPath: current, withIntermediateDirectories: true)
        for (output, reason) in [(current, "is the current folder"), (folder, "holds the current folder")] {
            let error = #expect(throws: OutputDirectory.Error.self) {
                try OutputDirectory.checkReplaceable(output, force: true, protecting: [], purpose: .site, currentFolder: current)
            }
            #expect(error.map(String.init(describing:))?.contains(reason) == true, "\(String(describing: error))")
        }
    }

    @Test func aFolderOfOtherFilesIsRefusedUntilForced() throws {
        let site = try FixtureSite("tiny")
        defer { site.remove() }
        let notes = site.folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("my notes".utf8).write(to: notes.appendingPathComponent("plan.md"))
        let before = try FixtureSite.tree(notes)
        let error = #expect(throws: OutputDirectory.Error.self) { try site.build(into: notes) }
        let message = error.map(String.init(describing:)) ?? ""
        #expect(message.contains(notes.path) && message.contains("plan.md") && message.contains("pass --force"), "\(message)")
        #expect(try FixtureSite.tree(notes) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter { $0.contains("staging") }.isEmpty)

        try site.build(into: notes, force: true)
        #expect(!FileManager.default.fileExists(atPath: notes.appendingPathComponent("plan.md").path))
        #expect(FileManager.default.fileExists(atPath: notes.appendingPathComponent(OutputDirectory.markerName).path))
    }

    @Test func aMarkedSiteAnEmptyFolderAndAPreMarkerSiteAreReplaced() throws {
        let site = try FixtureSite("tiny")
        defer { site.remove() }
        try site.build()
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(OutputDirectory.markerName).path))
        try Data("stale".utf8).write(to: site.output.appendingPathComponent("old-page.html"))
        try site.build()
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("old-page.html").path))

        let legacy = site.folder.appendingPathComponent("legacy")
        try FileManager.default.createDirectory(at: legacy.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("{\n  \"schema\": \"waterfall-metrics/1\",\n  \"company\": \"Old\"\n}\n".utf8)
            .write(to: legacy.appendingPathComponent("data/metrics.json"))
        try Data("old".utf8).write(to: legacy.appendingPathComponent("index.html"))
        try Self.addArchive(to: legacy)
        try site.build(into: legacy)
        #expect(try String(contentsOf: legacy.appendingPathComponent("index.html"), encoding: .utf8).contains("Tiny &amp; Co"))
        #expect(Self.damagedArchive(in: legacy).isEmpty)

        let empty = site.folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try site.build(into: empty)
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("index.html").path))
    }

    // MARK: - Staging, lock and swap

    @Test func aStagingFolderLeftByAKilledBuildIsRemovedAndAnUnmarkedOneKept() throws {
        let site = try FixtureSite("tiny")
        defer { site.remove() }
        try site.build()
        let killed = site.folder.appendingPathComponent(".output.staging-999999")
        try Self.addArchive(to: killed)
        try Data(OutputDirectory.markerText.utf8).write(to: killed.appendingPathComponent(OutputDirectory.markerName))
        let foreign = site.folder.appendingPathComponent(".output.staging-old-notes")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        let report = try site.build()
        #expect(!FileManager.default.fileExists(atPath: killed.path))
        #expect(try Data(contentsOf: foreign.appendingPathComponent("notes.txt")) == Data("mine".utf8))
        #expect(report.diagnostics.contains { $0.code == .w15 && $0.message.contains(foreign.path) && $0.message.contains("was kept") },
                "\(report.diagnostics)")
    }

    @Test func anUnmarkedFolderAtThisBuildsStagingPathIsNeitherUsedNorDeleted() throws {
        let site = try FixtureSite("tiny")
        defer { site.remove() }
        let taken = site.folder.appendingPathComponent(".output.staging-\(getpid())")
        try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: taken.appendingPathComponent("notes.txt"))
        let message = Self.failure(of: site) { _ in }
        #expect(message.contains(taken.path) && message.contains("did not write is already there"), "\(message)")
        #expect(try FixtureSite.tree(taken) == ["notes.txt": Data("mine".utf8)])
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    // The rendered files are written on the render threads, several at once (`index.html`, `data/metrics.json`).
    @Test(arguments: [OutputDirectory.FaultPoint.stagingReady, .write("index.html"), .write("data/metrics.json"),
                      .beforeSwap, .swap, .afterSwap])
    func aFailureAtAnyStepLeavesEveryArchivedFileCompleteInOutput(point: OutputDirectory.FaultPoint) throws {
        let (site, _) = try Self.builtWithArchive()
        defer { site.remove() }
        let output = site.output
        let error = #expect(throws: SimulatedCrash.self) {
            try site.build { step in
                // At every step the live output still holds every archived file, whole.
                let damaged = Self.damagedArchive(in: output)
                guard damaged.isEmpty else { throw OutputDirectory.Error.cannotWrite(path: "\(step)", reason: "\(damaged)") }
                if step == point { throw SimulatedCrash(point: point) }
            }
        }
        #expect(error == SimulatedCrash(point: point))
        #expect(Self.damagedArchive(in: site.output).isEmpty)
        // The next build carries the archive across and leaves no staging folder.
        try site.build()
        #expect(Self.damagedArchive(in: site.output).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter { $0.contains("staging") }.isEmpty)
    }

    @Test func aBuildThatFailsWhileTheArchiveIsStillBeingLinkedLeavesNoStagingFolder() throws {
        let (site, before) = try Self.builtWithArchive()
        defer { site.remove() }
        // The content is broken, so the build fails in its check; each folder the linking thread
        // makes is slowed, so it is still at work when the build fails. The build must wait for it
        // to finish before removing the staging folder: a removal under its feet cuts it short at
        // its next folder (one made, seen here when the wait was taken out) or leaves what it made after.
        try Data("company: [unclosed\n".utf8).write(to: site.content.appendingPathComponent("site.yml"))
        let folders = StepCount()
        #expect(throws: (any Error).self) {
            try site.build { step in
                if case .createFolder = step { folders.add(); usleep(30_000) }
            }
        }
        #expect(folders.value > 1)
        usleep(200_000)   // a thread that was not waited for would have made its folders by now
        #expect(try FixtureSite.tree(site.output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter { $0.contains("staging") }.isEmpty)
    }

    @Test func nothingIsWrittenOrSwappedInBesideAnArchiveThatCouldNotBeLinked() throws {
        let (folder, output) = try Self.markedOutputWithArchive()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = try FixtureSite.tree(output)
        let directory = try OutputDirectory(destination: output.path, force: false, protecting: [], purpose: .site) { step in
            if case .link("bagit.txt") = step { usleep(50_000); throw POSIXError(.EMLINK) }
        }
        let write = #expect(throws: OutputDirectory.Error.self) { try directory.write("index.html", "<h1>New</h1>\n") }
        #expect(write.map(String.init(describing:))?.contains("bagit.txt") == true, "\(String(describing: write))")
        #expect(throws: OutputDirectory.Error.self) { try directory.carryInBackground(["weeks/2026-11-20/index.html"]) }
        #expect(throws: OutputDirectory.Error.self) { try directory.commit() }
        #expect(!FileManager.default.fileExists(atPath: (directory.staging as NSString).appendingPathComponent("index.html")))
        #expect(try FixtureSite.tree(output) == before)
    }

    @Test func removingAnOldTreeDeletesEverythingInItButNothingALinkInItPointsTo() throws {
        let folder = URL(fileURLWithPath: temporaryFolder())
        defer { try? FileManager.default.removeItem(at: folder) }
        let tree = folder.appendingPathComponent("old"), outside = folder.appendingPathComponent("mine")
        for week in 1...9 {
            let pages = tree.appendingPathComponent("weeks/2026-0\(week)-01/segment/smb")
            try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
            try Data("page".utf8).write(to: pages.appendingPathComponent("index.html"))
        }
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("notes.txt"))
        try FileManager.default.createSymbolicLink(at: tree.appendingPathComponent("weeks/linked"), withDestinationURL: outside)
        try OutputDirectory.removeTree(tree.appendingPathComponent("weeks").path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tree.path).isEmpty)
        #expect(try FixtureSite.tree(outside) == ["notes.txt": Data("keep".utf8)])
        try OutputDirectory.removeTree(tree.appendingPathComponent("absent").path)
    }

    @Test func aBuildKilledWhileDeletingTheOldSiteLeavesItMarkedAndTheNextBuildRemovesIt() throws {
        let (site, _) = try Self.builtWithArchive()
        defer { site.remove() }
        let retired = site.folder.appendingPathComponent(".output.staging-\(getpid())")
        // The kill comes after the swap, half-way through deleting the old site: entries sorted
        // before index.html are gone, the rest (and the marker) are left.
        let report = try site.build { step in
            if step == .removeOld("index.html") { throw SimulatedCrash(point: step) }
        }
        #expect(report.diagnostics.contains { $0.code == .w15 && $0.message.contains("The next build removes it") }, "\(report.diagnostics)")
        #expect(FileManager.default.fileExists(atPath: retired.appendingPathComponent(OutputDirectory.markerName).path))
        #expect(!FileManager.default.fileExists(atPath: retired.appendingPathComponent("archive").path))
        #expect(Self.damagedArchive(in: site.output).isEmpty)
        try site.build()
        #expect(!FileManager.default.fileExists(atPath: retired.path))
        #expect(Self.damagedArchive(in: site.output).isEmpty)
    }

    @Test func aNewQuarterAndARestatedOneAreWrittenBesideTheLiveArchiveNeverThroughIt() throws {
        let (folder, output) = try Self.markedOutputWithArchive()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let directory = try OutputDirectory(destination: output.path)
        try directory.write("archive/index.html", "<h1>Archive, restated</h1>\n")
        try directory.removeStaged("archive/FY2027-Q2")
        try directory.write("archive/FY2027-Q2/bagit.txt", "BagIt-Version: 1.0\nrestated\n")
        try directory.write("archive/FY2027-Q4/bagit.txt", "BagIt-Version: 1.0\n")
        #expect(Self.damagedArchive(in: output).isEmpty)
        #expect(throws: OutputDirectory.Error.self) { try directory.removeStaged("../output") }
        try directory.commit()
        #expect(try String(contentsOf: output.appendingPathComponent("archive/index.html"), encoding: .utf8) == "<h1>Archive, restated</h1>\n")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("archive/FY2027-Q2/data").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("archive/FY2027-Q4/bagit.txt").path))
        #expect(try Data(contentsOf: output.appendingPathComponent("archive/FY2027-Q3/data/inputs/snapshots/2026-10-30.csv"))
                == Self.archive["archive/FY2027-Q3/data/inputs/snapshots/2026-10-30.csv"])
    }

    @Test func aSecondBuildIntoTheSameOutputFailsAtOnceNamingTheLockAndTheHolder() throws {
        let (site, before) = try Self.builtWithArchive()
        defer { site.remove() }
        // The first build is stopped half-way (its staging folder made) while a second one starts.
        let message = Self.failure(of: site) { step in
            if step == .stagingReady { try site.build() }
        }
        #expect(message.contains(site.output.path) && message.contains("process \(getpid())")
                && message.contains(".output.waterfall-lock") && message.contains("Wait for it to finish"), "\(message)")
        #expect(try FixtureSite.tree(site.output) == before)
        try site.build()
        #expect(Self.damagedArchive(in: site.output).isEmpty)
    }

    // MARK: - Wrapped system errors

    @Test(arguments: [
        (OutputDirectory.FaultPoint.createFolder("data/metrics.json"), POSIXErrorCode.ENOSPC, "no space left", "df -i"),
        (.write("index.html"), .EMFILE, "too many open files", "ulimit -n"),
        (.write("index.html"), .EACCES, "permission denied", "choose another --output"),
        (.createStaging, .EROFS, "read-only", "writable file system"),
        (.link("bagit.txt"), .ENAMETOOLONG, "name is too long", "shorter --output"),
        (.swap, .ENOSPC, "no space left", "df -h"),
    ])
    func aSystemFailureNamesThePathAndTheFix(point: OutputDirectory.FaultPoint, code: POSIXErrorCode,
                                             problem: String, fix: String) throws {
        let (site, before) = try Self.builtWithArchive()
        defer { site.remove() }
        let message = Self.failure(of: site) { if $0 == point { throw POSIXError(code) } }
        #expect(message.contains(site.folder.path) && message.contains(problem) && message.contains(fix), "\(message)")
        #expect(!message.contains("NSCocoaErrorDomain") && !message.contains("Code="))
        #expect(try FixtureSite.tree(site.output) == before)
    }

    @Test func aFoundationErrorIsWrappedWithoutItsDomainText() {
        let outOfInodes = NSError(domain: NSCocoaErrorDomain, code: CocoaError.Code.fileWriteOutOfSpace.rawValue)
        let message = String(describing: OutputDirectory.Error.wrapping(outOfInodes, path: "/srv/site/weeks", operation: "create the folder"))
        #expect(message.hasPrefix("/srv/site/weeks: cannot create the folder: no space left"), "\(message)")
        #expect(!message.contains("NSCocoaErrorDomain") && !message.contains("640"))
    }
}

@Suite struct LongValueSiteTests {
    // Up to the longest value E12 accepts (1,000 bytes); a longer one excludes its row (DiagnosticsTests).
    @Test(arguments: [300, SnapshotValidator.maxValueBytes])
    func aDimensionValueOfAnyLengthBuildsWithACappedSlug(length: Int) throws {
        let site = try FixtureSite("tiny")
        defer { site.remove() }
        let value = String(String(repeating: "Northwind Region ", count: length / 17 + 1).prefix(length))
        for date in ["2026-11-13", "2026-11-20"] {
            let file = site.content.appendingPathComponent("snapshots/\(date).csv")
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data((text + "99,Sales,\(value),,,2026-11-06,,,100,2026-11-30\n").utf8).write(to: file)
        }
        try site.build()
        let folder = slug(value)
        #expect(folder.utf8.count <= slugMaxBytes + 1 + slugHashLength)
        let page = try String(contentsOf: site.output.appendingPathComponent("segment/\(folder)/index.html"), encoding: .utf8)
        #expect(page.contains(value))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("weeks/2026-11-13/segment/\(folder)/index.html").path))
    }
}

/// A count the fault hook keeps from any thread (the archive and unchanged weeks are linked on their own).
final class StepCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
