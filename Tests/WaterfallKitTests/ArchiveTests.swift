import Foundation
import Testing
@testable import WaterfallKit

/// The quarterly archive (SPEC §10) on `site-quarters`: six snapshots of the demo company,
/// FY2027-Q2 (31 Jul), FY2027-Q3 (7 Aug, 4 Sep, 30 Oct: closed) and FY2027-Q4 (6 and 20 Nov, open).
@Suite struct ArchiveTests {
    static let quarter = "FY2027-Q3"
    static let bag = "archive/FY2027-Q3/"

    @discardableResult
    static func build(_ site: FixtureSite, into output: URL? = nil, restate: [String] = [], strict: Bool = false,
                      fault: OutputDirectory.FaultInjection? = nil) throws -> BuildReport {
        var builder = SiteBuilder(options: BuildOptions(
            content: site.content.path, templates: site.folder.appendingPathComponent("no-theme").path,
            output: (output ?? site.output).path, strict: strict, restate: restate))
        builder.faultInjection = fault
        return try builder.build()
    }

    static func subtree(_ tree: [String: Data], _ prefix: String) -> [String: Data] { FixtureSite.subtree(tree, prefix) }

    static func text(_ data: Data?) -> String { data.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    /// The company's open pipeline and quarter-to-date bookings in a metrics.json, formatted as pages show them.
    static func headline(_ data: Data?) throws -> (pipeline: String, bookings: String) {
        let bytes = try #require(data)
        let document = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        let company = try #require((document["scopes"] as? [[String: Any]])?.first)
        func money(_ value: Any?) -> String {
            Format(currency: "USD").money(Money(cents: Int64((((value as? NSNumber)?.doubleValue ?? .nan) * 100).rounded())))
        }
        return (money((company["pipeline"] as? [String: Any])?["amount"]),
                money(((company["bookings"] as? [String: Any])?["qtd"] as? [String: Any])?["amount"]))
    }

    /// Raises the amount of the first open opportunity of a snapshot by 1,000: the open pipeline moves.
    static func raiseAnOpenAmount(in file: URL) throws {
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        let column = { (name: String) in header.firstIndex(of: name)! }
        let index = try #require(lines.indices.dropFirst().first { index in
            let fields = lines[index].components(separatedBy: ",")
            return fields.count == header.count && !fields[column("opportunity_date")].isEmpty && fields[column("won_date")].isEmpty
                && fields[column("lost_date")].isEmpty && Int(fields[column("amount")]) != nil
        })
        var fields = lines[index].components(separatedBy: ",")
        fields[column("amount")] = String(Int(fields[column("amount")])! + 1000)
        lines[index] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    // MARK: - Writing a bag

