import Testing
@testable import WaterfallKit
@testable import WaterfallDemo

/// The default demo, generated once and shared by the tests that only read it.
private let defaultFiles = DemoCompany(options: .init()).files()

@Test func sameSeedGivesTheSameBytes() {
    let again = DemoCompany(options: .init()).files()
    #expect(again == defaultFiles)
}

@Test func differentSeedGivesDifferentSnapshots() {
    let other = DemoCompany(options: .init(seed: 7)).files()
    #expect(other.map(\.path) == defaultFiles.map(\.path))
    for (a, b) in zip(snapshots(defaultFiles), snapshots(other)) {
        #expect(a.contents != b.contents, "\(a.path) is the same for seeds 42 and 7")
    }
}

@Test func filesAreSortedAndTheDefaultDemoFitsInSixMegabytes() {
    let paths = defaultFiles.map(\.path)
    #expect(paths == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    #expect(Set(paths).count == paths.count)
    #expect(paths.contains("site.yml"))
    #expect(paths.contains("targets.csv"))
    #expect(snapshots(defaultFiles).count == 20)
    #expect(paths.first == "commentary/2026-11-06.md")
    #expect(paths.contains("snapshots/2026-07-10.csv"))
    #expect(paths.contains("snapshots/2026-11-20.csv"))
    let total = defaultFiles.reduce(0) { $0 + $1.contents.count }
    #expect(total <= 6_000_000)
}

@Test func latestSnapshotHasAboutTheRequestedNumberOfRows() {
    #expect(abs(latest(defaultFiles).rows.count - 3000) <= 300)
    let small = DemoCompany(options: .init(records: 600, weeks: 3, seed: 3)).files()
    #expect(abs(latest(small).rows.count - 600) <= 90)
}

@Test func snapshotsHaveTheCanonicalHeaderAndLineEnds() {
    for file in snapshots(defaultFiles) {
        let text = String(decoding: file.contents, as: UTF8.self)
        #expect(text.hasPrefix("id,name,owner,source,channel,segment,region,inquiry_date,mql_date,sal_date,sql_date,"
            + "opportunity_date,won_date,lost_date,lost_reason,amount,close_date\n"))
        #expect(!file.contents.contains(13))
        #expect(file.contents.last == 10)
    }
}

@Test func conversionRatesOfMatureCohortsFallInIndustryBands() {
    let snapshot = latest(defaultFiles)
    // Cohorts that entered the stage 4 to 12 months ago have had time to convert.
    let window = (snapshot.day.adding(days: -365), snapshot.day.adding(days: -120))
    let bands: [(stage: String, range: ClosedRange<Double>)] = [
        ("inquiry", 0.10...0.25), ("mql", 0.38...0.62), ("sal", 0.48...0.72),
        ("sql", 0.70...0.95), ("opportunity", 0.18...0.35),
    ]
    for (index, band) in bands.enumerated() {
        var cohort = 0, converted = 0
        for row in snapshot.records {
            guard let date = row.stages[index], window.0 <= date, date <= window.1 else { continue }
            cohort += 1
            if row.stages[(index + 1)...].contains(where: { $0 != nil }) { converted += 1 }
        }
        let rate = Double(converted) / Double(max(cohort, 1))
        #expect(cohort >= 50, "\(band.stage) cohort too small: \(cohort)")
        #expect(band.range.contains(rate), "\(band.stage) converts at \(rate)")
    }
}

@Test func marketingSourcesAFifthToAThirdOfRecentOpportunities() {
    let snapshot = latest(defaultFiles)
    let start = snapshot.day.adding(days: -90)
    let created = snapshot.records.filter { row in row.stages[4].map { start <= $0 } ?? false }
    let marketing = created.filter { $0.field("source") == "Marketing" }
    let share = Double(marketing.count) / Double(created.count)
    #expect(created.count >= 60)
    #expect((0.15...0.35).contains(share), "marketing share \(share)")
}

@Test func leadAcceptanceIsMostlyOnTimeWithSomeLateAndBreached() {
    let snapshot = latest(defaultFiles)
    let start = snapshot.day.adding(days: -90)
    var onTime = 0, late = 0, breached = 0
    for row in snapshot.records {
        guard let mql = row.stages[1], start <= mql else { continue }
        let responses = (row.stages[2...].compactMap { $0 } + [row.day("lost_date")].compactMap { $0 })
        if let response = responses.min() {
            if response.days(since: mql) <= 2 { onTime += 1 } else { late += 1 }
        } else if snapshot.day.days(since: mql) > 2 {
            breached += 1
        }
    }
    let compliance = Double(onTime) / Double(onTime + late + breached)
    #expect(late > 0 && breached > 0)
    #expect((0.55...0.9).contains(compliance), "compliance \(compliance)")
}

