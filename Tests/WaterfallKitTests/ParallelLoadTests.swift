import Foundation
import Testing
@testable import WaterfallKit
@testable import WaterfallDemo

/// The parallel loader (issue 10): however a file is cut into pieces and however many threads
/// check them, the snapshot, its diagnostics and the built site are the same bytes as reading
/// the file in one piece on one thread.
@Suite struct ParallelLoadTests {
    /// One piece per file on one thread: what a single-threaded build reads.
    static let single = ParseParallelism(workers: 1, chunkBytes: 1 << 30)

    /// Rows whose quoted fields hold line breaks (LF and CRLF), blank lines, a row of the wrong
    /// width, and ids repeated far apart: a first copy rejected (E3) so a later one is accepted,
    /// a duplicate of an accepted row (E2), and a duplicate without stage dates (E2, not E6).
    static let tricky = [
        fullHeader,
        "a1,Marketing,SMB,2026-11-01,2026-11-02,,,,,,10,,\"Ann\nSmith\"",
        "",
        "a2,Sales,\"Mid\r\nMarket\",2026-11-03,not-a-date,,,,,,20,,Bo",
        "   ",
        "a2,Sales,Enterprise,2026-11-03,2026-11-04,,,,,,20,,\"Bo \"\"the\"\"\n\nboss\"",
        "a3,Partner,SMB,,,,,,,,,,\"no dates\"",
        "a1,Marketing,SMB,2026-11-05,,,,,,,5,,\"copy\r\nof a1\"",
        "a4,Marketing,SMB,2026-11-06,2026-11-05,,,,,,7,,x\"y",
        "a5,Marketing,SMB,2026-11-06,,,,,,,7,,too,many",
        "a3,Partner,SMB,,,,,,,,,,\"still no dates\"",
        "a6,Marketing,SMB,2026-11-07,,,,,,,1,,\"last\nrow\"",
    ].joined(separator: "\r\n")

    static func load(_ csv: String, _ parallelism: ParseParallelism) throws -> Snapshot {
        try SnapshotLoader.$parallelism.withValue(parallelism) {
            try snapshot(csv, date: "2026-11-20")
        }
    }

    @Test func everyCutOfAFileWithQuotedLineBreaksGivesTheSameSnapshot() throws {
        let reference = try Self.load(Self.tricky, Self.single)
        #expect(reference.diagnostics.contains { $0.code == .e2 } && reference.records.count == 4)
        for workers in [1, 2, 3] {
            for chunkBytes in 1...Self.tricky.utf8.count + 1 {
                let cut = try Self.load(Self.tricky, ParseParallelism(workers: workers, chunkBytes: chunkBytes))
                #expect(cut.diagnostics == reference.diagnostics, "workers \(workers), pieces of \(chunkBytes) bytes")
                #expect(cut.texts == reference.texts && cut.lines == reference.lines && cut.rowCount == reference.rowCount)
                #expect(cut.records.map(\.stageDates) == reference.records.map(\.stageDates))
                #expect(cut.records.map(\.row) == reference.records.map(\.row))
                #expect(cut.sources == reference.sources && cut.dimensionValues == reference.dimensionValues)
                #expect(cut.records.map(\.source) == reference.records.map(\.source))
                #expect(cut.records.map { $0.dimensionValue(0) } == reference.records.map { $0.dimensionValue(0) })
            }
        }
    }

    @Test func lineNumbersCountEveryPhysicalLineInsideQuotes() throws {
        let loaded = try Self.load(Self.tricky, ParseParallelism(workers: 3, chunkBytes: 7))
        let rows = loaded.diagnostics.filter(\.code.isRowCheck).map { "\($0.code.rawValue)@\($0.location.line ?? 0)" }
        // Physical lines: a1 2–3, blank 4, a2 5–6 (E3), blank 7, a2 8–10, a3 11 (E6), a1 12–13 (E2 of
        // line 2), a4 14 (W1), a5 15 (E5), a3 16 (E6: the first a3 was not accepted), a6 17–18.
        #expect(rows == ["E3@5", "E6@11", "E2@12", "W1@14", "E5@15", "E6@16"])
        #expect(loaded.lines == [2, 8, 14, 17])
        let duplicate = try #require(loaded.diagnostics.first { $0.code == .e2 })
        #expect(duplicate.message.hasSuffix("was already accepted on line 2"))
        #expect(loaded.texts.map(\.owner) == ["Ann\nSmith", "Bo \"the\"\n\nboss", "x\"y", "last\nrow"])
        #expect(loaded.dimensionValues == [["SMB", "Enterprise"]])
    }

