import Foundation
import Testing
@testable import WaterfallKit

// Issue 8, "Found when tried as a new user would": each case is an error or a coded warning.

private let openHeader = "id,source,segment,mql_date,opportunity_date,won_date,lost_date,amount,close_date"

private func codes(_ snapshot: Snapshot) -> [DiagnosticCode] { snapshot.diagnostics.map(\.code) }

/// A content folder under a fresh temporary folder, with `site.yml` and files written from text.
private struct TempContent {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waterfall-diag-\(UUID().uuidString)")
    var content: URL { folder.appendingPathComponent("content") }

    init(site: String = "company: Test Co\ndimensions: [segment]\n", files: [String: String]) throws {
        try FileManager.default.createDirectory(at: content.appendingPathComponent("snapshots"), withIntermediateDirectories: true)
        try Data(site.utf8).write(to: content.appendingPathComponent("site.yml"))
        for (path, text) in files { try write(path, Data(text.utf8)) }
    }

    func write(_ path: String, _ data: Data) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func check(strict: Bool = false) throws -> BuildReport {
        try SiteBuilder(options: checkOptions(content: content.path, strict: strict)).check().report
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

// MARK: - Found 2: US dates without date_format

@Test func stopsWhenEveryDateFailsAndNamesTheDateFormatToSet() throws {
    let csv = "\(openHeader)\nA,Marketing,Ent,11/20/2026 14:05,,,,,\nB,Sales,Ent,10/13/2026 09:00,,,,,\n"
    let result = try snapshot(csv, date: "2026-11-20")
    let stop = try #require(result.diagnostics.first { $0.code == .e7 })
    #expect(stop.location.setting == "date_format")
    #expect(stop.fix?.contains("date_format: MM/dd/yyyy") == true, "\(stop)")
    let folder = try TempContent(files: ["snapshots/2026-11-20.csv": csv])
    defer { folder.remove() }
    #expect(throws: BuildFailure.self) { try folder.check() }
}

@Test func guessesDayFirstFromADayAboveTwelveAndOtherwiseNamesBoth() {
    #expect(DateSniffer.guess(["20/11/2026", "03/04/2026"]) == .format(.dayMonthYear))
    #expect(DateSniffer.guess(["11/20/2026 14:05", "03/04/2026"]) == .format(.monthDayYear))
    #expect(DateSniffer.guess(["03/04/2026", "05/06/2026"]) == .dayOrMonthFirst)
    #expect(DateSniffer.guess(["20.11.2026"]) == .format(.dayMonthYearDots))
    #expect(DateSniffer.advice(["03/04/2026"], current: .iso).contains("MM/dd/yyyy"))
    #expect(DateSniffer.advice(["03/04/2026"], current: .iso).contains("dd/MM/yyyy"))
}

@Test func stopsWhenMoreThanHalfTheRowsAreExcludedForOneCode() throws {
    let csv = "\(openHeader)\nA,Sales,Ent,2026-11-01,,,,x,\nB,Sales,Ent,2026-11-01,,,,y,\nC,Sales,Ent,2026-11-01,,,,5,\n"
    let result = try snapshot(csv, date: "2026-11-20")
    #expect(result.records.count == 1)
    #expect(result.diagnostics.contains { $0.code == .e7 && $0.message.contains("E4") })
}

// MARK: - Found 3: a typo under columns:

@Test func refusesAColumnsKeyThatIsNoFieldAndSuggestsTheNearestOne() throws {
    let yaml = "company: X\ndimensions: [segment]\ncolumns: { ammount: \"Deal Value\" }\n"
    #expect { try SiteConfig.parse(yaml: yaml) } throws: { error in
        guard let error = error as? DiagnosticError else { return false }
        return error.diagnostic.code == .e8 && error.diagnostic.location.setting == "columns.ammount"
            && error.description.contains("Did you mean `amount`?")
    }
    // Every canonical field, stage date, dimension and status column is still accepted.
    let good = "company: X\ndimensions: [segment]\ncolumns: { amount: V, segment: Seg, mql_date: M, id: I, Stage: S }\n"
        + "status: { column: Stage, date: Closed, won: [W], lost: [L] }\n"
    #expect(try SiteConfig.parse(yaml: good).columns["amount"] == "V")
}

// MARK: - Found 4 and 5: no amounts on open deals, no source column

@Test func saysAmountsAreNotAvailableWhenNoOpenRecordHasOne() throws {
    let csv = "\(openHeader)\nA,Sales,Ent,2026-11-01,2026-11-02,,,,\nB,Sales,Ent,2026-11-01,2026-11-03,2026-11-10,,900,\n"
    let result = try metrics(csv, date: "2026-11-20")
    #expect(result.dataQuality.diagnostics.contains { $0.code == .w5 })
    #expect(result.dataQuality.availability.amounts == false)
    let json = MetricsJSON.document(result, config: testConfig()).serialized()
    #expect(json.contains("\"availability\": {\n    \"amounts\": false,\n    \"sources\": true,\n    \"record_lists\": true\n  }"))
    let page = try renderedScopePage([("2026-11-20", csv)])
    #expect(page.contains("Amounts not available"))
    #expect(!page.contains("<dd>$0 "), "the open pipeline must not read $0")
    #expect(page.contains("2026-11-20 not available."), "the pipeline sparkline reads not available, not $0")
}

@Test func saysMarketingSharesAreNotAvailableWithoutASourceColumn() throws {
    let csv = "id,segment,mql_date,opportunity_date,amount\nA,Ent,2026-11-01,2026-11-02,100\n"
    let result = try metrics(csv, date: "2026-11-20")
    #expect(result.dataQuality.diagnostics.contains { $0.code == .w6 })
    #expect(result.dataQuality.availability.sources == false)
    let page = try renderedScopePage([("2026-11-20", csv)])
    #expect(page.contains("no source column"))
    #expect(!page.contains("below the band"))
}

/// The company page of the last snapshot, rendered with the built-in theme.
private func renderedScopePage(_ snapshots: [(String, String)]) throws -> String {
    let all = try metricsSequence(snapshots)
    let site = SiteRenderer(config: testConfig(), metrics: all, theme: try Theme())
    return try #require(site.files().first { $0.0 == "index.html" }?.1)
}

// MARK: - Found 8: delimiters, line ends, header case

@Test func saysASemicolonSeparatedFileIsSemicolonSeparated() throws {
    let csv = "id;source;segment;mql_date\nA;Sales;Ent;2026-11-01\n"
    #expect { try snapshot(csv, date: "2026-11-20") } throws: { error in
        (error as? DiagnosticError)?.diagnostic.code == .e9 && "\(error)".contains("semicolon")
    }
    #expect { try snapshot(csv.replacingOccurrences(of: ";", with: "\t"), date: "2026-11-20") } throws: { error in
        (error as? DiagnosticError)?.diagnostic.code == .e9 && "\(error)".contains("tab-separated")
    }
}