@Test func openPipelineHasPastDueDealsAndAFewMissingAmounts() {
    var pastDue = 0, missingAmount = 0
    for file in snapshots(defaultFiles) {
        let snapshot = parse(file)
        for row in snapshot.records where row.isOpen(on: snapshot.day) {
            if let close = row.day("close_date"), close < snapshot.day { pastDue += 1 }
            if row.field("amount").isEmpty { missingAmount += 1 }
        }
    }
    #expect(pastDue > 20)
    #expect(missingAmount > 0)
}

@Test func everyMessyRowKindIsInTheLatestSnapshot() {
    let codes = rowCodes(latest(defaultFiles))
    for code in ["E1", "E2", "E3", "E4", "E5", "E6", "W1", "W2", "W3"] {
        #expect(codes.filter { $0 == code }.count == 1, "\(code) appears \(codes.filter { $0 == code }.count) times")
    }
}

@Test func earlierSnapshotsHaveAFewMessyRowsAndNoOtherFutureDates() {
    for file in snapshots(defaultFiles) {
        let codes = rowCodes(parse(file))
        #expect((1...10).contains(codes.count), "\(file.path): \(codes)")
    }
}

@Test func targetsCoverEveryQuarterWithASnapshot() {
    let text = String(decoding: defaultFiles.first { $0.path == "targets.csv" }!.contents, as: UTF8.self)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first == "quarter,dimension,value,bookings")
    for quarter in ["FY2027-Q2", "FY2027-Q3", "FY2027-Q4"] {
        #expect(lines.contains { $0.hasPrefix(quarter + ",,,") })
        for segment in ["Enterprise", "Mid-Market", "SMB"] {
            #expect(lines.contains { $0.hasPrefix("\(quarter),segment,\(segment),") })
        }
    }
}

@Test func siteSettingsNameTheStagesAndRules() {
    let text = String(decoding: defaultFiles.first { $0.path == "site.yml" }!.contents, as: UTF8.self)
    #expect(text.contains("company: Northwind Robotics\n"))
    #expect(text.contains("fiscal_year_start_month: 2\n"))
    #expect(text.contains("dimensions: [segment, region]\n"))
    for key in ["inquiry", "mql", "sal", "sql", "opportunity", "won"] {
        #expect(text.contains("  - key: \(key)\n"))
    }
    #expect(text.contains("pipeline: true"))
    #expect(text.contains("{ name: Lead acceptance, from: mql, days: 2 }"))
    #expect(text.contains("{ name: SQL follow-up, from: sql, days: 5 }"))
}

@Test func commentaryHasFrontMatterAndSluggedScopePaths() {
    let commentary = defaultFiles.filter { $0.path.hasPrefix("commentary/") }
    for day in ["2026-11-06", "2026-11-13", "2026-11-20"] {
        #expect(commentary.contains { $0.path == "commentary/\(day).md" })
    }
    #expect(commentary.contains { $0.path == "commentary/2026-11-20/segment/enterprise.md" })
    #expect(commentary.contains { $0.path == "commentary/2026-11-20/segment/mid-market.md" })
    #expect(commentary.contains { $0.path == "commentary/2026-11-20/region/emea.md" })
    let teams = commentary.filter { !$0.path.dropFirst(11).contains("/") }.map { file -> String in
        let text = String(decoding: file.contents, as: UTF8.self)
        #expect(text.hasPrefix("---\ntitle: \""))
        return text.split(separator: "\n").first { $0.hasPrefix("team: ") }.map(String.init) ?? ""
    }
    #expect(Set(teams) == ["team: Marketing", "team: Sales", "team: Finance"])
}

@Test func smallAndSingleWeekDemosStillHaveEveryFile() {
    for options in [DemoCompany.Options(records: 50, weeks: 1), .init(records: 1, weeks: 1), .init(records: 50, weeks: 2)] {
        let files = DemoCompany(options: options).files()
        #expect(snapshots(files).count == options.weeks)
        #expect(files.contains { $0.path == "site.yml" })
        #expect(files.contains { $0.path == "targets.csv" })
        #expect(files.contains { $0.path == "commentary/2026-11-20.md" })
        #expect(files == DemoCompany(options: options).files())
    }
}

@Test func slugsFollowTheSiteRules() {
    #expect(slug("Mid-Market") == "mid-market")
    #expect(slug("  North America ") == "north-america")
    #expect(slug("R&D / Labs") == "r-d-labs")
    #expect(slug("---") == "value")
}

@Test func fiscalQuartersStartInFebruary() {
    let quarter = DemoQuarter(containing: Day(year: 2026, month: 11, day: 20)!, startMonth: 2)
    #expect(quarter.label == "FY2027-Q4")
    #expect(quarter.start == Day(year: 2026, month: 11, day: 1)!)
    #expect(quarter.end == Day(year: 2027, month: 1, day: 31)!)
    #expect(DemoQuarter(containing: Day(year: 2027, month: 1, day: 31)!, startMonth: 2).label == "FY2027-Q4")
    #expect(DemoQuarter(containing: Day(year: 2026, month: 2, day: 1)!, startMonth: 2).label == "FY2027-Q1")
    #expect(quarter.next.label == "FY2028-Q1")
}

