import Foundation
import Testing
@testable import WaterfallKit

/// Issue 10 point 4: the per-snapshot build cache. A snapshot whose bytes, settings, previous
/// snapshot and tool are unchanged is not read again; its metrics come from the cache. Every test
/// compares the site with a full `--no-cache` build, file by file.
@Suite struct SnapshotCacheTests {
    static let weeks = IncrementalBuildTests.weeks

    /// Builds `site` with the cache beside its output, as the tool `tool`; digests may be
    /// remembered at once (a real build waits a second after a file's last change).
    @discardableResult
    static func build(_ site: FixtureSite, tool: String = "test 1", templates: String? = nil) throws -> BuildReport {
        var builder = SiteBuilder(options: BuildOptions(
            content: site.content.path, templates: templates ?? site.folder.appendingPathComponent("no-theme").path,
            output: site.output.path))
        builder.toolVersion = tool
        builder.racyNanoseconds = 0
        return try builder.build()
    }

    static func cacheFolder(_ site: FixtureSite) -> URL { site.folder.appendingPathComponent(".output.waterfall-cache") }

    static func entries(_ site: FixtureSite) throws -> [URL] {
        let folder = cacheFolder(site).appendingPathComponent(BuildCache.snapshotsFolder)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0) }
    }

    /// Builds, applies `change`, builds again and returns that build's report; the site must equal
    /// a full build without cache of the changed inputs, and one entry per week must be left.
    static func rebuilt(after change: (FixtureSite) throws -> Void, tool: String = "test 1", templates: String? = nil) throws -> BuildReport {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        let first = try build(site, templates: templates)
        #expect(first.snapshotsParsed == weeks.count && first.snapshotsFromCache == 0)
        try change(site)
        let report = try build(site, tool: tool, templates: templates)
        #expect(try FixtureSite.tree(site.output) == IncrementalBuildTests.cleanTree(site, templates: templates))
        #expect(try entries(site).count == weeks.count)
        // Each week's bridge side is kept, used or not: the week after it may change next.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cacheFolder(site).appendingPathComponent(BuildCache.bridgesFolder).path)
            .count == weeks.count)
        #expect(report.cacheNotes.isEmpty, "\(report.cacheNotes)")
        return report
    }

    static func flipDigit(_ site: FixtureSite, _ relative: String) throws {
        let url = site.content.appendingPathComponent(relative)
        var bytes = try Data(contentsOf: url)
        let digit = bytes.indices.dropFirst().last {
            bytes[$0] >= UInt8(ascii: "1") && bytes[$0] <= UInt8(ascii: "8") && bytes[$0 - 1] == UInt8(ascii: ",")
        }!
        bytes[digit] += 1
        try bytes.write(to: url)
    }

    // MARK: - What is read again

    @Test func aBuildWithNothingChangedReadsNoSnapshotAndHashesNoFile() throws {
        let report = try Self.rebuilt(after: { _ in })
        #expect(report.snapshotsParsed == 0)
        #expect(report.snapshotsFromCache == Self.weeks.count)
        #expect(report.filesHashed == 0)
    }

    @Test func oneByteOfTheLatestSnapshotReadsOnlyIt() throws {
        // The week before it is not read again: its bridge side comes from the cache.
        let report = try Self.rebuilt(after: { try Self.flipDigit($0, "snapshots/2026-11-20.csv") })
        #expect(report.snapshotsParsed == 1)
        #expect(report.snapshotsFromCache == 2)
        #expect(report.filesHashed == 1)
    }

    @Test func oneByteOfTheFirstSnapshotRecomputesItAndTheWeekWhoseBridgeStartsThere() throws {
        let report = try Self.rebuilt(after: { try Self.flipDigit($0, "snapshots/2026-11-06.csv") })
        #expect(report.snapshotsParsed == 2)
        #expect(report.snapshotsFromCache == 1)
    }

    @Test func siteYmlTargetsOrTheToolVersionRecomputeEverySnapshot() throws {
        let yml = try Self.rebuilt(after: { try IncrementalBuildTests.edit($0, "site.yml") { $0.replacingOccurrences(of: "Northwind Robotics", with: "Northwind Robotic") } })
        #expect(yml.snapshotsParsed == Self.weeks.count && yml.snapshotsFromCache == 0)
        let targets = try Self.rebuilt(after: { try IncrementalBuildTests.edit($0, "targets.csv") { $0.replacingOccurrences(of: "108000", with: "108001") } })
        #expect(targets.snapshotsParsed == Self.weeks.count && targets.snapshotsFromCache == 0)
        let tool = try Self.rebuilt(after: { _ in }, tool: "test 2")
        #expect(tool.snapshotsParsed == Self.weeks.count && tool.snapshotsFromCache == 0)
    }

    @Test func aCommentaryFileOrATemplateRecomputesNoSnapshot() throws {
        let commentary = try Self.rebuilt(after: { try IncrementalBuildTests.edit($0, "commentary/2026-11-20/segment/enterprise.md") { $0 + "\nOne more line.\n" } })
        #expect(commentary.snapshotsParsed == 0 && commentary.weeksCarried == Self.weeks.count - 1)
        let templates = FileManager.default.temporaryDirectory.appendingPathComponent("waterfall-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: templates) }
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let scope = try #require(Theme.builtInFiles["scope.mustache"])
        let template = try Self.rebuilt(after: { _ in
            try Data(scope.replacingOccurrences(of: "{{$content}}", with: "{{$content}}\n<p>Edited</p>").utf8)
                .write(to: templates.appendingPathComponent("scope.mustache"))
        }, templates: templates.path)
        #expect(template.snapshotsParsed == 0 && template.weeksCarried == 0)
    }

    @Test func aChangeThatKeepsSizeAndModificationTimeIsStillSeen() throws {
        // `touch -r` or `rsync -t` can put the old mtime back; the ctime they cannot.
        let report = try Self.rebuilt(after: { site in
            let path = site.content.appendingPathComponent("snapshots/2026-11-20.csv").path
            let before = try #require(FileIdentity(path: path))
            try Self.flipDigit(site, "snapshots/2026-11-20.csv")
            var times = [timespec(tv_sec: Int(before.modified / 1_000_000_000), tv_nsec: Int(before.modified % 1_000_000_000)),
                         timespec(tv_sec: Int(before.modified / 1_000_000_000), tv_nsec: Int(before.modified % 1_000_000_000))]
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
            let after = try #require(FileIdentity(path: path))
            #expect(after.size == before.size && after.modified == before.modified && after.changed != before.changed)
        })
        #expect(report.snapshotsParsed == 1 && report.filesHashed == 1)
    }

    @Test func aFileHashedRightAfterItChangedIsNotRemembered() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        var builder = SiteBuilder(options: BuildOptions(content: site.content.path, templates: site.folder.appendingPathComponent("no-theme").path,
                                                        output: site.output.path))
        builder.toolVersion = "test 1"
        builder.racyNanoseconds = 3_600 * 1_000_000_000
        try builder.build()
        let hashed = try builder.build().filesHashed
        #expect(hashed == Self.weeks.count + 2)
    }

    @Test func snapshotsHashedAheadTogetherHaveTheDigestsTheyHaveOneByOneAndAreNotReadAgain() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        let paths = Self.weeks.map { site.content.appendingPathComponent("snapshots/\($0).csv").path }
        let ahead = FileDigests(), oneByOne = FileDigests()
        ahead.racyNanoseconds = 0
        oneByOne.racyNanoseconds = 0
        try ahead.hashAhead(paths)
        #expect(ahead.filesHashed == paths.count)
        for path in paths {
            #expect(try ahead.digest(ofFile: path) == oneByOne.digest(ofFile: path))
            #expect(try ahead.digest(ofFile: path) == ArchiveFolder.digest(ofFile: path))
        }
        try ahead.hashAhead(paths)
        #expect(ahead.filesHashed == paths.count)
        #expect(ahead.kept == oneByOne.kept && ahead.kept.count == paths.count)
        // One changed file is read again, alone.
        try Self.flipDigit(site, "snapshots/\(Self.weeks[0]).csv")
        try ahead.hashAhead(paths)
        #expect(ahead.filesHashed == paths.count + 1)
        #expect(try ahead.digest(ofFile: paths[0]) == ArchiveFolder.digest(ofFile: paths[0]))
    }

    // MARK: - Damaged entries and no cache at all

    @Test func aCorruptOrTruncatedEntryIsNotedIgnoredAndRebuiltWithTheSameSite() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try Self.build(site)
        let clean = try IncrementalBuildTests.cleanTree(site)
        for damage in [{ (bytes: Data) in bytes.prefix(bytes.count / 2) }, { (bytes: Data) in
            var changed = bytes
            changed[changed.count - 10] ^= 0x01
            return changed
        }] {
            let entry = try Self.entries(site)[1]
            try damage(try Data(contentsOf: entry)).write(to: entry)
            let report = try Self.build(site)
            #expect(report.snapshotsParsed == 1 && report.snapshotsFromCache == Self.weeks.count - 1,
                    "\(report.snapshotsParsed) \(report.snapshotsFromCache) \(report.cacheNotes)")
            #expect(report.cacheNotes.count == 1 && report.cacheNotes[0].contains("ignored and rewritten")
                    && report.cacheNotes[0].contains(entry.lastPathComponent), "\(report.cacheNotes)")
            #expect(try FixtureSite.tree(site.output) == clean)
            #expect(try Self.build(site).snapshotsParsed == 0)
        }
    }

    @Test func aDamagedBridgeEntryIsNotedAndTheWeekBeforeReadAgain() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try Self.build(site)
        let bridges = Self.cacheFolder(site).appendingPathComponent(BuildCache.bridgesFolder)
        for name in try FileManager.default.contentsOfDirectory(atPath: bridges.path) {
            let entry = bridges.appendingPathComponent(name)
            try Data(contentsOf: entry).dropLast(7).write(to: entry)
        }
        try Self.flipDigit(site, "snapshots/2026-11-20.csv")
        let report = try Self.build(site)
        #expect(report.snapshotsParsed == 2 && report.snapshotsFromCache == Self.weeks.count - 1)
        #expect(report.cacheNotes.count == 1 && report.cacheNotes[0].contains("ignored and rewritten"), "\(report.cacheNotes)")
        #expect(try FixtureSite.tree(site.output) == IncrementalBuildTests.cleanTree(site))
    }

    @Test func aCacheLetGoWhileItsWriterStillHoldsAnEntryDoesNotWaitForItself() throws {
        // A build that fails during its check lets go of the cache with an entry still being
        // written: the write block then holds the last reference, and the cache's deinit runs on
        // the writer queue. Waiting there for that same queue traps (seen: the test process died).
        let config = testConfig()
        let current = try snapshot(fullHeader + "\nD-1,Marketing,SMB,2026-10-01,,,,2026-10-05,,,1200.50,2026-12-01,Ann",
                                   date: "2026-11-06", config: config)
        var engine = MetricsEngine(config: config)
        let metrics = try engine.metrics(for: current, previous: nil)
        let carry = BridgeCarry(of: current, pipelineStage: config.pipelineStageIndex)
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for round in 0..<50 {
            var cache: BuildCache? = try BuildCache(folder: folder, protecting: [])
            cache?.store(metrics, statusCounts: [:], bridge: carry, key: SHA256Digest(of: Array("round \(round)".utf8)))
            cache = nil
        }
        // Every entry is written all the same (by the writer, after the test let go of each cache).
        let deadline = Date().addingTimeInterval(20)
        var written = 0
        while written < 50, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + BuildCache.snapshotsFolder)) ?? []
            written = names.filter { BuildCache.isEntryName($0) && !$0.contains(".tmp-") }.count
        }
        #expect(written == 50)
    }

    @Test func aBridgeEntryReadsBackItsOwnBytesAndRefusesColumnsThatDoNotAddUp() throws {
        let config = testConfig()
        let current = try snapshot(fullHeader + """

            D-1,Marketing,SMB,2026-10-01,2026-10-02,2026-10-03,2026-10-04,2026-10-05,,,1200.50,2026-12-01,Ann
            "D,2",Events,Enterprise,2026-10-01,,,,2026-10-06,,,99,2026-12-15,"Bo ""B"" Jr"
            D-3,Marketing,SMB,2026-10-01,,,,2026-10-07,2026-10-20,,500,2026-10-20,Cy
            """, date: "2026-11-06", config: config)
        let carry = BridgeCarry(of: current, pipelineStage: config.pipelineStageIndex)
        #expect(carry.ids == ["D-1", "D,2"], "the open records only")
        let bytes = carry.encoded()
        let back = try BridgeCarry(decoding: bytes)
        #expect(back.encoded() == bytes)
        #expect(back.snapshot().records.map(\.amount) == current.records.prefix(2).map(\.amount))
        // A count that promises more than the body holds, under a checksum that matches.
        var writer = BinaryColumnWriter()
        writer.int(Int64(current.date.daysSinceEpoch))
        writer.string("snapshots/2026-11-06.csv")
        writer.int(6)
        writer.int(1)
        writer.strings(["only one id"])
        for _ in 0..<3 { writer.strings([]) }
        #expect(throws: CacheRecord.Problem.self) {
            try BridgeCarry(decoding: CacheRecord.wrap(writer.bytes, kind: BridgeCarry.kind, format: BridgeCarry.format))
        }
        for cut in [1, bytes.count / 2, bytes.count - 1] {
            #expect(throws: CacheRecord.Problem.self) { try BridgeCarry(decoding: Array(bytes.prefix(cut))) }
        }
    }

    @Test func recordListsReadBackFieldForFieldAndRefuseEveryCutOrOverlongCount() throws {
        let quarter = FiscalQuarter(fiscalYear: 2027, quarter: 4, start: day("2026-11-01"), end: day("2027-01-31"))
        let later = FiscalQuarter(fiscalYear: 2028, quarter: 1, start: day("2027-02-01"), end: day("2027-04-30"))
        let pipeline = [PipelineDeal(id: "D,1", name: "Acme \"GmbH\"", owner: "Ann", amount: Money(cents: 120_050), stage: 4,
                                     closeDate: day("2026-12-01")),
                        PipelineDeal(id: "D-2", name: "", owner: "日本", amount: Money(cents: 0), stage: 5, closeDate: day("1999-01-01"))]
        let leads = [BreachedLead(id: "L-1", name: "Lead", owner: "Bo", enteredOn: day("2026-10-01"), daysWaiting: 36)]
        let bridge = [BridgeDeal(id: "B-1", name: "Won it", owner: "Cy", amount: Money(cents: 9_999_999_999), lostReason: ""),
                      BridgeDeal(id: "B-2", name: "Lost it", owner: "Di", amount: Money(cents: 1), lostReason: "Price\nand timing")]
        let shifted = [ShiftedDeal(id: "S-1", name: "Moved", owner: "Ed", amount: Money(cents: 500), closeBefore: day("2027-01-20"),
                                   closeAfter: day("2027-02-10"), quarterBefore: quarter, quarterAfter: later)]
        let first = SnapshotLists.Scope(pastDueDeals: pipeline, inQuarterDeals: [], breachedLeads: [leads, [], leads], wonDeals: bridge,
                                        lostDeals: Array(bridge.reversed()), removedDeals: [], pushedDeals: shifted,
                                        pulledInDeals: shifted + shifted)
        let second = SnapshotLists.Scope(pastDueDeals: [], inQuarterDeals: pipeline, breachedLeads: [], wonDeals: [], lostDeals: [],
                                         removedDeals: bridge, pushedDeals: [], pulledInDeals: [])
        let lists = SnapshotLists(scopes: [first, second])
        let body = lists.binaryBody()
        let back = try SnapshotLists(binaryBody: body[...])
        #expect(back.scopes.count == 2)
        for (read, written) in zip(back.scopes, lists.scopes) {
            #expect(read.pastDueDeals == written.pastDueDeals)
            #expect(read.inQuarterDeals == written.inQuarterDeals)
            #expect(read.breachedLeads == written.breachedLeads)
            #expect(read.wonDeals == written.wonDeals)
            #expect(read.lostDeals == written.lostDeals)
            #expect(read.removedDeals == written.removedDeals)
            #expect(read.pushedDeals == written.pushedDeals)
            #expect(read.pulledInDeals == written.pulledInDeals)
        }
        #expect(back.binaryBody() == body)
        // Every cut throws (never reads past the end), and so does a byte too many.
        for cut in 0..<body.count {
            #expect(throws: CacheRecord.Problem.self) { try SnapshotLists(binaryBody: body.prefix(cut)) }
        }
        #expect(throws: CacheRecord.Problem.self) { try SnapshotLists(binaryBody: (body + [0])[...]) }
        // A scope count that promises more scopes than the body holds.
        var writer = BinaryColumnWriter()
        writer.int(Int64(Int32.max))
        #expect(throws: CacheRecord.Problem.self) { try SnapshotLists(binaryBody: writer.bytes[...]) }
    }

    @Test func anEntryThatCannotBeWrittenIsNotedAndTheSiteIsStillWhole() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        // The cache folder's `snapshots` is a file, so no entry can be written (they are written on
        // the cache's writer queue while the build goes on): each failure is a note, not an error.
        let cache = Self.cacheFolder(site)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data("marker\n".utf8).write(to: cache.appendingPathComponent(BuildCache.markerName))
        try Data("in the way\n".utf8).write(to: cache.appendingPathComponent(BuildCache.snapshotsFolder))
        let report = try Self.build(site)
        #expect(report.cacheNotes.count == Self.weeks.count, "\(report.cacheNotes)")
        #expect(report.cacheNotes.allSatisfy { $0.contains("not stored") }, "\(report.cacheNotes)")
        #expect(try FixtureSite.tree(site.output) == IncrementalBuildTests.cleanTree(site))
        #expect(try Self.build(site).snapshotsFromCache == 0)
    }

    @Test func deletingTheCacheChangesNothingButTheTime() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try Self.build(site)
        try Self.build(site)
        let cached = try FixtureSite.tree(site.output)
        try FileManager.default.removeItem(at: Self.cacheFolder(site))
        let report = try Self.build(site)
        #expect(report.snapshotsParsed == Self.weeks.count && report.snapshotsFromCache == 0)
        #expect(try FixtureSite.tree(site.output) == cached)
        #expect(cached == (try IncrementalBuildTests.cleanTree(site)))
    }

    @Test func entriesOfRemovedWeeksAreDeletedAndOtherFilesLeftAlone() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try Self.build(site)
        let snapshots = Self.cacheFolder(site).appendingPathComponent(BuildCache.snapshotsFolder)
        try Data("mine\n".utf8).write(to: snapshots.appendingPathComponent("notes.txt"))
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("snapshots/2026-11-20.csv"))
        try Self.build(site)
        #expect(try Self.entries(site).map(\.lastPathComponent).filter(BuildCache.isEntryName).count == Self.weeks.count - 1)
        #expect(FileManager.default.fileExists(atPath: snapshots.appendingPathComponent("notes.txt").path))
    }

    @Test func restoredMetricsEqualComputedOnesIncludingTrends() throws {
        let site = try FixtureSite("site-small")
        defer { site.remove() }
        try Self.build(site)
        let folder = Self.cacheFolder(site).path
        let options = BuildOptions(content: site.content.path, output: site.output.path)
        var builder = SiteBuilder(options: options)
        builder.toolVersion = "test 1"
        let archive = try ArchiveFolder(root: site.output.appendingPathComponent("archive").path)
        let cache = try BuildCache(folder: folder, protecting: [])
        var restored = try builder.check(archive: archive, cache: cache)
        #expect(restored.report.snapshotsFromCache == Self.weeks.count)
        #expect(restored.metrics.allSatisfy { $0.scopes.allSatisfy { $0.pipeline.inQuarterDeals.isEmpty } })
        try restored.fillLists(weeks: restored.metrics.indices, from: cache)
        #expect(restored.listsInCache.isEmpty)
        let computed = try builder.check(archive: archive)
        #expect(computed.report.snapshotsParsed == Self.weeks.count)
        #expect(restored.metrics.count == computed.metrics.count)
        for (a, b) in zip(restored.metrics, computed.metrics) {
            // Every stored field, the trends included, as the cache encodes them.
            #expect(try CacheRecord.encode(a, kind: "test", format: 1) == CacheRecord.encode(b, kind: "test", format: 1))
            #expect(a.scopes.map(\.trend) == b.scopes.map(\.trend))
        }
        #expect(restored.report.diagnostics == computed.report.diagnostics)
    }
}