@Test func refusesCarriageReturnOnlyLineEndsInsteadOfReadingNoRows() throws {
    let csv = "id,source,segment,mql_date\rA,Sales,Ent,2026-11-01\rB,Sales,Ent,2026-11-02\r"
    #expect { try snapshot(csv, date: "2026-11-20") } throws: { error in
        (error as? DiagnosticError)?.diagnostic.code == .e9 && "\(error)".contains("carriage return")
    }
}

@Test func suggestsAHeaderThatDiffersOnlyInCaseOrSpaces() throws {
    let result = try snapshot("id,Source,segment,mql_date\nA,Sales,Ent,2026-11-01\n", date: "2026-11-20")
    let near = try #require(result.diagnostics.first { $0.code == .w7 })
    #expect(near.message.contains("\"Source\""))
    #expect { try snapshot("id,source,Segment,mql_date\nA,Sales,Ent,2026-11-01\n", date: "2026-11-20") } throws: { error in
        "\(error)".contains("did you mean \"Segment\"?")
    }
}

// MARK: - Found 9: check reports what build does, and the summary counts it

@Test func checkReportsTheSameDiagnosticsAsBuildAndTheSummaryCountsThem() throws {
    let site = try FixtureSite("site-small")
    defer { site.remove() }
    try Data("Note".utf8).write(to: site.content.appendingPathComponent("commentary/2026-11-21.md"))
    let checked = try SiteBuilder(options: checkOptions(content: site.content.path)).check().report
    let built = try site.build()
    #expect(checked.diagnostics.contains { $0.code == .w10 })
    #expect(checked.diagnostics == built.diagnostics)
    let closing = BuildSummary.closing(checked, wrote: false)
    #expect(closing.contains("W10 1"), "\(closing)")
    #expect(!closing.contains("; 0 warnings"))
    #expect(throws: BuildFailure.self) {
        try SiteBuilder(options: checkOptions(content: site.content.path, strict: true)).check()
    }
}