// MARK: - Reading the generated CSV back

private struct ParsedSnapshot {
    var day: Day
    var header: [String]
    /// Every row after the header, as fields.
    var rows: [[String]]
    /// Rows with the header's field count, a non-empty id and parseable dates.
    var records: [ParsedRow]
}

private struct ParsedRow {
    var columns: [String: Int]
    var fields: [String]
    /// Stage dates up to the snapshot day, inquiry through won.
    var stages: [Day?]

    func field(_ name: String) -> String { fields[columns[name]!] }
    func day(_ name: String) -> Day? { parseDay(field(name)) ?? nil }

    func isOpen(on day: Day) -> Bool {
        stages[4] != nil && stages[5] == nil && (self.day("lost_date").map { $0 > day } ?? true)
    }
}

private func snapshots(_ files: [ContentFile]) -> [ContentFile] {
    files.filter { $0.path.hasPrefix("snapshots/") }
}

private func latest(_ files: [ContentFile]) -> ParsedSnapshot {
    parse(snapshots(files).last!)
}

private func parse(_ file: ContentFile) -> ParsedSnapshot {
    let name = file.path.dropFirst("snapshots/".count).dropLast(".csv".count)
    let day = parseDay(String(name))!!
    let lines = String(decoding: file.contents, as: UTF8.self).split(separator: "\n").map(splitCSV)
    let header = lines[0]
    let columns = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
    let stageColumns = ["inquiry", "mql", "sal", "sql", "opportunity", "won"].map { columns[$0 + "_date"]! }
    var records: [ParsedRow] = []
    for fields in lines.dropFirst() where fields.count == header.count && !fields[0].isEmpty {
        let dates = stageColumns.map { parseDay(fields[$0]) }
        guard !dates.contains(where: { $0 == nil }) else { continue }   // unparseable
        let stages = dates.map { $0!.flatMap { $0 <= day ? $0 : nil } }
        records.append(ParsedRow(columns: columns, fields: fields, stages: stages))
    }
    return ParsedSnapshot(day: day, header: header, rows: Array(lines.dropFirst()), records: records)
}

/// nil: does not parse; .some(nil): empty.
private func parseDay(_ text: String) -> Day?? {
    if text.isEmpty { return .some(nil) }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.utf8.count == 10, parts.count == 3,
          let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
          let value = Day(year: year, month: month, day: day) else { return nil }
    return .some(value)
}

/// RFC 4180 fields of one line (the demo never quotes line breaks).
private func splitCSV(_ line: Substring) -> [String] {
    var fields: [String] = [], field = "", quoted = false
    var characters = line.makeIterator()
    var pending: Character? = nil
    while let character = pending ?? characters.next() {
        pending = nil
        if quoted {
            if character == "\"" {
                if let next = characters.next() {
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    quoted = false
                }
            } else {
                field.append(character)
            }
        } else if character == "\"" && field.isEmpty {
            quoted = true
        } else if character == "," {
            fields.append(field)
            field = ""
        } else {
            field.append(character)
        }
    }
    fields.append(field)
    return fields
}

/// The SPEC §1.3 code of each problem row, checked in the SPEC's order.
private func rowCodes(_ snapshot: ParsedSnapshot) -> [String] {
    let columns = Dictionary(uniqueKeysWithValues: snapshot.header.enumerated().map { ($1, $0) })
    let stageNames = ["inquiry", "mql", "sal", "sql", "opportunity", "won"]
    let dateColumns = stageNames.map { $0 + "_date" } + ["lost_date", "close_date"]
    var seen = Set<String>(), codes: [String] = []
    for fields in snapshot.rows {
        if fields.count != snapshot.header.count { codes.append("E5"); continue }
        let id = fields[columns["id"]!]
        if id.isEmpty { codes.append("E1"); continue }
        let dates = dateColumns.map { parseDay(fields[columns[$0]!]) }
        if dates.contains(where: { $0 == nil }) { codes.append("E3"); continue }
        let amount = fields[columns["amount"]!]
        if !amount.isEmpty, !amount.allSatisfy({ $0.isNumber || $0 == "." }) { codes.append("E4"); continue }
        if !seen.insert(id).inserted { codes.append("E2"); continue }
        let raw = dates.map { $0! }
        let future = raw.prefix(7).contains { $0.map { $0 > snapshot.day } ?? false }
        let stages = raw.prefix(6).map { $0.flatMap { $0 <= snapshot.day ? $0 : nil } }
        if future { codes.append("W2") }
        if stages.allSatisfy({ $0 == nil }) { codes.append("E6"); continue }
        let present = stages.compactMap { $0 }
        if present != present.sorted() { codes.append("W1") }
        if stages[5] != nil, raw[6].map({ $0 <= snapshot.day }) == true { codes.append("W3") }
    }
    return codes
}
