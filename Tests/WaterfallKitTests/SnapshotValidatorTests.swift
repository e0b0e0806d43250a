import Testing
@testable import WaterfallKit

private let header = "id,segment,mql_date,sal_date,won_date,lost_date,amount,close_date"

private func codes(_ snapshot: Snapshot) -> [String] {
    snapshot.diagnostics.filter(\.code.isRowCheck).map { "\($0.line):\($0.code.rawValue)" }
}

@Test func givesEachRowTheFirstErrorInTheOrderE5E1E3E4E2E6() throws {
    let csv = """
    \(header)
    ,Ent,2026-13-45,,,,-5,
    A,Ent,2026-13-45,,,,abc,
    B,Ent,2026-11-01,,,,abc,
    C,Ent,2026-11-01,,,,,,extra
    C,Ent,2026-11-01,,,,,
    C,Ent,2026-11-02,,,,,
    D,Ent,,,,,,
    """
    let result = try snapshot(csv, date: "2026-11-20")
    #expect(codes(result) == ["2:E1", "3:E3", "4:E4", "5:E5", "7:E2", "8:E6"])
    #expect(result.texts.map(\.id) == ["C"])
    #expect(result.rowCount == 7)
}

@Test func acceptsASecondCopyWhenTheFirstWasRejected() throws {
    let csv = """
    \(header)
    A,Ent,2026-13-45,,,,,
    A,Ent,2026-11-01,,,,,
    A,Ent,2026-11-02,,,,,
    """
    let result = try snapshot(csv, date: "2026-11-20")
    #expect(codes(result) == ["2:E3", "4:E2"])
    #expect(result.records.count == 1)
    #expect(result.records[0].stageDate(stage("mql")) == day("2026-11-01"))
    #expect(result.diagnostics.filter(\.code.isRowCheck)[1].message.contains("line 3"))
}

@Test func dropsFutureDatesWithAWarningAndRejectsRowsLeftWithoutStageDates() throws {
    let csv = """
    \(header)
    A,Ent,2026-11-01,2026-11-25,,,,
    B,Ent,2026-12-01,,,,,
    C,Ent,2026-11-01,,,2026-12-24,,2027-01-15
    """
    let result = try snapshot(csv, date: "2026-11-20")
    #expect(codes(result) == ["2:W2", "3:E6", "4:W2"])
    let a = result.records[0]
    #expect(a.stageDate(stage("sal")) == nil)
    #expect(a.maxStage == stage("mql"))
    let c = result.records[1]
    #expect(c.lostDate == nil)
    #expect(c.closeDate == day("2027-01-15"))
}

@Test func judgesOutOfOrderDatesAsWrittenBeforeDroppingFutureOnes() throws {
    let csv = "\(header)\nA,Ent,2026-11-25,2026-11-10,,,,\n"
    let result = try snapshot(csv, date: "2026-11-20")
    #expect(codes(result) == ["2:W1", "2:W2"])
}

@Test func warnsAboutOutOfOrderDatesAndWonAndLostOncePerRow() throws {
    let csv = """
    \(header)
    A,Ent,2026-11-05,2026-11-01,2026-10-01,2026-11-03,100,
    """
    let result = try snapshot(csv, date: "2026-11-20")
    #expect(codes(result) == ["2:W1", "2:W3"])
    let record = result.records[0]
    #expect(record.isWon)
    #expect(!record.isLost)
}

@Test func namesTheFileLineColumnAndValueInRowMessages() throws {
    let csv = "\(header)\nA,Ent,2026-13-45,,,,,\n"
    let result = try snapshot(csv, date: "2026-11-20")
    #expect(result.diagnostics.filter(\.code.isRowCheck)[0].description == #"snapshots/2026-11-20.csv:2: E3 mql_date "2026-13-45" is not a date (expected YYYY-MM-DD)"#)
}

@Test func reportsThePhysicalLineOfRecordsAfterQuotedLineBreaks() throws {
    let csv = "id,segment,mql_date,name\nA,Ent,2026-11-01,\"two\nlines\"\nB,Ent,bad,x\n"
    let result = try snapshot(csv, date: "2026-11-20")
    #expect(codes(result) == ["4:E3"])
}

@Test func mapsEmptySourceAndDimensionValuesToUnassigned() throws {
    let csv = "id,segment,source,mql_date\nA,,,2026-11-01\nB,Ent,Marketing,2026-11-01\n"
    let result = try snapshot(csv, date: "2026-11-20")
    #expect(result.sources == ["Unassigned", "Marketing"])
    #expect(result.dimensionValues[0] == ["Unassigned", "Ent"])
}

@Test func keepsMissingAmountsAsZeroAndRemembersThemAsMissing() throws {
    let csv = "\(header)\nA,Ent,2026-11-01,,,,,\nB,Ent,2026-11-01,,,,12.345,\n"
    let result = try snapshot(csv, date: "2026-11-20")
    #expect(result.records[0].amount == .zero)
    #expect(!result.records[0].hasAmount)
    #expect(result.records[1].amount == Money(cents: 1235))
}