// MARK: - Found 11: targets.csv

@Test func refusesATargetValueWithoutADimension() throws {
    let csv = "quarter,dimension,value,bookings\nFY2027-Q4,,,100\nFY2027-Q4,,Enterprise,5000\n"
    #expect { try TargetsLoader.parse(MemoryByteSource(csv), display: "targets.csv", config: testConfig()) } throws: { error in
        (error as? DiagnosticError)?.diagnostic.code == .e10 && "\(error)".hasPrefix("targets.csv:3: E10 value \"Enterprise\"")
    }
}

@Test func refusesATargetsFileThatIsNotUTF8() throws {
    let latin1: [UInt8] = Array("quarter,dimension,value,bookings\nFY2027-Q4,segment,M".utf8) + [0xE9] + Array("xico,100\n".utf8)
    #expect(throws: ContentError.notUTF8(path: "targets.csv", line: 2)) {
        try TargetsLoader.parse(MemoryByteSource(latin1), display: "targets.csv", config: testConfig())
    }
}

// MARK: - Found 12: YAML

@Test func refusesAYAMLAliasBombAtOnce() throws {
    var yaml = "company: X\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    for (name, previous) in zip("bcdefghi", "abcdefgh") {
        yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
    }
    let started = Date()
    #expect { try SiteConfig.parse(yaml: yaml) } throws: { error in
        (error as? DiagnosticError)?.diagnostic.code == .e11 && "\(error)".hasPrefix("site.yml:2: E11")
    }
    #expect(Date().timeIntervalSince(started) < 1)
    #expect { try Markdown.commentary("---\ntitle: &t x\n---\nBody\n", file: "commentary/2026-11-20.md") } throws: { error in
        "\(error)".hasPrefix("commentary/2026-11-20.md:2: E11")
    }
}

@Test func namesADuplicateKeyAndBothItsLinesInOneLine() throws {
    let yaml = "company: X\ndimensions: [segment]\ncurrency: USD\ncompany: Y\n"
    #expect { try SiteConfig.parse(yaml: yaml) } throws: { error in
        let text = "\(error)"
        return text.contains("\"company\" appears twice (lines 1 and 4)") && !text.contains("\n") && !text.contains("currency")
    }
}

// MARK: - Found 13: same inputs, same bytes, wherever the content lives

