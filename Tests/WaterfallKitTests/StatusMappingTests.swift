import Foundation
import Testing
@testable import WaterfallKit

/// SPEC §1.2: status values mapped to stages (`status.stages`, dated by `status.opened`),
/// `status.ignore`, and the warnings of SPEC §1.4 about status values (issue 8, Found 1, 6, 7).

private let hubspotHeader = "Record ID,Deal Stage,Create Date,Close Date,Amount"

/// Three stages (sql, opportunity as pipeline, won) mapped from a HubSpot-style status column.
private func hubspotConfig(won: [String] = ["Closed Won"], ignore: [String] = ["Duplicate"]) -> SiteConfig {
    SiteConfig(
        company: "Test Co", dimensions: [],
        columns: ["id": "Record ID", "amount": "Amount"],
        status: StatusMapping(
            column: "Deal Stage", date: "Close Date", won: won, lost: ["Closed Lost"], opened: "Create Date",
            stages: [.init(value: "Appointment Scheduled", stage: "sql"), .init(value: "Contract Sent", stage: "opportunity")],
            ignore: ignore),
        stages: [Stage(key: "sql", name: "SQL"), Stage(key: "opportunity", name: "Opportunity", isPipeline: true),
                 Stage(key: "won", name: "Won")])
}

private func records(_ result: Snapshot) -> [String: Record] {
    Dictionary(uniqueKeysWithValues: result.records.map { (result.texts[Int($0.row)].id, $0) })
}

@Test func mapsOpenStatusValuesToStagesDatedByTheOpenedColumn() throws {
    let csv = """
    \(hubspotHeader)
    1,Appointment Scheduled,2026-11-02 10:15,2026-12-20,100
    2,Contract Sent,2026-10-01 09:00,2026-11-28,200
    3,Closed Won,2026-09-02,2026-11-03 16:40,300
    4,Closed Lost,2026-08-20,2026-11-17,400
    """
    let result = try snapshot(csv, date: "2026-11-20", config: hubspotConfig())
    #expect(result.diagnostics.filter(\.code.isRowCheck).isEmpty)
    let byID = records(result)
    #expect(byID["1"]!.stageDates == [day("2026-11-02"), nil, nil], "Appointment Scheduled is sql, dated by Create Date")
    #expect(!byID["1"]!.isOpen(pipelineStage: 1), "an sql record is not yet pipeline")
    #expect(byID["2"]!.stageDates == [nil, day("2026-10-01"), nil])
    #expect(byID["2"]!.isOpen(pipelineStage: 1))
    #expect(byID["3"]!.stageDates == [nil, day("2026-09-02"), day("2026-11-03")], "a won deal was an opportunity first")
    #expect(byID["4"]!.stageDates == [nil, day("2026-08-20"), nil])
    #expect(byID["4"]!.lostDate == day("2026-11-17"))
}

@Test func letsAStagesOwnDateColumnWinOverTheOpenedDateForTheWholeFile() throws {
    let csv = """
    \(hubspotHeader),sql_date
    1,Appointment Scheduled,2026-11-02,,100,2026-11-05
    2,Appointment Scheduled,2026-11-03,,100,
    """
    let byID = records(try snapshot(csv, date: "2026-11-20", config: hubspotConfig()))
    #expect(byID["1"]!.stageDate(0) == day("2026-11-05"))
    #expect(byID["2"] == nil, "the file has an sql_date column, so its empty cell leaves the row without a stage date (E6)")
}

@Test func ignoresRowsByStatusWithoutCountingThemAsErrorsAndKeepsTheirIds() throws {
    let csv = """
    \(hubspotHeader)
    1,Duplicate,,,
    2,Contract Sent,2026-10-01,,200
    3,Duplicate,not a date,,x
    ,Duplicate,2026-10-01,,
    5,Duplicate,2026-10-01
    """
    let result = try snapshot(csv, date: "2026-11-20", config: hubspotConfig())
    #expect(result.ignored == [IgnoredRow(line: 2, id: "1", status: "Duplicate"), IgnoredRow(line: 4, id: "3", status: "Duplicate"),
                               IgnoredRow(line: 5, id: "", status: "Duplicate")])
    #expect(result.diagnostics.filter(\.code.isRowCheck).map(\.code) == [.e5], "a row with the wrong number of fields is still E5")
    #expect(result.records.count == 1)
    #expect(result.rowCount == 5)
}

