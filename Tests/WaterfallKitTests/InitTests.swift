import Foundation
import Testing
@testable import WaterfallKit

/// `waterfall init`: inference from an export's header and rows, the site.yml it writes, and
/// init followed by build on a Maven-like and a HubSpot-like export.

private func initAndBuild(_ export: String, date: Day? = nil) throws -> (inference: SiteInference, report: BuildReport, metrics: [String: Any], content: String) {
    let folder = temporaryFolder()
    let content = folder + "/content", output = folder + "/output"
    let inference = SiteInference(sample: try ExportSampleLoader.load(path: export), date: date)
    let snapshotDate = try #require(inference.snapshotDate)
    try InitWriter.write(siteYAML: inference.siteYAML(), export: export, date: snapshotDate.day, to: content, force: false)
    let report = try SiteBuilder(options: BuildOptions(content: content, templates: folder + "/no-theme", output: output)).build()
    let data = try Data(contentsOf: URL(fileURLWithPath: output + "/data/metrics.json"))
    return (inference, report, try JSONSerialization.jsonObject(with: data) as! [String: Any], content)
}

/// The rows of a fixture CSV as fields (no quoted commas in these fixtures).
private func rows(_ path: String) throws -> [[String]] {
    try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

@Test func initThenBuildsAMavenLikeExport() throws {
    let export = fixturePath("init/sales_pipeline.csv")
    let (inference, report, json, _) = try initAndBuild(export)
    let status = try #require(inference.status)
    #expect(inference.sample.header[status.column] == "deal_stage")
    #expect(status.won == ["Won"] && status.lost == ["Lost"])
    #expect(status.stages.map(\.value) == ["Engaging"])
    #expect(status.ignore == ["Prospecting"], "Prospecting rows have no engage_date: nothing to date them by")
    #expect(inference.dimensions.map(\.key) == ["product"])
    let all = try rows(export)
    let latestClose = all.map { $0[6] }.filter { !$0.isEmpty }.max()!
    #expect(inference.snapshotDate?.day == day(latestClose), "no date in the name: the latest record date")
    #expect(report.errorCount == 0)
    let quality = json["data_quality"] as! [String: Any]
    #expect(quality["ignored"] as? Int == all.filter { $0[4] == "Prospecting" }.count)
    let company = (json["scopes"] as! [[String: Any]])[0]
    #expect((company["pipeline"] as! [String: Any])["count"] as? Int == all.filter { $0[4] == "Engaging" }.count)
    let won = all.filter { $0[4] == "Won" }
    let bookings = (company["bookings"] as! [String: [String: Any]])["t13"]!
    #expect(bookings["count"] as? Int == won.count)
    #expect(bookings["amount"] as? Int == won.map { Int($0[7])! }.reduce(0, +))
}

@Test func initOnTheRealMavenExportGivesTheNumbersOfTheHandWrittenMapping() throws {
    let export = try mavenExport()
    let (_, _, initJSON, _) = try initAndBuild(export)
    let site = temporaryFolder()
    try FileManager.default.createDirectory(atPath: site + "/content/snapshots", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: fixturePath("maven-site.yml"), toPath: site + "/content/site.yml")
    try FileManager.default.copyItem(atPath: export, toPath: site + "/content/snapshots/2017-12-31.csv")
    try SiteBuilder(options: BuildOptions(content: site + "/content", templates: site + "/no-theme", output: site + "/output")).build()
    let handJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/output/data/metrics.json"))) as! [String: Any]
    #expect(initJSON["snapshot"] as? String == "2017-12-31")
    let initScopes = try JSONSerialization.data(withJSONObject: initJSON["scopes"]!, options: .sortedKeys)
    let handScopes = try JSONSerialization.data(withJSONObject: handJSON["scopes"]!, options: .sortedKeys)
    #expect(initScopes == handScopes)
}

@Test func initThenBuildsAHubSpotLikeExportWithUSDates() throws {
    let export = fixturePath("init/hubspot-crm-exports-all-deals-2026-11-20.csv")
    let (inference, report, json, content) = try initAndBuild(export)
    #expect(inference.dateFormat == .format(.monthDayYear), "11/18/2026 has a second part above 12")
    #expect(inference.snapshotNames == "hubspot-crm-exports-all-deals-{date}.csv")
    #expect(inference.snapshotDate?.day == day("2026-11-20"))
    #expect(inference.fields["id"].map { inference.sample.header[$0] } == "Record ID")
    #expect(inference.fields["source"].map { inference.sample.header[$0] } == "Original Source Type")
    #expect(inference.marketingSources == ["Organic Search", "Paid Search"])
    #expect(inference.status?.ignore == ["Duplicate"])
    #expect(inference.dimensions.map(\.key) == ["deal_type"], "Pipeline has one value: not a dimension")
    #expect(report.errorCount == 0)
    let all = try rows(export)
    let open = all.filter { !["Closed Won", "Closed Lost", "Duplicate"].contains($0[2]) }
    let company = (json["scopes"] as! [[String: Any]])[0]
    #expect((company["pipeline"] as! [String: Any])["count"] as? Int == open.count)
    let yaml = try String(contentsOfFile: content + "/site.yml", encoding: .utf8)
    #expect(yaml.contains("date_format: MM/dd/yyyy"))
    #expect(yaml.contains("# TODO: your company's name"))
    #expect(FileManager.default.fileExists(atPath: content + "/snapshots/2026-11-20.csv"))
}

@Test func flagsDatesThatReadBothWaysAsATodoInsteadOfGuessing() {
    let sample = ExportSample(fileName: "deals.csv", header: ["Deal ID", "Stage", "Created Date", "Close Date"],
                              rows: [["1", "Won", "03/04/2026", "05/06/2026"], ["2", "Open", "07/08/2026", ""]])
    let inference = SiteInference(sample: sample)
    #expect(inference.dateFormat == .dayOrMonthFirst)
    #expect(inference.siteYAML().contains("# TODO: no date has a day above 12"))
    #expect(inference.siteYAML().contains("date_format: MM/dd/yyyy"))
    let pm = SiteInference(sample: ExportSample(fileName: "d.csv", header: ["id", "Created On"],
                                                rows: [["1", "11/20/2026 2:05 PM"], ["2", "11/21/2026 9:00 AM"]]))
    #expect(pm.dateFormat == .format(.monthDayYear))
    #expect(pm.siteYAML().contains("# TODO: 2 of 2 date values, such as \"11/20/2026 2:05 PM\", do not read as MM/dd/yyyy"))
}

@Test func matchesTheHeaderNamesOfCommonCRMs() {
    func fields(_ header: [String]) -> [String: String] {
        let inference = SiteInference(sample: ExportSample(fileName: "x.csv", header: header, rows: []))
        return inference.fields.mapValues { header[$0] }
    }
    // Pipedrive: explicit won and lost times.
    let pipedrive = fields(["Deal - ID", "Deal - Title", "Deal - Value", "Deal - Owner", "Deal - Won time", "Deal - Lost time",
                            "Deal - Expected close date", "Deal - Lost reason"])
    #expect(pipedrive["id"] == "Deal - ID" && pipedrive["amount"] == "Deal - Value" && pipedrive["name"] == "Deal - Title")
    #expect(pipedrive["lost_reason"] == "Deal - Lost reason")
    // Salesforce, Zoho, Dynamics.
    #expect(fields(["Opportunity ID", "Opportunity Owner", "Lead Source"]) == ["id": "Opportunity ID", "owner": "Opportunity Owner", "source": "Lead Source"])
    #expect(fields(["Record Id", "Deal Owner", "Reason For Loss"]) == ["id": "Record Id", "owner": "Deal Owner", "lost_reason": "Reason For Loss"])
    #expect(fields(["(Do Not Modify) Opportunity", "Topic", "Est. Revenue"]) == ["id": "(Do Not Modify) Opportunity", "name": "Topic", "amount": "Est. Revenue"])
    #expect(HeaderNames.normalized("Deal - Won time") == "deal won time")
}

@Test func initNeverOverwritesAFileAndRefusesAFolderWithFilesUnlessForced() throws {
    let folder = temporaryFolder()
    let export = fixturePath("init/sales_pipeline.csv")
    try "mine".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
    #expect(throws: InitWriter.Error.notEmpty(path: folder)) {
        try InitWriter.write(siteYAML: "company: X\n", export: export, date: day("2017-03-18"), to: folder, force: false)
    }
    try "my settings".write(toFile: folder + "/site.yml", atomically: true, encoding: .utf8)
    #expect(throws: InitWriter.Error.exists(path: folder + "/site.yml")) {
        try InitWriter.write(siteYAML: "company: X\n", export: export, date: day("2017-03-18"), to: folder, force: true)
    }
    #expect(try String(contentsOfFile: folder + "/site.yml", encoding: .utf8) == "my settings")
    #expect(!FileManager.default.fileExists(atPath: folder + "/snapshots"), "nothing written when it refuses")
    try FileManager.default.removeItem(atPath: folder + "/site.yml")
    try InitWriter.write(siteYAML: "company: X\n", export: export, date: day("2017-03-18"), to: folder, force: true)
    #expect(try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8) == "mine")
    #expect(FileManager.default.fileExists(atPath: folder + "/snapshots/2017-03-18.csv"))
}

@Test func takesTheSnapshotDateFromTheFlagThenTheFileNameThenTheLatestRecordDate() {
    let header = ["id", "stage", "created", "close date"]
    let rows = [["1", "Won", "2026-01-02", "2026-03-04"], ["2", "Open", "2026-02-01", "2026-12-31"]]
    let plain = SiteInference(sample: ExportSample(fileName: "export.csv", header: header, rows: rows))
    #expect(plain.snapshotDate?.day == day("2026-03-04"), "an open deal's expected close date is not a record date")
    let named = SiteInference(sample: ExportSample(fileName: "deals 2026-05-01.csv", header: header, rows: rows))
    #expect(named.snapshotDate?.day == day("2026-05-01"))
    #expect(named.snapshotNames == "deals {date}.csv")
    let flagged = SiteInference(sample: ExportSample(fileName: "deals 2026-05-01.csv", header: header, rows: rows), date: day("2026-05-08"))
    #expect(flagged.snapshotDate?.day == day("2026-05-08"))
}