@Test func buildsTheSameBytesFromContentInAnotherFolder() throws {
    let first = try FixtureSite("site-small"), second = try FixtureSite("site-small")
    defer { first.remove(); second.remove() }
    for site in [first, second] {
        try Data("Note".utf8).write(to: site.content.appendingPathComponent("commentary/2026-11-21.md"))
        let targets = site.content.appendingPathComponent("targets.csv")
        try Data((try String(contentsOf: targets, encoding: .utf8) + "FY2027-Q4,segment,Enterprize,5000\n").utf8).write(to: targets)
    }
    // The second content folder sits one level deeper, under another name.
    let moved = second.folder.appendingPathComponent("elsewhere/input")
    try FileManager.default.createDirectory(at: moved.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.moveItem(at: second.content, to: moved)
    try first.build()
    try SiteBuilder(options: BuildOptions(content: moved.path, templates: second.folder.appendingPathComponent("none").path,
                                          output: second.output.path)).build()
    let a = try FixtureSite.tree(first.output), b = try FixtureSite.tree(second.output)
    #expect(a.keys.sorted() == b.keys.sorted())
    for (path, bytes) in a where b[path] != bytes { Issue.record("\(path) differs between the two folders") }
    let json = String(decoding: a["data/metrics.json"] ?? Data(), as: UTF8.self)
    #expect(json.contains("\"file\": \"targets.csv\""))
    #expect(json.contains("\"file\": \"commentary/2026-11-21.md\""))
}

// MARK: - Found 14: NUL and bidi controls

@Test func neverWritesNULOrBidiControlsIntoHTML() throws {
    #expect("a\u{0}b".htmlEscaped == "a\u{FFFD}b")
    #expect("Acme \u{202E}gnp.exe\u{202C} & Co".htmlEscaped == "Acme gnp.exe &amp; Co")
    #expect("x\u{2066}y\u{2069}".htmlEscaped == "xy")
    #expect("plain – text".htmlEscaped == "plain – text")
    let csv = "\(openHeader),owner\nA,Marketing,Ent\u{202E}erp\u{0},2026-11-01,2026-11-02,,,100,,Ann\n"
    let all = try metricsSequence([("2026-11-20", csv)])
    let files = SiteRenderer(config: testConfig(), metrics: all, theme: try Theme()).files()
    for (path, text) in files where path.hasSuffix(".html") || path.hasSuffix(".svg") {
        #expect(!text.unicodeScalars.contains { $0 == "\u{0}" || $0.isBidiControl }, "\(path)")
    }
    let csvFile = try #require(files.first { $0.0.hasSuffix("diagnostics.csv") }?.1)
    #expect(!csvFile.unicodeScalars.contains { $0 == "\u{0}" || $0.isBidiControl })
}

// MARK: - Found 16: a 300,000-row export with 10 % bad dates

@Test func keepsTheDataQualityPageAndMetricsSmallForManyBadRows() throws {
    var csv = "id,source,segment,mql_date,opportunity_date,amount\n"
    csv.reserveCapacity(300_000 * 40)
    for row in 0..<300_000 {
        let date = row % 10 == 0 ? "2026-13-\(row % 28 + 1)" : "2026-11-\(row % 9 + 10)"
        csv += "R\(row),\(row % 3 == 0 ? "Marketing" : "Sales"),\(row % 2 == 0 ? "Ent" : "SMB"),\(date),,\(row % 500)\n"
    }
    // No SLA rule: every lead would be breached, and the breached-leads list is another matter.
    let config = SiteConfig(company: "Big Co", dimensions: ["segment"], slas: [])
    let all = try metricsSequence([("2026-11-20", csv)], config: config)
    #expect(all[0].dataQuality.count(of: .e3) == 30_000)
    let files = Dictionary(SiteRenderer(config: config, metrics: all,
                                        theme: try Theme()).files(), uniquingKeysWith: { a, _ in a })
    let page = try #require(files["data-quality/index.html"])
    let json = try #require(files["data/metrics.json"])
    let list = try #require(files["data-quality/diagnostics.csv"])
    #expect(page.utf8.count < 200_000, "page: \(page.utf8.count) bytes")
    #expect(json.utf8.count < 200_000, "metrics.json: \(json.utf8.count) bytes")
    #expect(json.contains("\"E3\": 30000"))
    #expect(json.contains("\"diagnostics_csv\": \"weeks/2026-11-20/data-quality/diagnostics.csv\""))
    // Every one of them is in the CSV: the header and one line each.
    #expect(list.split(separator: "\r\n").filter { $0.contains(",E3,") }.count == 30_000)
    #expect(page.contains("href=\"diagnostics.csv\""))
    #expect(page.contains("The first 100 of 30,000"))
    #expect(page.contains("<td>R10</td>"), "the record id is shown")
}

@Test func writesTheDiagnosticsCSVSafeForSpreadsheets() {
    let rows = [Diagnostic(file: "snapshots/a.csv", line: 3, code: .e3, recordID: "=HYPERLINK(\"x\")", message: "a, \"b\""),
                Diagnostic(file: "snapshots/a.csv", line: 4, code: .e4, recordID: "-12", message: "m")]
    let text = DataQualityReport.csv(rows)
    #expect(text == "file,line,code,severity,record_id,setting,message,fix\r\n"
        + "snapshots/a.csv,3,E3,error,\"'=HYPERLINK(\"\"x\"\")\",,\"a, \"\"b\"\"\",\r\n"
        + "snapshots/a.csv,4,E4,error,-12,,m,\r\n")
}

