import Foundation
import Testing
@testable import WaterfallKit

@Suite struct BagTests {
    @Test func manifestsAreSortedByPathAndReadBack() {
        var bag = Bag()
        bag.add("data/site/index.html", Array("<p>b</p>".utf8))
        bag.add("data/inputs/site.yml", Array("company: A\n".utf8))
        let manifest = String(decoding: Bag.manifest(bag.payload), as: UTF8.self)
        #expect(manifest == "\(SHA256Digest(of: Array("company: A\n".utf8)).hex)  data/inputs/site.yml\n"
                + "\(SHA256Digest(of: Array("<p>b</p>".utf8)).hex)  data/site/index.html\n")
        #expect(Bag.entries(ofManifest: manifest) == bag.payload.sorted { $0.path < $1.path })
    }

    /// Manifests another tool wrote (`sha256sum`, bagit-python, a Windows editor): upper-case hex,
    /// a tab or the binary-mode star, CRLF; a line that is not DIGEST PATH is skipped.
    @Test func manifestLinesOfOtherToolsAreReadAndOtherLinesSkipped() {
        let hex = SHA256Digest(of: Array("abc".utf8)).hex
        let manifest = "\(hex.uppercased())\tdata/a.csv\r\n\(hex) *data/b é.csv\n\(hex.dropLast())  data/short\n"
            + "\(hex.dropLast())g  data/not-hex\nno digest here\n\n\(hex)  data/c.csv"
        #expect(Bag.entries(ofManifest: manifest) == ["data/a.csv", "data/b é.csv", "data/c.csv"].map {
            Bag.Entry(path: $0, digest: SHA256Digest(hex: hex))
        })
    }

    @Test func theDigestOfKnownBytesIsTheStandardOne() {
        #expect(SHA256Digest(of: Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var hasher = SHA256Digest.Hasher()
        hasher.update(Array("a".utf8))
        hasher.update(Array("bc".utf8))
        #expect(hasher.finalize() == SHA256Digest(of: Array("abc".utf8)))
    }

    /// RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded, so a file name cannot add a line.
    @Test func aPathWithALineBreakOrPercentStaysOneManifestLine() {
        let path = "data/inputs/commentary/2026-10-30/segment/50%\nfake  data/x.md"
        let manifest = String(decoding: Bag.manifest([Bag.Entry(path: path, digest: SHA256Digest(of: [1]))]), as: UTF8.self)
        #expect(manifest.split(separator: "\n").count == 1)
        #expect(manifest.contains("50%25%0Afake"))
        #expect(Bag.entries(ofManifest: manifest).map(\.path) == [path])
    }

    @Test func bagInfoValuesStayOnOneLine() {
        var bag = Bag()
        bag.add("data/a", [1, 2, 3])
        let info = Bag.Info(organization: "Acme\nBagging-Date: 1999-01-01", quarter: "FY2027-Q3",
                            lastSnapshot: Day(year: 2026, month: 10, day: 30)!, description: "d")
        let files = Dictionary(uniqueKeysWithValues: bag.tagFiles(info: info, extra: []))
        let text = String(decoding: files["bag-info.txt"]!, as: UTF8.self)
        #expect(text.contains("Source-Organization: Acme Bagging-Date: 1999-01-01\n"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("Bagging-Date:") } == ["Bagging-Date: 2026-10-30"])
        #expect(text.contains("Payload-Oxum: 3.1\n"))
        #expect(files["tagmanifest-sha256.txt"].map { String(decoding: $0, as: UTF8.self) }?.contains("  manifest-sha256.txt\n") == true)
    }

    @Test func restatementLogValuesCannotBecomeMarkup() {
        let entry = ArchiveRenderer.restatementEntry(
            quarter: "FY2027-Q3", asOf: Day(year: 2026, month: 11, day: 20)!, oldDigest: SHA256Digest(of: [1]),
            newDigest: SHA256Digest(of: [2]), inputChanges: ["commentary/<script>x</script>[a](javascript:b)\n# h.md changed"],
            figureChanges: ["open pipeline at the end: $1,000 → $2,000"])
        let html = Markdown.html(entry).html
        #expect(!html.contains("<script>") && !html.contains("<a ") && !html.contains("<h1>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("open pipeline at the end: $1,000 → $2,000"))
    }

    @Test func figuresThatCannotBeReadAreNotAvailableNeverZero() throws {
        let json = #"{"currency":"USD","snapshot":"2026-10-30","stages":["mql"],"scopes":[{"scope":"company","volume":{"mql":{"qtd":4}},"pipeline":{"amount":1234.5,"count":2}}]}"#
        let figures = try #require(QuarterFigures(metricsJSON: Array(json.utf8)))
        #expect(figures.pipeline == Money(cents: 123450))
        #expect(figures.bookings == nil)
        #expect(figures.money(figures.bookings) == "not available")
        let changes = figures.changes(from: nil, config: testConfig())
        #expect(changes.contains("bookings in the quarter: not available → not available") == false)
        #expect(changes.contains("open pipeline at the end: not available → $1,234.50") || changes.contains { $0.hasPrefix("open pipeline at the end: not available → $1,23") })
        #expect(QuarterFigures(metricsJSON: Array("[]".utf8)) == nil)
    }

    @Test func figuresComeFromTheCompanyScopeWhereverItIsAndAWrongTypeIsNotAvailable() throws {
        let json = #"""
            {"currency":"EUR","snapshot":"2026-10-30","stages":["mql","won"],"scopes":[
             {"scope":"segment","bookings":{"qtd":{"amount":1,"count":1}},"volume":{"mql":{"qtd":1}}},
             {"scope":"company","bookings":{"qtd":{"amount":2500.25,"count":"3"}},"pipeline":{"amount":null,"count":7},
              "volume":{"mql":{"qtd":40},"won":{"qtd":null}}}]}
            """#
        let figures = try #require(QuarterFigures(metricsJSON: Array(json.utf8)))
        #expect(figures.currency == "EUR" && figures.lastSnapshot == "2026-10-30")
        #expect(figures.bookings == Money(cents: 250025))
        #expect(figures.bookingsCount == nil)
        #expect(figures.pipeline == nil && figures.pipelineCount == 7)
        #expect(figures.volumes == [.init(stage: "mql", count: 40), .init(stage: "won", count: nil)])
        let noCompany = #"{"currency":"EUR","stages":[],"scopes":[{"scope":"segment"}]}"#
        #expect(QuarterFigures(metricsJSON: Array(noCompany.utf8)) == nil)
    }
}