@Test func appliesTheStatusAdapterToCurrentStatusExports() throws {
    let config = testConfig(
        dimensions: ["product"],
        status: StatusMapping(column: "deal_stage", date: "close_date", won: ["Won"], lost: ["Lost"]),
        columns: ["id": "opportunity_id", "opportunity_date": "engage_date", "amount": "close_value"])
    let csv = """
    opportunity_id,product,deal_stage,engage_date,close_date,close_value
    1,GTX,Won,2017-01-05,2017-03-01,1054
    2,GTX,Lost,2017-01-06,2017-03-02,0
    3,GTX,Engaging,2017-02-01,,
    4,GTX,Prospecting,,,
    5,GTX,won,2017-01-05,2017-03-03,10
    6,GTX,Won,2017-01-05,2018-01-01,10
    7,GTX, Lost ,2017-01-05,2017-03-04,10
    """
    let result = try snapshot(csv, date: "2017-12-31", config: config)
    #expect(codes(result) == ["5:E6", "7:W2"])
    let byID = Dictionary(uniqueKeysWithValues: result.records.map { (result.texts[Int($0.row)].id, $0) })
    #expect(byID["1"]!.wonDate == day("2017-03-01"))
    #expect(byID["1"]!.amount == Money(cents: 105_400))
    #expect(byID["2"]!.isLost)
    #expect(byID["2"]!.lostDate == day("2017-03-02"))
    #expect(byID["3"]!.isOpen(pipelineStage: stage("opportunity")))
    #expect(!byID["5"]!.isWon, "status values match exactly, as written in site.yml")
    #expect(byID["5"]!.isOpen(pipelineStage: stage("opportunity")))
    #expect(!byID["6"]!.isWon, "a won date after the snapshot is dropped")
    #expect(byID["7"]!.isLost, "spaces around the status value are ignored")
}

@Test func letsAnExplicitWonDateColumnWinOverTheStatusMappingForTheWholeFile() throws {
    let config = testConfig(
        dimensions: [], status: StatusMapping(column: "status", date: "closed", won: ["Won"], lost: ["Lost"]))
    let csv = """
    id,status,closed,opportunity_date,won_date
    1,Won,2026-03-01,2026-01-01,2026-02-15
    2,Won,2026-03-01,2026-01-01,
    3,Lost,2026-03-04,2026-01-01,
    """
    let result = try snapshot(csv, date: "2026-11-20", config: config)
    #expect(result.records[0].wonDate == day("2026-02-15"))
    #expect(result.records[1].wonDate == nil, "the file has a won_date column, so its empty cell means not won")
    #expect(result.records[2].lostDate == day("2026-03-04"), "no lost_date column: the mapping sets it")
}

@Test func findsStatusColumnsThroughColumnRenames() throws {
    let config = testConfig(
        dimensions: [], status: StatusMapping(column: "stage", date: "close_date", won: ["Won"], lost: []),
        columns: ["stage": "Deal Stage", "close_date": "Close Date"])
    let csv = "id,Deal Stage,Close Date,opportunity_date\n1,Won,2026-03-01,2026-01-01\n"
    #expect(try snapshot(csv, date: "2026-11-20", config: config).records[0].wonDate == day("2026-03-01"))
}

@Test func rejectsABadStatusDateAsE3() throws {
    let config = testConfig(dimensions: [], status: StatusMapping(column: "status", date: "closed", won: ["Won"], lost: []))
    let csv = "id,status,closed,opportunity_date\n1,Won,someday,2026-01-01\n"
    let result = try snapshot(csv, date: "2026-11-20", config: config)
    #expect(codes(result) == ["2:E3"])
}

@Test func readsDatesInTheConfiguredFormat() throws {
    let config = testConfig(dateFormat: .dayMonthYearDots)
    let csv = "id,segment,mql_date\nA,Ent,5.11.2026\nB,Ent,2026-11-05\n"
    let result = try snapshot(csv, date: "2026-11-20", config: config)
    #expect(result.records[0].stageDate(stage("mql")) == day("2026-11-05"))
    #expect(codes(result) == ["3:E3"])
}

@Test func stopsOnAMissingRequiredColumnAndListsTheColumnsTheFileHas() throws {
    let csv = "lead,mql_date\nA,2026-11-01\n"
    #expect {
        try snapshot(csv, date: "2026-11-20")
    } throws: { error in
        let text = String(describing: error)
        return text.contains("snapshots/2026-11-20.csv:1") && text.contains("\"id\"") && text.contains("\"segment\"")
            && text.contains("The file has: \"lead\", \"mql_date\"")
    }
}

@Test func stopsWhenAColumnMappedInSiteYmlIsMissing() throws {
    let config = testConfig(columns: ["mql_date": "MQL Date"])
    #expect(throws: ColumnLayout.Error.self) {
        try snapshot("id,segment,mql_date\nA,Ent,2026-11-01\n", date: "2026-11-20", config: config)
    }
}

@Test func warnsAboutStagesWithoutAColumn() throws {
    let result = try snapshot("id,segment,mql_date\nA,Ent,2026-11-01\n", date: "2026-11-20")
    let warnings = result.diagnostics.filter { $0.code == .w4 }
    #expect(warnings.count == 5)
    #expect(warnings[0].message.contains("inquiry"))
}

@Test func stopsOnAnEmptyFile() throws {
    #expect(throws: ColumnLayout.Error.self) { try snapshot("", date: "2026-11-20") }
}

@Test func stopsOnAnExportThatIsNotUTF8AndNamesTheLine() throws {
    var bytes = Array("id,segment,mql_date\nA,Ent,2026-11-01\nB,".utf8)
    bytes += [0x4D, 0xFC, 0x6E, 0x63, 0x68, 0x65, 0x6E]   // "München" in Latin-1
    bytes += Array(",2026-11-02\n".utf8)
    #expect {
        try SnapshotLoader.load(from: MemoryByteSource(bytes), file: "snapshots/2026-11-20.csv",
                                displayPath: "snapshots/2026-11-20.csv", date: day("2026-11-20"), config: testConfig())
    } throws: { error in
        String(describing: error).hasPrefix("snapshots/2026-11-20.csv:3: the file is not UTF-8")
    }
}

@Test func readsUTF8ValuesBeyondASCII() throws {
    let result = try snapshot("id,segment,mql_date\nA,München & Zürich,2026-11-01\n", date: "2026-11-20")
    #expect(result.dimensionValues[0] == ["München & Zürich"])
}