@Test func suggestsTheNearestNameCountingASwapAsOneEdit() {
    #expect("biuld".nearest(in: ["build", "check", "demo", "theme"]) == "build")
    #expect("ammount".nearest(in: ["amount", "id", "source"]) == "amount")
    #expect("serve".nearest(in: ["build", "check", "demo", "theme"]) == nil)
}

// MARK: - Issue 7's leftover: a value far too long for an id, source or dimension (E12)

@Test func excludesARowWhoseIdSourceOrDimensionValueIsOver1000BytesAsE12() throws {
    let long = String(repeating: "x", count: SnapshotValidator.maxValueBytes + 1)
    let atLimit = String(repeating: "y", count: SnapshotValidator.maxValueBytes)
    let csv = """
    \(openHeader)
    A,Sales,\(long),2026-11-01,,,,,
    B,Sales,\(atLimit),2026-11-01,,,,,
    \(long),Sales,Ent,2026-11-01,,,,,
    D,\(long),Ent,2026-11-01,,,,,
    E,Sales," \(long) ",2026-13-45,,,,,
    F,Sales,\(long),2026-11-01,,,,,,extra
    G,Sales,"\(atLimit)  ",2026-11-02,,,,,
    """
    let result = try snapshot(csv, date: "2026-11-20")
    let rows = result.diagnostics.filter(\.code.isRowCheck)
    #expect(rows.map { "\($0.line):\($0.code.rawValue)" } == ["2:E12", "4:E12", "5:E12", "6:E12", "7:E5"],
            "E12 comes right after E5, before a bad date (E3); spaces around a value do not count")
    #expect(result.texts.map(\.id) == ["B", "G"])
    let message = rows[0].message
    #expect(message.contains("segment holds a value of 1,001 bytes"), "\(message)")
    #expect(message.contains("`columns:`"), "names the fix: \(message)")
    #expect(message.utf8.count < 400, "the value itself is not repeated: \(message.utf8.count) bytes")
    #expect(rows[1].message.hasPrefix("id holds"), "names the id column: \(rows[1].message)")
    #expect(rows[2].message.hasPrefix("source holds"), "names the source column: \(rows[2].message)")
    #expect(rows[0].formatted().hasPrefix("snapshots/2026-11-20.csv:2: E12 segment holds"))
}

@Test func countsAndListsE12LikeEveryOtherExcludedRowAndOnlyWhereItOccurred() throws {
    let long = String(repeating: "z", count: 5_000)
    let good = "\(openHeader)\nA,Sales,Ent,2026-11-01,,,,,\nB,Sales,SMB,2026-11-02,,,,,\n"
    let config = SiteConfig(company: "Test Co", dimensions: ["segment"])
    for (csv, e12) in [(good, 0), (good + "C,Sales,\(long),2026-11-03,,,,,\n", 1)] {
        let all = try metricsSequence([("2026-11-20", csv)], config: config)
        #expect(all[0].dataQuality.count(of: .e12) == e12)
        #expect(all[0].dataQuality.excluded == e12)
        let files = Dictionary(SiteRenderer(config: config, metrics: all, theme: try Theme()).files(), uniquingKeysWith: { a, _ in a })
        let json = try #require(files["data/metrics.json"])
        let page = try #require(files["data-quality/index.html"])
        let list = try #require(files["data-quality/diagnostics.csv"])
        #expect(json.contains("\"E12\": 1") == (e12 == 1))
        #expect(json.contains("\"E12\"") == (e12 == 1), "files without E12 keep their metrics.json bytes")
        #expect(page.contains("E12") == (e12 == 1))
        #expect(list.contains(",E12,") == (e12 == 1))
        #expect(!json.contains(long) && !page.contains(long), "the long value reaches no page")
    }
}

@Test func stopsWhenMostRowsHaveFarTooLongValuesAndNamesTheColumnsSetting() throws {
    let long = String(repeating: "n", count: 2_000)
    let csv = "\(openHeader)\nA,Sales,\(long),2026-11-01,,,,,\nB,Sales,\(long),2026-11-01,,,,,\nC,Sales,Ent,2026-11-01,,,,,\n"
    let result = try snapshot(csv, date: "2026-11-20")
    let stop = try #require(result.diagnostics.first { $0.code == .e7 })
    #expect(stop.message.contains("E12"))
    #expect(stop.location.setting == "columns")
}
