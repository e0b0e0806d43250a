import Testing
@testable import WaterfallKit

private let valid = """
company: Northwind Robotics
base_url: https://reports.example.internal/pipeline/
currency: USD
fiscal_year_start_month: 2
dimensions: [segment, region]
marketing_sources: [Marketing]
columns: { id: "Lead ID", mql_date: "MQL Date" }
stages:
  - { key: inquiry, name: Inquiry, owner: Marketing, definition: "Raised a hand" }
  - { key: mql, name: Marketing Qualified Lead, owner: Marketing }
  - { key: opportunity, name: Opportunity, owner: Sales, pipeline: true }
  - { key: won, name: Closed Won, owner: Sales }
slas:
  - { name: Lead acceptance, from: mql, days: 2 }
"""

private func error(_ yaml: String) -> String {
    do {
        _ = try SiteConfig.parse(yaml: yaml, file: "content/site.yml")
        return "no error"
    } catch {
        return String(describing: error)
    }
}

@Test func readsEveryKeyOfSiteYml() throws {
    let config = try SiteConfig.parse(yaml: valid)
    #expect(config.company == "Northwind Robotics")
    #expect(config.baseURL == "https://reports.example.internal/pipeline/")
    #expect(config.fiscalYearStartMonth == 2)
    #expect(config.dimensions == ["segment", "region"])
    #expect(config.columns == ["id": "Lead ID", "mql_date": "MQL Date"])
    #expect(config.stages.map(\.key) == ["inquiry", "mql", "opportunity", "won"])
    #expect(config.stages[0].definition == "Raised a hand")
    #expect(config.pipelineStageIndex == 2)
    #expect(config.slas == [SLARule(name: "Lead acceptance", from: "mql", days: 2)])
    #expect(config.dateFormat == .iso)
}

@Test func makesTheStageBeforeWonThePipelineStageByDefault() throws {
    let yaml = valid.replacingOccurrences(of: ", pipeline: true", with: "")
    let config = try SiteConfig.parse(yaml: yaml)
    #expect(config.pipelineStageIndex == 2)
    #expect(config.stages[2].isPipeline)
}

@Test func rejectsAnSLAFromAnUnknownStage() {
    let message = error(valid.replacingOccurrences(of: "from: mql", with: "from: mqll"))
    #expect(message.contains("content/site.yml"))
    #expect(message.contains("slas"))
    #expect(message.contains("unknown stage \"mqll\""))
    #expect(message.contains("inquiry, mql, opportunity, won"))
}

@Test func rejectsTwoPipelineStages() {
    let message = error(valid.replacingOccurrences(of: "owner: Marketing }", with: "owner: Marketing, pipeline: true }"))
    #expect(message.contains("2 stages have `pipeline: true`"))
}

@Test func rejectsAFiscalMonthOutsideOneToTwelve() {
    #expect(error(valid.replacingOccurrences(of: "fiscal_year_start_month: 2", with: "fiscal_year_start_month: 13"))
        .contains("fiscal_year_start_month: 13 is not a month"))
    #expect(error(valid.replacingOccurrences(of: "fiscal_year_start_month: 2", with: "fiscal_year_start_month: 0"))
        .contains("is not a month"))
}

@Test func rejectsDuplicateStageKeys() {
    #expect(error(valid.replacingOccurrences(of: "key: inquiry", with: "key: mql")).contains("\"mql\" appears twice"))
}

@Test func rejectsAnUnknownDateFormatAndNamesTheChoices() {
    let message = error(valid + "\ndate_format: yyyy/MM/dd\n")
    #expect(message.contains("date_format"))
    #expect(message.contains("MM/dd/yyyy, dd/MM/yyyy, dd.MM.yyyy"))
}

@Test func acceptsEachListedDateFormat() throws {
    for format in DateFormat.allCases {
        #expect(try SiteConfig.parse(yaml: valid + "\ndate_format: \(format.rawValue)\n").dateFormat == format)
    }
}

@Test func rejectsUnknownKeysWithTheirLine() {
    let message = error(valid + "\ndimension: [segment]\n")
    #expect(message.contains("content/site.yml:15"))
    #expect(message.contains("dimension: unknown key"))
}

@Test func rejectsStageKeysThatAreNotLowerCaseIdentifiers() {
    #expect(error(valid.replacingOccurrences(of: "key: inquiry", with: "key: Inquiry")).contains("lower-case identifier"))
}

@Test func reportsBrokenYAMLSyntax() {
    #expect(error("company: [unclosed\n").contains("not valid YAML"))
}

@Test func requiresACompanyName() {
    #expect(error("dimensions: []\n").contains("company: missing"))
}

@Test func readsTheStatusAdapter() throws {
    let yaml = valid + "\nstatus:\n  column: deal_stage\n  date: close_date\n  won: [Won]\n  lost: [Lost]\n"
    let config = try SiteConfig.parse(yaml: yaml)
    #expect(config.status == StatusMapping(column: "deal_stage", date: "close_date", won: ["Won"], lost: ["Lost"]))
}

@Test func rejectsMoreStagesOrDimensionsThanRecordsHold() {
    let stages = (1...13).map { "  - { key: s\($0) }" }.joined(separator: "\n")
    #expect(error("company: X\nstages:\n" + stages + "\n").contains("13 stages are more than the 12"))
    #expect(error("company: X\ndimensions: [a, b, c, d, e, f, g, h, i]\n").contains("9 dimensions are more than the 8"))
}

@Test func readsDimensionLabelsBesideBareDimensionKeys() throws {
    let yaml = valid.replacingOccurrences(of: "dimensions: [segment, region]",
                                          with: "dimensions:\n  - segment\n  - { key: regional_office, label: Region }")
    let config = try SiteConfig.parse(yaml: yaml)
    #expect(config.dimensions == ["segment", "regional_office"])
    #expect(config.label(ofDimension: "regional_office") == "Region")
    #expect(config.label(ofDimension: "segment") == "segment")
    #expect(try SiteConfig.parse(yaml: valid).dimensionLabels.isEmpty)
}

@Test func rejectsADimensionEntryWithAnUnknownKeyAnEmptyLabelOrNoKey() {
    func dimensions(_ entry: String) -> String {
        error(valid.replacingOccurrences(of: "dimensions: [segment, region]", with: "dimensions:\n  - segment\n  - \(entry)"))
    }
    #expect(dimensions("{ key: region, lable: Region }").hasPrefix("content/site.yml:7: lable: unknown key in a dimension"))
    #expect(dimensions("{ key: region, label: \"\" }").hasPrefix("content/site.yml:7: dimensions.region.label: the label is empty"))
    #expect(dimensions("{ label: Region }").contains("dimensions: a dimension has no `key`"))
    #expect(dimensions("[a, b]").contains("dimensions: expected a key or a `{key, label}` mapping"))
}
