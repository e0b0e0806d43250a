import Foundation
import Testing
@testable import WaterfallKit

// Snapshot 2026-11-20; fiscal year from February, so FY2027-Q4 = 2026-11-01…2027-01-31.
private let openDeals = """
\(fullHeader)
D9,Marketing,Ent,,,,,2026-09-01,,,500,2026-11-02,Ann
D10,Sales,Ent,,,,,2026-09-01,,,500,2026-11-03,Bob
D3,Sales,SMB,,,,,2026-09-01,,,900,2026-12-20,Cy
D4,Sales,SMB,,,,,2026-09-01,,,100,2026-10-15,Dee
D5,Marketing,Ent,,,,,2026-09-01,2026-11-10,,5000,2026-11-01,Eve
D6,Partner,Ent,,,,,2026-09-01,,,700,,Fay
D7,Partner,Ent,,,,,2026-09-01,,,800,2027-03-01,Gil
"""

@Test func listsPastDueAndInQuarterDealsLargestFirstWithIdsBreakingTies() throws {
    let pipeline = try metrics(openDeals, date: "2026-11-20").company.pipeline
    // D10 and D9 tie at 500: ids in code-point order ("D10" < "D9"); D5 is won, D6 has no close date.
    #expect(pipeline.pastDueDeals.map(\.id) == ["D10", "D9", "D4"])
    #expect(pipeline.inQuarterDeals.map(\.id) == ["D3", "D10", "D9"])
    #expect(pipeline.inQuarterDeals.first?.closeDate == day("2026-12-20"))
    #expect(pipeline.pastDueDeals.first?.owner == "Bob")
}