@Test func warnsAboutAStatusValueInNoListWithItsRowCount() throws {
    let csv = """
    \(hubspotHeader)
    1,Contract Sent,2026-10-01,,200
    2,Qualified To Buy,2026-10-01,,200
    3,Qualified To Buy,2026-10-02,,200
    """
    let result = try snapshot(csv, date: "2026-11-20", config: hubspotConfig())
    let warnings = result.diagnostics.filter { $0.code == .w12 }
    #expect(warnings.count == 1)
    #expect(warnings[0].location == DiagnosticLocation(file: "snapshots/2026-11-20.csv", setting: "status"))
    #expect(warnings[0].message.contains("2 rows with Deal Stage \"Qualified To Buy\", which is in none of"))
    #expect(warnings[0].fix?.contains("`\"Qualified To Buy\": opportunity`") == true)
    #expect(result.records.count == 1, "its rows have no stage date of their own (E6)")
}

@Test func foundOneWarnsWhenAListedStatusValueIsCarriedByNoRowAndSuggestsTheSpelling() throws {
    let site = try FixtureSite("hubspot")
    defer { site.remove() }
    let yml = site.content.appendingPathComponent("site.yml")
    let text = try String(contentsOf: yml, encoding: .utf8)
    try text.replacingOccurrences(of: "won: [Closed Won]", with: "won: [Closed won]").write(to: yml, atomically: true, encoding: .utf8)
    let report = try SiteBuilder(options: checkOptions(content: site.content.path)).check().report
    let diagnostic = try #require(report.diagnostics.first { $0.code == .w11 })
    #expect(diagnostic.location == DiagnosticLocation(file: "site.yml", setting: "status.won"))
    let warning = diagnostic.formatted()
    #expect(warning.contains("no row of any snapshot carries the status value \"Closed won\""))
    #expect(warning.contains("Did you mean \"Closed Won\"?"))
    let latest = try String(contentsOf: site.content.appendingPathComponent("snapshots/hubspot-crm-exports-all-deals-2026-11-20.csv"),
                            encoding: .utf8)
    let closedWon = latest.split(separator: "\n").filter { $0.contains(",Closed Won,") }.count
    #expect(warning.contains("\"Closed Won\" (\(closedWon))"), "lists the values of the latest snapshot with their counts")
    #expect(warning.contains("hubspot-crm-exports-all-deals-2026-11-20.csv"))
}

@Test func suggestsTheClosestStatusValueByCaseThenByEdits() {
    #expect(StatusValueCheck.closest(to: "Closed won", among: ["Closed Lost", "Closed Won"]) == "Closed Won")
    #expect(StatusValueCheck.closest(to: "Contract Snet", among: ["Contract Sent", "Closed Won"]) == "Contract Sent")
    #expect(StatusValueCheck.closest(to: "Won", among: ["Engaging", "Prospecting"]) == nil)
}

@Test func foundSevenBuildsTheHubSpotExportWithItsOpenStagesMapped() throws {
    let site = try FixtureSite("hubspot")
    defer { site.remove() }
    let report = try site.build()
    #expect(report.snapshots.map(\.file) == ["hubspot-crm-exports-all-deals-2026-11-13.csv",
                                             "hubspot-crm-exports-all-deals-2026-11-20.csv"].map { "snapshots/" + $0 })
    #expect(report.warningCount == 0)
    #expect(report.ignored == 3)
    #expect(report.errorCount == 0)
    let data = try Data(contentsOf: site.output.appendingPathComponent("data/metrics.json"))
    let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    #expect(json["snapshot"] as? String == "2026-11-20")
    let quality = json["data_quality"] as! [String: Any]
    #expect(quality["ignored"] as? Int == 2)
    #expect(quality["ignored_by_status"] as? [String: Int] == ["Duplicate": 2])
    #expect(quality["rows"] as? Int == (quality["accepted"] as! Int) + 2)
    let company = (json["scopes"] as! [[String: Any]])[0]
    let volume = company["volume"] as! [String: [String: Int]]
    #expect(volume["sql"]?["qtd"] == 2, "the two Appointment Scheduled deals, created this quarter")
    #expect(volume["opportunity"]?["t13"] == 8, "mapped open stages and closed deals are dated by Create Date")
    let pipeline = company["pipeline"] as! [String: Any]
    #expect(pipeline["count"] as? Int == 5, "Contract Sent, Presentation Scheduled, Qualified To Buy, Decision Maker Bought-In")
    let page = try String(contentsOf: site.output.appendingPathComponent("data-quality/index.html"), encoding: .utf8)
    #expect(page.contains("Ignored by status"))
    #expect(page.contains("<code>115</code>"), "ignored rows are listed with their record id")
}