    @Test func eachClosedQuarterIsWrittenAsABagOfItsSiteAndInputs() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        let report = try Self.build(site)
        #expect(report.archived == ["FY2027-Q2", "FY2027-Q3"])
        let tree = try FixtureSite.tree(site.output)
        let bag = Self.subtree(tree, Self.bag)
        #expect(Self.text(bag["bagit.txt"]) == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        let info = Self.text(bag["bag-info.txt"])
        for line in ["Source-Organization: Northwind Robotics", "Waterfall-Quarter: FY2027-Q3", "Bagging-Date: 2026-10-30",
                     "Waterfall-Last-Snapshot: 2026-10-30", "Waterfall-Version: \(WaterfallVersion.current)"] {
            #expect(info.contains(line + "\n"), "bag-info.txt lacks \(line)")
        }
        // The payload: the site as of the quarter's last snapshot, and the inputs as under content/.
        let payload = bag.filter { $0.key.hasPrefix("data/") }
        let octets = payload.values.reduce(0) { $0 + $1.count }
        #expect(info.contains("Payload-Oxum: \(octets).\(payload.count)\n"))
        let snapshots = ["2026-07-31", "2026-08-07", "2026-09-04", "2026-10-30"]
        #expect(Set(payload.keys.filter { $0.hasPrefix("data/inputs/snapshots/") })
                == Set(snapshots.map { "data/inputs/snapshots/\($0).csv" }))
        for input in snapshots.map({ "snapshots/\($0).csv" }) + ["site.yml", "targets.csv", "commentary/2026-08-07.md",
                                                                 "commentary/2026-10-30.md", "commentary/2026-10-30/segment/smb.md"] {
            #expect(payload["data/inputs/" + input] == (try Data(contentsOf: site.content.appendingPathComponent(input))), "\(input)")
        }
        #expect(payload["data/inputs/commentary/2026-11-20.md"] == nil, "Q4's commentary is not Q3's input")
        #expect(payload["data/site/weeks/2026-11-06/index.html"] == nil, "no week of a later quarter")
        #expect(payload["data/site/weeks/2026-07-31/index.html"] == nil, "no week of an earlier quarter")
        #expect(payload["data/site/data/metrics.json"] == tree["weeks/2026-10-30/metrics.json"])
        #expect(Self.text(payload["data/site/index.html"]).contains("As of 30 Oct 2026"))
        // Every payload file is in the manifest with its SHA-256, and nothing else is.
        let manifest = Bag.entries(ofManifest: Self.text(bag["manifest-sha256.txt"]))
        #expect(Set(manifest.map(\.path)) == Set(payload.keys))
        for entry in manifest { #expect(SHA256Digest(of: payload[entry.path]!) == entry.digest, "\(entry.path)") }
        #expect(manifest.map(\.path) == manifest.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let tags = Bag.entries(ofManifest: Self.text(bag["tagmanifest-sha256.txt"]))
        #expect(Set(tags.map(\.path)) == ["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "index.html"])
        for entry in tags { #expect(SHA256Digest(of: bag[entry.path]!) == entry.digest, "\(entry.path)") }
        #expect(Self.text(bag["index.html"]).contains("href=\"data/site/index.html\""))
        // The open quarter is not archived.
        #expect(tree.keys.contains { $0.hasPrefix("archive/FY2027-Q4/") } == false)
    }

    @Test func aBagIsByteIdenticalWhicheverFolderTheBuildRunsIn() throws {
        let first = try FixtureSite("site-quarters"), second = try FixtureSite("site-quarters")
        defer { first.remove(); second.remove() }
        try Self.build(first)
        try Self.build(second, into: second.folder.appendingPathComponent("elsewhere/site"))
        let one = Self.subtree(try FixtureSite.tree(first.output), "archive/")
        let other = Self.subtree(try FixtureSite.tree(second.folder.appendingPathComponent("elsewhere/site")), "archive/")
        #expect(one.count > 100)
        #expect(Set(one.keys) == Set(other.keys))
        for (path, bytes) in one { #expect(other[path] == bytes, "archive/\(path) differs") }
    }

    @Test func theArchivedFirstWeekShowsTheSameChangesAsTheMainSite() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site)
        let tree = try FixtureSite.tree(site.output)
        let changes = try Regex(#"<p class="change change-[a-z]+">.+?</p>"#)
        for page in ["index.html", "segment/enterprise/index.html", "region/emea/index.html"] {
            let main = Self.text(tree["weeks/2026-08-07/" + page])
            let archived = Self.text(tree[Self.bag + "data/site/weeks/2026-08-07/" + page])
            #expect(!archived.contains("first snapshot"), "\(page): the archive's first week lost its previous week")
            let mainChanges = main.matches(of: changes).map { String(main[$0.range]) }
            #expect(!mainChanges.isEmpty)
            #expect(archived.matches(of: changes).map { String(archived[$0.range]) } == mainChanges, "\(page)")
            // The pages differ only in the note that they are archived, the link back to July and
            // their absolute address (og:url, under archive/QUARTER/data/site/ for the archived copy).
            let strip = { (html: String) in
                html.replacing(try! Regex(#"<p class="archived-note">[^\n]*\n"#), with: "")
                    .replacing(try! Regex(#"<meta property="og:url" content="[^"]*">\n"#), with: "")
                    .replacing(try! Regex(#"<a rel="prev" href="[^"]*">[^<]*</a>"#), with: "")
            }
            #expect(strip(archived) == strip(main), "\(page)")
        }
    }

    // MARK: - Never rewritten; restatements

    @Test func anotherCompanysArchiveInTheOutputStopsCheckAndBuildInsteadOfJoiningTheHistory() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site)
        let before = try FixtureSite.tree(site.output)
        // Another report's content (the tiny fixture, "Tiny & Co") pointed at this output folder.
        let other = try FixtureSite("tiny")
        defer { other.remove() }
        let options = BuildOptions(content: other.content.path, output: site.output.path)
        for run in [{ _ = try SiteBuilder(options: options).check() }, { _ = try SiteBuilder(options: options).build() }] {
            let error = #expect(throws: ContentError.self) { try run() }
            let message = error.map(String.init(describing:)) ?? ""
            #expect(message.contains("archive/FY2027-Q2") && message.contains("\"Northwind Robotics\"")
                    && message.contains("\"Tiny & Co\"") && message.contains("--output DIR"), "\(message)")
        }
        #expect(try FixtureSite.tree(site.output) == before)
        // The same company's content reads it as before.
        #expect(try SiteBuilder(options: BuildOptions(content: site.content.path, output: site.output.path)).check()
            .metrics.count == 6)
    }

    @Test func aLaterBuildLeavesTheBagAsItWasAndNamesTheChangedInputsAndFigures() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site)
        let before = try FixtureSite.tree(site.output)
        // A quarter's export corrected, and a snapshot dated inside the quarter added.
        try Self.raiseAnOpenAmount(in: site.content.appendingPathComponent("snapshots/2026-10-30.csv"))
        try FileManager.default.copyItem(at: site.content.appendingPathComponent("snapshots/2026-10-30.csv"),
                                         to: site.content.appendingPathComponent("snapshots/2026-10-31.csv"))
        let report = try Self.build(site)
        let after = try FixtureSite.tree(site.output)
        #expect(Self.subtree(after, "archive/FY2027-Q3/") == Self.subtree(before, "archive/FY2027-Q3/"))
        #expect(Self.subtree(after, "archive/FY2027-Q2/") == Self.subtree(before, "archive/FY2027-Q2/"))
        #expect(report.archived.isEmpty)
        let warnings = report.siteDiagnostics.map(\.message).filter { $0.contains("archive/FY2027-Q3") }
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.contains("snapshots/2026-10-30.csv changed"))
        #expect(warning.contains("snapshots/2026-10-31.csv added"))
        #expect(warning.contains("--restate FY2027-Q3"))
        let old = try Self.headline(before[Self.bag + "data/site/data/metrics.json"])
        let new = try Self.headline(after["weeks/2026-10-31/metrics.json"])
        #expect(old.pipeline != new.pipeline)
        #expect(warning.contains("open pipeline at the end: \(old.pipeline) → \(new.pipeline)"), "\(warning)")
        #expect(warning.contains("last snapshot: 2026-10-30 → 2026-10-31"))
        #expect(!warning.contains("bookings in the quarter:"), "bookings did not change: \(warning)")
        #expect(report.siteDiagnostics.map(\.message).allSatisfy { !$0.contains("archive/FY2027-Q2") }, "Q2's inputs did not change")
        // The main site shows the corrected figures.
        #expect(try Self.headline(after["weeks/2026-10-30/metrics.json"]).pipeline == new.pipeline)
        #expect(try Self.headline(before["weeks/2026-10-30/metrics.json"]).pipeline == old.pipeline)
    }

    @Test func strictTurnsARestatementIntoAFailureThatWritesNothing() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site, strict: true)
        let before = try FixtureSite.tree(site.output)
        try Self.raiseAnOpenAmount(in: site.content.appendingPathComponent("snapshots/2026-10-30.csv"))
        #expect {
            try Self.build(site, strict: true)
        } throws: { error in
            guard case let .restatementInStrictMode(warnings) = error as? ArchiveError else { return false }
            return warnings.count == 1 && warnings[0].contains("snapshots/2026-10-30.csv changed")
                && "\(error)".hasPrefix("--strict: the inputs behind an archived quarter changed")
        }
        #expect(try FixtureSite.tree(site.output) == before)
    }

    @Test func aSettingsChangeIsARestatementOnlyWhenItAltersTheQuartersFigures() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site)
        let siteYML = site.content.appendingPathComponent("site.yml")
        let yaml = try String(contentsOf: siteYML, encoding: .utf8)
        try yaml.replacingOccurrences(of: "definition: \"A signed", with: "definition: \"An order signed").write(to: siteYML, atomically: true, encoding: .utf8)
        #expect(try String(contentsOf: siteYML, encoding: .utf8) != yaml)
        #expect(try Self.build(site).siteDiagnostics.map(\.message).allSatisfy { !$0.contains("archive/") }, "a definition's wording is no figure")

        let targets = site.content.appendingPathComponent("targets.csv")
        let plan = try String(contentsOf: targets, encoding: .utf8)
        try plan.replacingOccurrences(of: "FY2027-Q3,,,15000", with: "FY2027-Q3,,,16000").write(to: targets, atomically: true, encoding: .utf8)
        let warnings = try Self.build(site).siteDiagnostics.map(\.message).filter { $0.contains("archive/") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("archive/FY2027-Q3") == true)
        #expect(warnings.first?.contains("targets.csv changed") == true)
        #expect(warnings.first?.contains("Headline figures that would change: none") == true, "the target is not a headline figure")
    }

    @Test func restateRewritesTheQuarterAndLogsTheDigestsAndFigures() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site)
        let before = try FixtureSite.tree(site.output)
        let oldDigest = SHA256Digest(of: try #require(before[Self.bag + "manifest-sha256.txt"]))
        try Self.raiseAnOpenAmount(in: site.content.appendingPathComponent("snapshots/2026-10-30.csv"))
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("commentary/2026-08-07.md"))
        let report = try Self.build(site, restate: [Self.quarter])
        #expect(report.restated == [Self.quarter])
        #expect(report.siteDiagnostics.map(\.message).allSatisfy { !$0.contains("archive/") })
        let after = try FixtureSite.tree(site.output)
        let bag = Self.subtree(after, Self.bag)
        #expect(bag["data/inputs/snapshots/2026-10-30.csv"] == (try Data(contentsOf: site.content.appendingPathComponent("snapshots/2026-10-30.csv"))))
        #expect(bag["data/inputs/commentary/2026-08-07.md"] == nil, "a restated quarter takes its commentary from content/ as it is")
        #expect(Set(Bag.entries(ofManifest: Self.text(bag["manifest-sha256.txt"])).map(\.path)) == Set(bag.keys.filter { $0.hasPrefix("data/") }))
        let newDigest = SHA256Digest(of: try #require(bag["manifest-sha256.txt"]))
        #expect(newDigest != oldDigest)
        #expect(Self.subtree(after, "archive/FY2027-Q2/") == Self.subtree(before, "archive/FY2027-Q2/"))
        let log = Self.text(after["archive/RESTATEMENTS.md"])
        let old = try Self.headline(before[Self.bag + "data/site/data/metrics.json"]), new = try Self.headline(bag["data/site/data/metrics.json"])
        for line in ["## FY2027-Q3, restated by the build of 2026-11-20", "- Manifest before: `\(oldDigest.hex)`",
                     "- Manifest after: `\(newDigest.hex)`", "- Inputs that changed: commentary/2026-08-07.md removed; snapshots/2026-10-30.csv changed",
                     "  - open pipeline at the end: \(old.pipeline) → \(new.pipeline)"] {
            #expect(log.contains(line), "RESTATEMENTS.md lacks \(line):\n\(log)")
        }
        let index = Self.text(after["archive/index.html"])
        #expect(index.contains(oldDigest.hex) && index.contains(newDigest.hex))
        #expect(index.contains("open pipeline at the end: \(old.pipeline) → \(new.pipeline)"))

        // A later build keeps the log and the rewritten bag, and finds nothing changed.
        let again = try Self.build(site)
        #expect(again.siteDiagnostics.map(\.message).allSatisfy { !$0.contains("archive/") })
        let third = try FixtureSite.tree(site.output)
        #expect(Self.subtree(third, "archive/") == Self.subtree(after, "archive/"))
    }

    @Test func restatingAQuarterThatIsNotArchivedIsAnErrorNamingTheArchivedOnes() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site)
        let before = try FixtureSite.tree(site.output)
        #expect {
            try Self.build(site, restate: ["FY2027-Q4"])
        } throws: { error in
            "\(error)".hasPrefix("--restate FY2027-Q4:") && "\(error)".contains("it holds FY2027-Q2, FY2027-Q3")
        }
        #expect(try FixtureSite.tree(site.output) == before)
    }

    // MARK: - Pruning

    @Test func pruningArchivedSnapshotsAndCommentaryLeavesTheWholeSiteByteIdentical() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site)
        let before = try FixtureSite.tree(site.output)
        let snapshots = site.content.appendingPathComponent("snapshots")
        for name in try FileManager.default.contentsOfDirectory(atPath: snapshots.path) where name < "2026-11" {
            try FileManager.default.removeItem(at: snapshots.appendingPathComponent(name))
        }
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("commentary/2026-10-30"))
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("commentary/2026-10-30.md"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: snapshots.path).count == 2)
        let report = try Self.build(site)
        #expect(report.snapshots.count == 6)
        #expect(report.siteDiagnostics.map(\.message).allSatisfy { !$0.contains("archive/") }, "\(report.siteDiagnostics.map(\.message))")
        let after = try FixtureSite.tree(site.output)
        #expect(Set(after.keys) == Set(before.keys))
        for (path, bytes) in before { #expect(after[path] == bytes, "\(path) changed after pruning") }
    }

    @Test func explainReadsAWeekPrunedFromContentFromItsBagAndStillAddsUp() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site)
        let before = try Explainer.load(content: site.content.path, week: "2026-08-07", output: site.output.path)
        let snapshots = site.content.appendingPathComponent("snapshots")
        for name in try FileManager.default.contentsOfDirectory(atPath: snapshots.path) where name < "2026-11" {
            try FileManager.default.removeItem(at: snapshots.appendingPathComponent(name))
        }
        // Without the output folder the week is gone, and the message says where else to look.
        #expect {
            try Explainer.load(content: site.content.path, week: "2026-08-07")
        } throws: { "\($0)".contains("archived under the --output folder's archive/") }
        let pruned = try Explainer.load(content: site.content.path, week: "2026-08-07", output: site.output.path)
        var withRecords = 0
        for field in try pruned.fields(scope: "company") {
            guard let explained = try? pruned.explain(field, scope: "company") else { continue }
            #expect(explained.reconciles, "\(explained.summary)")
            #expect(explained.csv() == (try before.explain(field, scope: "company")).csv(), "\(field)")
            if explained.count > 0 { withRecords += 1 }
        }
        #expect(withRecords > 10, "the pruned week's figures have records behind them")
    }

    @Test func explainLeavesAnotherCompanysArchiveAloneUnlessTheWeekIsOnlyThere() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site)
        let other = try FixtureSite("site-small")
        defer { other.remove() }
        let settings = other.content.appendingPathComponent("site.yml")
        let yaml = try String(contentsOf: settings, encoding: .utf8)
        try yaml.replacingOccurrences(of: "company: \"Northwind Robotics\"", with: "company: Other Company")
            .write(to: settings, atomically: true, encoding: .utf8)
        // Its own latest week explains as without an archive...
        let latest = try Explainer.load(content: other.content.path, output: site.output.path)
        #expect(try latest.explain("volume.mql.qtd", scope: "company").reconciles)
        // ...and a week only Northwind's archive holds is refused with the build's message about it.
        #expect {
            try Explainer.load(content: other.content.path, week: "2026-08-07", output: site.output.path)
        } throws: { "\($0)".contains("Northwind Robotics") && "\($0)".contains("Other Company") }
    }

    // MARK: - Links

    @Test func theMainSiteLinksTheArchiveFromThePagesRebuiltEveryWeek() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site)
        let tree = try FixtureSite.tree(site.output)
        #expect(Self.text(tree["index.html"]).contains("<a href=\"archive/index.html\">Archive</a>"))
        #expect(Self.text(tree["segment/smb/index.html"]).contains("<a href=\"../../archive/index.html\">Archive</a>"))
        #expect(Self.text(tree["weeks/index.html"]).contains("<a href=\"../archive/index.html\">Archive</a>"))
        #expect(!Self.text(tree["weeks/2026-11-20/index.html"]).contains("archive/index.html"), "permanent week pages stay as written")
        let index = Self.text(tree["archive/index.html"])
        #expect(index.contains("href=\"FY2027-Q3/data/site/index.html\">FY2027-Q3</a>"))
        #expect(index.contains("No archived quarter has been rewritten."))

        let small = try FixtureSite("site-small")
        defer { small.remove() }
        try small.build()
        #expect(!Self.text(try FixtureSite.tree(small.output)["index.html"]).contains("archive/"), "no archive, no link")
    }

    // MARK: - Faults

    @Test func aBuildFailingAfterStagingLeavesTheArchiveExactlyAsItWas() throws {
        let site = try FixtureSite("site-quarters")
        defer { site.remove() }
        try Self.build(site)
        let archive = site.output.appendingPathComponent("archive")
        let before = try FixtureSite.tree(archive)
        func inodes() throws -> [String: UInt64] {
            try before.keys.reduce(into: [:]) { result, path in
                let attributes = try FileManager.default.attributesOfItem(atPath: archive.appendingPathComponent(path).path)
                result[path] = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value
            }
        }
        let inodesBefore = try inodes()
        try Self.raiseAnOpenAmount(in: site.content.appendingPathComponent("snapshots/2026-10-30.csv"))
        struct Crash: Error {}
        let staging = site.folder.appendingPathComponent(".output.staging-\(getpid())/archive")
        nonisolated(unsafe) var stagedManifest: Data?
        #expect(throws: Crash.self) {
            try Self.build(site, restate: [Self.quarter]) { point in
                if point == .beforeSwap {
                    stagedManifest = try? Data(contentsOf: staging.appendingPathComponent("FY2027-Q3/manifest-sha256.txt"))
                    throw Crash()
                }
            }
        }
        // The fault struck with the restated quarter staged, and took nothing of the live archive with it.
        #expect(stagedManifest != nil && stagedManifest != before["FY2027-Q3/manifest-sha256.txt"])
        #expect(try FixtureSite.tree(archive) == before)
        #expect(try inodes() == inodesBefore, "an archived file was replaced")
        #expect(!FileManager.default.fileExists(atPath: staging.deletingLastPathComponent().path))
    }
}