@Test func idsComparedAsBytesComeInTheOrderOfTheirStrings() {
    // The deal lists are sorted as records, ids compared as bytes: the order `sortLargestFirst`
    // gives the strings, prefixes, empty ids and characters beyond ASCII included.
    var generator = SystemRandomNumberGenerator()
    let alphabet: [String] = ["a", "b", "A", "0", "9", "-", "é", "É", "ß", "日", "😀", "\u{10FFFF}", "~"]
    var ids = ["", "a", "ab", "abc", "D10", "D9", "d9", "é", "e\u{301}"]
    for _ in 0..<300 {
        ids.append((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined())
    }
    let texts = RecordTexts(ids.map { RecordText(id: $0) })
    for first in ids.indices {
        for second in ids.indices {
            #expect(texts.idPrecedes(first, second) == ids[first].precedesByCodePoint(ids[second]), "\(ids[first]) \(ids[second])")
        }
    }
}

@Test func dealListsComeInTheOrderOfSortingTheDealsThemselves() throws {
    // Many deals, many ties: the lists equal the same deals sorted by `sortLargestFirst`.
    var rows = [fullHeader]
    for index in 0..<400 {
        let amount = [100, 250, 250.5, 1000][index % 4]
        rows.append("Z\(index * 7919 % 400)é,Sales,Ent,,,,,2026-09-01,,,\(amount),2026-1\(index % 2 == 0 ? "0-15" : "2-20"),Owner \(index)")
    }
    for scope in try metrics(rows.joined(separator: "\n") + "\n", date: "2026-11-20").scopes {
        for deals in [scope.pipeline.pastDueDeals, scope.pipeline.inQuarterDeals] {
            var sorted = deals.reversed() as [PipelineDeal]
            sorted.sortLargestFirst()
            #expect(deals.count == 200 && deals == sorted, "\(scope.scope.key)")
        }
    }
}

@Test func pipelineListsHoldEveryDealOfTheirFigureInEveryScope() throws {
    for scope in try metrics(openDeals, date: "2026-11-20").scopes {
        let pipeline = scope.pipeline
        for (deals, figure) in [(pipeline.pastDueDeals, pipeline.pastDue), (pipeline.inQuarterDeals, pipeline.inQuarter)] {
            #expect(deals.count == figure.count, "\(scope.scope.key)")
            #expect(deals.reduce(Money.zero) { $0 + $1.amount } == figure.amount, "\(scope.scope.key)")
            #expect(Set(deals.map(\.id)).count == deals.count)
        }
    }
}

private let shiftHeader = "id,segment,opportunity_date,won_date,lost_date,amount,close_date,owner"
private let before = """
\(shiftHeader)
S9,Ent,2026-10-01,,,1500,2026-12-01,Ann
S10,Ent,2026-10-01,,,1000,2026-12-01,Bob
S2,Ent,2026-10-01,,,400,2026-12-15,Cy
S3,Ent,2026-10-01,,,300,2026-12-15,Dee
S4,Ent,2026-10-01,,,200,2026-12-15,Eve
"""
private let after = """
\(shiftHeader)
S9,Ent,2026-10-01,,,1500,2027-02-15,Ann
S10,Ent,2026-10-01,,,1500,2027-05-01,Bo
S2,Ent,2026-10-01,,,400,2026-10-30,Cy
S3,Ent,2026-10-01,,,300,2026-11-30,Dee
S4,Ent,2026-10-01,,,250,2027-01-31,Eve
"""

@Test func listsPushedAndPulledInDealsWithTheirQuarterBeforeAndAfter() throws {
    let bridge = try #require(try metricsSequence([("2026-11-13", before), ("2026-11-20", after)])[1].company.bridge)
    // S9 and S10 tie at 1,500 (S10's amount as in this snapshot); S3 and S4 stay in FY2027-Q4.
    #expect(bridge.pushedDeals.map(\.id) == ["S10", "S9"])
    #expect(bridge.pushedDeals.map(\.quarterBefore.label) == ["FY2027-Q4", "FY2027-Q4"])
    #expect(bridge.pushedDeals.map(\.quarterAfter.label) == ["FY2028-Q2", "FY2028-Q1"])
    #expect(bridge.pushedDeals[0].closeBefore == day("2026-12-01"))
    #expect(bridge.pushedDeals[0].closeAfter == day("2027-05-01"))
    #expect(bridge.pushedDeals[0].owner == "Bo")
    #expect(bridge.pulledInDeals.map(\.id) == ["S2"])
    #expect(bridge.pulledInDeals.map(\.quarterAfter.label) == ["FY2027-Q3"])
    #expect(bridge.pushedDeals.count == bridge.pushed.count)
    #expect(bridge.pushedDeals.reduce(Money.zero) { $0 + $1.amount } == bridge.pushed.amount)
    #expect(bridge.pulledInDeals.reduce(Money.zero) { $0 + $1.amount } == bridge.pulledIn.amount)
}

@Test func metricsJSONCarriesTheListsAsExtraFields() throws {
    let sequence = try metricsSequence([("2026-11-13", before), ("2026-11-20", after)])
    let json = MetricsJSON.document(sequence[1], config: testConfig()).serialized()
    let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let company = try #require((document["scopes"] as? [[String: Any]])?.first)
    let bridge = try #require(company["bridge"] as? [String: Any])
    let pushed = try #require(bridge["pushed_deals"] as? [[String: Any]])
    #expect(pushed.map { $0["id"] as? String } == ["S10", "S9"])
    #expect(pushed[0]["quarter_before"] as? String == "FY2027-Q4")
    #expect(pushed[0]["quarter_after"] as? String == "FY2028-Q2")
    #expect(pushed[0]["close_date_after"] as? String == "2027-05-01")
    #expect((bridge["pulled_in_deals"] as? [[String: Any]])?.count == 1)
    let pipeline = try #require(company["pipeline"] as? [String: Any])
    let inQuarter = try #require(pipeline["in_quarter_deals"] as? [[String: Any]])
    #expect(inQuarter.map { $0["id"] as? String } == ["S3", "S4"])
    #expect(inQuarter[0]["stage"] as? String == "opportunity")
    #expect(Array(pipeline.keys).contains("past_due_deals"))
}

// MARK: - Win rate split

@Test func restIsAllDealsLessMarketingByCountsAndAmounts() throws {
    let scopes = try metrics(dealsCSV, date: "2026-11-20").scopes
    for scope in scopes {
        let split = scope.winRate.split(marketingSources: ["Marketing"])
        for (window, total) in [(\WinRateWindows.qtd, scope.winRate.qtd), (\WinRateWindows.t13, scope.winRate.t13)] {
            let marketing = split.marketing[keyPath: window], rest = split.rest[keyPath: window]
            #expect(marketing.won + rest.won == total.won)
            #expect(marketing.lost + rest.lost == total.lost)
            #expect(marketing.wonAmount + rest.wonAmount == total.wonAmount)
            #expect(marketing.lostAmount + rest.lostAmount == total.lostAmount)
            // The rest equals the other sources summed, so no closed deal is outside by_source.
            let others = scope.winRate.bySource.filter { $0.source != "Marketing" }.map { $0.value[keyPath: window] }
            #expect(rest.won == others.map(\.won).reduce(0, +))
            #expect(rest.lostAmount == others.map(\.lostAmount).reduce(.zero, +))
        }
    }
    let company = scopes[0].winRate.split(marketingSources: ["Marketing"])
    #expect(company.marketing.qtd.won == 1)
    #expect(company.rest.qtd.lost == 1)
    #expect(company.rest.qtd.rate == 0)
}

@Test func metricsJSONCarriesMarketingAndRestWinRates() throws {
    let result = try metrics(dealsCSV, date: "2026-11-20")
    let json = MetricsJSON.document(result, config: testConfig()).serialized()
    let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let company = try #require((document["scopes"] as? [[String: Any]])?.first)
    let winRate = try #require(company["win_rate"] as? [String: Any])
    let marketing = try #require((winRate["marketing"] as? [String: Any])?["qtd"] as? [String: Any])
    let rest = try #require((winRate["rest"] as? [String: Any])?["qtd"] as? [String: Any])
    let all = try #require(winRate["qtd"] as? [String: Any])
    for key in ["won", "lost"] {
        #expect((marketing[key] as! Int) + (rest[key] as! Int) == all[key] as! Int)
    }
    let share = try #require(company["marketing_share"] as? [String: Any])
    #expect((share["band"] as? [String: Any])?["low"] as? Double == 0.2)
    #expect((share["band_verdict"] as? [String: Any])?["qtd"] as? String == "below")
}

// MARK: - Band

@Test func bandVerdictIncludesBothEnds() {
    let band = MarketingBand(low: 0.2, high: 0.3)
    #expect(MarketingShare.verdict(0.2, band: band) == .within)
    #expect(MarketingShare.verdict(0.3, band: band) == .within)
    #expect(MarketingShare.verdict(0.2.nextDown, band: band) == .below)
    #expect(MarketingShare.verdict(0.3.nextUp, band: band) == .above)
    #expect(MarketingShare.verdict(nil, band: band) == nil)
    // A share computed from amounts lands exactly on the edge: 1 of 5 is 0.2.
    let window = MarketingShareWindow(opportunities: CountAmount(count: 5, amount: Money(cents: 500)),
                                      marketing: CountAmount(count: 1, amount: Money(cents: 100)))
    #expect(window.verdict(band: band) == .within)
    #expect(window.verdict(band: MarketingBand(low: 0.25, high: 0.5)) == .below)
}

private let minimalSite = """
company: Test Co
stages:
  - { key: mql, name: MQL }
  - { key: opportunity, name: Opportunity }
  - { key: won, name: Won }

"""

@Test func bandDefaultsToTwentyToThirtyPercent() throws {
    let config = try SiteConfig.parse(yaml: minimalSite)
    #expect(config.marketingBand == MarketingBand(low: 0.2, high: 0.3))
    #expect(Format.band(config.marketingBand) == "20–30%")
    let custom = try SiteConfig.parse(yaml: minimalSite + "marketing_band: { low: 0.225, high: 0.4 }\n")
    #expect(custom.marketingBand == MarketingBand(low: 0.225, high: 0.4))
    #expect(Format.band(custom.marketingBand) == "22.5–40%")
}

@Test func bandErrorsNameTheKeyTheLineAndTheFix() {
    func error(_ band: String) -> String {
        do {
            _ = try SiteConfig.parse(yaml: minimalSite + band + "\n")
            return "no error"
        } catch {
            return "\(error)"
        }
    }
    let line = minimalSite.split(separator: "\n", omittingEmptySubsequences: false).count
    let percent = error("marketing_band: { low: 20, high: 30 }")
    #expect(percent.contains("site.yml:\(line): marketing_band.low"))
    #expect(percent.contains("`low: 0.2`"))
    #expect(error("marketing_band: { low: 0.3, high: 0.2 }").contains("marketing_band: low (0.3) is above high (0.2)"))
    #expect(error("marketing_band: { low: 0.2 }").contains("marketing_band.high: missing"))
    #expect(error("marketing_band: { low: 0.2, hi: 0.3 }").contains("hi: unknown key in marketing_band"))
    #expect(error("marketing_band: { low: lots, high: 0.3 }").contains("marketing_band.low: \"lots\" is not a number"))
    #expect(error("marketing_band: 0.25").contains("marketing_band: expected a mapping"))
}

// MARK: - Page lists and CSV files

private func list(_ count: Int) -> DealList {
    DealList(title: "Past due", caption: "Past due deals", file: "past-due-deals.csv",
             columns: [.init(name: "id", label: "Deal"), .init(name: "name", label: "Name"),
                       .init(name: "amount", label: "Amount", isNumber: true, fromData: false)],
             rows: (0..<count).map { [.init("D\($0)"), .init("=cmd|' /C calc'!A0, \"quoted\""), .init("-\($0)")] })
}

@Test func pageShowsTenThenTheRestUnderADisclosureUpToTheLimit() throws {
    #expect(list(0).fields == nil)
    let twelve = try #require(list(12).fields)
    #expect(((twelve["first"] as? Fields)?["rows"] as? [Fields])?.count == 10)
    let rest = try #require(twelve["rest"] as? Fields)
    #expect(rest["count"] as? String == "2")
    #expect(((rest["table"] as? Fields)?["rows"] as? [Fields])?.count == 2)
    #expect(twelve["more"] as? Bool == false)
    let many = try #require(list(DealList.pageLimit + 7).fields)
    #expect(((many["rest"] as? Fields)?["table"] as? Fields).flatMap { $0["rows"] as? [Fields] }?.count == DealList.pageLimit - 10)
    #expect(many["more"] as? String == "7")
    #expect(many["count"] as? String == "\(DealList.pageLimit + 7)")
}

@Test func csvEscapesEveryValueAndGuardsFormulasFromTheExport() {
    let lines = list(2).csv.components(separatedBy: "\r\n")
    #expect(lines[0] == "id,name,amount")
    // Text from the export gets a leading ' so a spreadsheet does not run it; numbers stay numbers.
    #expect(lines[1] == "D0,\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\",-0")
    #expect(lines.count == 4 && lines[3].isEmpty)
}

@Test func everyScopePageLinksACSVFileBesideItForEachNonEmptyList() throws {
    // site-deals: between its two weeks one deal of each bridge movement, one past due, one lead
    // breached whose name and owner a spreadsheet would run as formulas.
    let site = try FixtureSite("site-deals")
    defer { site.remove() }
    try site.build()
    let tree = try FixtureSite.tree(site.output)
    let csvFiles = tree.keys.filter { $0.hasSuffix(".csv") && !$0.contains("data-quality/") }
    #expect(!csvFiles.isEmpty)
    let names = ["past-due-deals.csv", "in-quarter-deals.csv", "won-deals.csv", "lost-deals.csv", "removed-deals.csv",
                 "pushed-deals.csv", "pulled-in-deals.csv", "breached-leads-1-lead-acceptance.csv"]
    for name in names {
        #expect(csvFiles.contains { $0.hasPrefix("weeks/") && $0.hasSuffix("/" + name) }, "no \(name) in weeks/")
    }
    for file in csvFiles {
        let folder = (file as NSString).deletingLastPathComponent
        let page = folder.isEmpty ? "index.html" : folder + "/index.html"
        let html = try #require(tree[page].map { String(decoding: $0, as: UTF8.self) }, "no page beside \(file)")
        let name = (file as NSString).lastPathComponent
        let rows = String(decoding: tree[file]!, as: UTF8.self).components(separatedBy: "\r\n").count - 2
        #expect(html.contains("<a href=\"\(name)\">Download all \(rows) as CSV</a>"), "\(page) does not link \(name)")
    }
    // The other way: every CSV link of every page leads to a file, and no empty list has one.
    for (page, data) in tree where page.hasSuffix("index.html") {
        let html = String(decoding: data, as: UTF8.self)
        let folder = (page as NSString).deletingLastPathComponent
        for match in html.matches(of: /href="([a-z0-9-]+\.csv)"/) {
            let file = folder.isEmpty ? String(match.1) : folder + "/" + match.1
            #expect(tree[file] != nil, "\(page) links \(match.1), which is missing")
        }
    }
    // The latest week's files are at the root too; the first week (no bridge) has no bridge files.
    for file in csvFiles where file.hasPrefix("weeks/2026-11-20/") {
        #expect(tree[String(file.dropFirst("weeks/2026-11-20/".count))] == tree[file], "\(file) differs at the root")
    }
    #expect(!csvFiles.contains { $0.hasPrefix("weeks/2026-11-13/") && $0.hasSuffix("won-deals.csv") })
    #expect(!csvFiles.contains { $0.hasSuffix("segment/smb/past-due-deals.csv") })
    let breached = String(decoding: tree["weeks/2026-11-20/segment/smb/breached-leads-1-lead-acceptance.csv"]!, as: UTF8.self)
    #expect(breached == "id,name,owner,entered,days_waiting\r\nM1,\"'=HYPERLINK(\"\"http://x.example\"\")\",'@owner,2026-11-10,10\r\n")
    // site.yml sets marketing_band 0.25–0.5: the tile, the share section and the definitions say so.
    let page = String(decoding: tree["index.html"]!, as: UTF8.self)
    #expect(page.contains("band 25–50%") && page.contains("against the 25–50% that marketing typically sources"))
    #expect(String(decoding: tree["definitions/index.html"]!, as: UTF8.self).contains("25–50% band"))
    let pushed = String(decoding: tree["weeks/2026-11-20/pushed-deals.csv"]!, as: UTF8.self)
    #expect(pushed.hasSuffix("\r\nP1,2500,Dee,Delta rollout,2026-12-01,FY2027-Q4,2027-03-01,FY2028-Q1\r\n"))
}

@Test func pageTextIsMadeForTheRowsAPageListsAndNoOthers() {
    var made = 0
    func text(_ value: String) -> String {
        made += 1
        return value
    }
    let last = DealList.Cell("1234.5", row: DealList.pageLimit - 1, page: text("$1,234.50"))
    let beyond = DealList.Cell("99", row: DealList.pageLimit, page: text("$99.00"))
    #expect(last.page == "$1,234.50" && last.csv == "1234.5")
    #expect(beyond.page == "99" && beyond.csv == "99" && made == 1)
}