@Test func foundTenReadsTheSnapshotDateWhereTheNamePatternSaysAndRejectsTwoFilesForOneDate() throws {
    let site = try FixtureSite("hubspot")
    defer { site.remove() }
    let snapshots = site.content.appendingPathComponent("snapshots")
    try FileManager.default.copyItem(at: snapshots.appendingPathComponent("hubspot-crm-exports-all-deals-2026-11-20.csv"),
                                     to: snapshots.appendingPathComponent("2026-11-20.csv"))
    #expect(throws: ContentError.self) { try site.build() }
    do {
        try site.build()
    } catch {
        #expect("\(error)".contains("a second snapshot for 2026-11-20"))
        #expect("\(error)".contains("hubspot-crm-exports-all-deals-2026-11-20.csv"))
        #expect("\(error)".contains("snapshots/2026-11-20.csv"))
    }
}

@Test func namesSnapshotNamesWhenAFileNameMatchesNoPattern() throws {
    let pattern = try #require(SnapshotNamePattern("deals-{date}.csv"))
    #expect(pattern.date(in: "deals-2026-11-20.csv") == day("2026-11-20"))
    #expect(pattern.date(in: "deals-2026-11-31.csv") == nil)
    #expect(pattern.date(in: "deals-2026-11-20 (1).csv") == nil)
    #expect(ContentFolder.snapshotDate(of: "2026-11-20.csv", pattern: pattern) == day("2026-11-20"))
    let message = ContentError.badSnapshotName(path: "content/snapshots/export.csv", pattern: pattern.description).description
    #expect(message.contains("`snapshot_names: \"deals-{date}.csv\"`"))
    #expect(ContentError.badSnapshotName(path: "x.csv", pattern: nil).description.contains("snapshot_names"))
}

@Test func readsAndChecksTheStatusStagesOpenedAndIgnoreSettings() throws {
    let base = """
    company: X
    stages:
      - { key: sql }
      - { key: opportunity, pipeline: true }
      - { key: won }
    status:
      column: Deal Stage
      date: Close Date
    """
    func parse(_ extra: String) throws -> SiteConfig { try SiteConfig.parse(yaml: base + "\n" + extra, file: "site.yml") }
    func error(_ extra: String) -> String {
        do { _ = try parse(extra); return "no error" } catch { return "\(error)" }
    }
    let config = try parse("  opened: Create Date\n  won: [Closed Won]\n  stages: { \"Appointment Scheduled\": sql }\n  ignore: [Junk]\nsnapshot_names: \"deals-{date}.csv\"")
    #expect(config.status?.opened == "Create Date")
    #expect(config.status?.stages == [.init(value: "Appointment Scheduled", stage: "sql")])
    #expect(config.status?.ignore == ["Junk"])
    #expect(config.snapshotNames?.description == "deals-{date}.csv")
    #expect(error("  opened: C\n  stages: { A: mql }").contains("\"mql\", which is not a stage key"))
    #expect(error("  opened: C\n  stages: { A: won }").contains("to the won stage"))
    #expect(error("  stages: { A: sql }").contains("status.opened"))
    #expect(error("  won: [A]\n  ignore: [A]").contains("\"A\" is also listed under `status.won`"))
    #expect(error("snapshot_names: deals.csv").contains("`{date}` exactly once"))
}

@Test func aSnapshotWhoseEveryRowIsIgnoredIsAnErrorNamingStatusIgnore() throws {
    let csv = "\(hubspotHeader)\n1,Duplicate,2026-10-01,,\n2,Duplicate,2026-10-02,,\n"
    let result = try snapshot(csv, date: "2026-11-20", config: hubspotConfig())
    let error = try #require(result.diagnostics.first { $0.code == .e7 })
    #expect(error.location.setting == "status.ignore")
    #expect(error.message.contains("every row (2) carries a status listed under `status.ignore`"))
}