    @Test func aDuplicateOfARowAcceptedInAnEarlierPieceIsE2EvenWithoutStageDates() throws {
        let csv = [fullHeader, "d1,Sales,SMB,2026-11-01,,,,,,,1,,", "d2,Sales,SMB,2026-11-01,,,,,,,1,,", "d1,Sales,SMB,,,,,,,,1,,"]
            .joined(separator: "\n")
        let loaded = try Self.load(csv, ParseParallelism(workers: 2, chunkBytes: 1))
        #expect(loaded.diagnostics.filter(\.code.isRowCheck).map(\.code) == [.e2])
        #expect(loaded.ids.position(of: "d2") == 1 && loaded.ids.position(of: "d3") == nil)
    }

    @Test func aFileThatIsNotUTF8NamesItsFirstBadLineWhateverThePieces() throws {
        var bytes = Array((fullHeader + "\nu1,Sales,SMB,2026-11-01,,,,,,,1,,\"a\nb\"\nu2,Sales,SMB,2026-11-01,,,,,,,1,,").utf8)
        bytes += [0xE9] + Array("\nu3,Sales,SMB,2026-11-01,,,,,,,1,,\u{FF}".utf8)
        for parallelism in [Self.single, ParseParallelism(workers: 2, chunkBytes: 3)] {
            #expect(throws: ContentError.notUTF8(path: "x.csv", line: 4)) {
                try SnapshotLoader.$parallelism.withValue(parallelism) {
                    try SnapshotLoader.load(from: MemoryByteSource(bytes), file: "x.csv", displayPath: "x.csv",
                                            date: day("2026-11-20"), config: testConfig())
                }
            }
        }
    }

    /// The demo company, with a quoted line break in the name of every fifth plain row (a field on pages and in lists), built with
    /// one worker reading whole files and computing every scope in turn, and with several reading pieces far smaller than a
    /// file, merging them on a thread of their own and computing scopes side by side.
    @Test func theDemoSiteIsByteIdenticalWithOneWorkerAndMany() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let content = folder + "/content"
        try ContentFolderWriter.write(DemoCompany(options: .init(records: 600, weeks: 3, seed: 5)).files(), to: content, replace: false)
        let snapshots = content + "/snapshots"
        var broken = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: snapshots) where name.hasSuffix(".csv") {
            let path = snapshots + "/" + name
            var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
            let nameColumn = try #require(lines[0].split(separator: ",", omittingEmptySubsequences: false).firstIndex(of: "name"))
            for index in lines.indices.dropFirst() where index % 5 == 0 && !lines[index].contains("\"") {
                var fields = lines[index].components(separatedBy: ",")
                guard fields.count > nameColumn else { continue }
                fields[nameColumn] = "\"" + fields[nameColumn] + "\nand, \"\"partner\"\"\r\n\""
                lines[index] = fields.joined(separator: ",")
                broken += 1
            }
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(broken > 100)
        var trees: [[String: Data]] = []
        var reports: [[Diagnostic]] = []
        for parallelism in [Self.single, ParseParallelism(workers: 1, chunkBytes: 1), ParseParallelism(workers: 3, chunkBytes: 1000)] {
            let output = folder + "/output-\(parallelism.workers)-\(parallelism.chunkBytes)"
            // The metrics too: scopes and tallies on one thread, or spread over several.
            try SnapshotLoader.$parallelism.withValue(parallelism) {
                try ComputeParallelism.$workers.withValue(parallelism.workers) {
                    let report = try SiteBuilder(options: BuildOptions(content: content, templates: folder + "/no-theme", output: output)).build()
                    reports.append(report.diagnostics)
                }
            }
            trees.append(try FixtureSite.tree(URL(fileURLWithPath: output)))
        }
        #expect(trees[0].count > 50)
        #expect(reports[0].contains { $0.code == .e2 || $0.code == .e3 })
        for (tree, report) in zip(trees.dropFirst(), reports.dropFirst()) {
            #expect(report == reports[0])
            #expect(tree.keys.sorted() == trees[0].keys.sorted())
            for (path, bytes) in trees[0] where tree[path] != bytes { Issue.record("\(path) differs") }
        }
    }
}
