import Foundation
import Testing
@testable import WaterfallKit
@testable import WaterfallDemo

/// A small demo company on disk, checked once: its content folder and every snapshot's metrics.json.
private struct ExplainDemo {
    let content: String
    let weeks: [Day]
    /// metrics.json of each week, as the build writes it.
    let documents: [JSONValue]
    /// An explainer of each week, loaded from the folder as `waterfall explain --week` does.
    let explainers: [Explainer]

    static let shared: ExplainDemo = {
        let content = temporaryFolder() + "/content"
        try! ContentFolderWriter.write(DemoCompany(options: .init(records: 700, weeks: 3, seed: 11)).files(), to: content, replace: false)
        let checked = try! SiteBuilder(options: checkOptions(content: content)).check()
        let weeks = checked.metrics.map(\.snapshot)
        return ExplainDemo(content: content, weeks: weeks,
                           documents: checked.metrics.map { MetricsJSON.document($0, config: checked.config) },
                           explainers: weeks.map { try! Explainer.load(content: content, week: $0.iso) })
    }()
}

/// Leaves of metrics.json that are counts or amounts but have no records of their own; explain
/// must refuse them with a reason. Any other count or amount must be explained.
private let notRecordFigures = [
    #"^sla\[\d+\]\.days$"#, #"^sla\[\d+\]\.breached_leads\["#, #"^plan\.(target|remaining|avg_deal|reverse_funnel\[\d+\]\.need)$"#,
    #"^trend\["#, #"^bridge\.(won|lost|removed|pushed|pulled_in)_deals\["#, #"^pipeline\.(past_due|in_quarter)_deals\["#, #"^data_quality\.(rows|examples_per_code|examples\[)"#,
]

/// Every int or amount leaf under `value`, with its path.
private func leaves(_ value: JSONValue, _ path: String = "") -> [(path: String, value: JSONValue)] {
    switch value {
    case let .object(members):
        return members.flatMap { leaves($1, path.isEmpty ? $0 : path + "." + $0) }
    case let .array(items):
        return items.enumerated().flatMap { leaves($1, path + "[\($0)]") }
    case .int, .number:
        return [(path, value)]
    default:
        return []
    }
}

/// Reads RFC 4180 text (CRLF) into rows of fields.
private func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
    var characters = text.makeIterator()
    while let character = characters.next() {
        if quoted {
            if character == "\"" {
                guard let next = characters.next() else { quoted = false; break }
                if next == "\"" { field.append("\"") } else {
                    quoted = false
                    if next == "," { row.append(field); field = "" } else if next == "\r\n" { row.append(field); rows.append(row); row = []; field = "" }
                }
            } else {
                field.append(character)
            }
        } else if character == "\"" && field.isEmpty {
            quoted = true
        } else if character == "," {
            row.append(field); field = ""
        } else if character == "\r\n" {
            row.append(field); rows.append(row); row = []; field = ""
        } else {
            field.append(character)
        }
    }
    return rows
}

private func cents(_ text: String) -> Money {
    guard !text.isEmpty else { return .zero }
    let bytes = Array(text.utf8)
    guard case let .amount(money) = bytes.withUnsafeBufferPointer(AmountParser.parse) else { fatalError("not an amount: \(text)") }
    return money
}

/// Explains every count and amount leaf of one scope of one week and checks that the CSV rows
/// add up to the figure; returns how many leaves with a non-zero figure were explained.
@discardableResult
private func checkEveryLeaf(week: Int, scope key: String) throws -> (nonZero: Int, explained: [String]) {
    let demo = ExplainDemo.shared
    let explainer = demo.explainers[week]
    guard case let .array(scopes)? = demo.documents[week].value(at: FieldPath([.key("scopes")])),
          let scope = scopes.first(where: { $0.value(at: FieldPath([.key("scope")])) == .string(key) }) else {
        Issue.record("no scope \(key) in week \(week)")
        return (0, [])
    }
    var all = leaves(scope)
    if key == "company", let quality = demo.documents[week].value(at: FieldPath([.key("data_quality")])) {
        all += leaves(quality).map { ("data_quality." + $0.path, $0.value) }
    }
    var nonZero = 0
    var explained: [String] = []
    for (path, published) in all {
        let explanation: Explanation
        do {
            explanation = try explainer.explain(path, scope: key)
        } catch let error as Explainer.Error {
            guard case .notARecordFigure = error, notRecordFigures.contains(where: { path.range(of: $0, options: .regularExpression) != nil }) else {
                Issue.record("\(key) \(path): \(error)")
                continue
            }
            continue
        }
        explained.append(path)
        let table = parseCSV(explanation.csv())
        let header = table.first!, total = table.last!, records = table.dropFirst().dropLast()
        #expect(total.first == "total")
        #expect(records.allSatisfy { $0.count == header.count }, "\(path): ragged rows")
        let amountColumn = header.firstIndex(of: "amount")
        let sum = amountColumn.map { column in records.reduce(Money.zero) { $0 + cents($1[column]) } }
        #expect(total.count > 1 && total[1] == String(records.count), "\(path): total line \(total) for \(records.count) rows")
        #expect(sum.map { total.count > 2 && total[2] == $0.decimalString } ?? (total.count == 2), "\(path): total line \(total), rows sum to \(sum.map(\.decimalString) ?? "-")")
        switch published {
        case let .int(count):
            #expect(records.count == Int(count), "\(key) \(path): metrics.json says \(count), \(records.count) rows")
            if count != 0 { nonZero += 1 }
        case let .number(amount):
            #expect(sum?.decimalString == amount, "\(key) \(path): metrics.json says \(amount), rows sum to \(sum.map(\.decimalString) ?? "-")")
            if amount != "0" { nonZero += 1 }
        default:
            break
        }
        let reconciles = explanation.reconciles
        #expect(reconciles, "\(explanation.summary)")
    }
    return (nonZero, explained)
}

@Test func everyCountAndAmountOfTheLatestWeekAddsUpToMetricsJSON() throws {
    let latest = ExplainDemo.shared.weeks.count - 1
    let (nonZero, explained) = try checkEveryLeaf(week: latest, scope: "company")
    #expect(nonZero >= 100, "only \(nonZero) non-zero figures explained")
    for family in ["volume.", "conversion[", "velocity[", "sla[", "pipeline.", "bookings.", "win_rate.", "marketing_share.",
                   "bridge.", "data_quality.errors.", "plan.booked"] {
        #expect(explained.contains { $0.hasPrefix(family) }, "no \(family) field explained")
    }
}

@Test func everyCountAndAmountOfASegmentAddsUpToMetricsJSON() throws {
    let latest = ExplainDemo.shared.weeks.count - 1
    let (nonZero, _) = try checkEveryLeaf(week: latest, scope: "segment=Enterprise")
    #expect(nonZero >= 50, "only \(nonZero) non-zero figures explained")
}

@Test func everyCountAndAmountOfAnEarlierWeekWithABridgeAddsUp() throws {
    let (_, explained) = try checkEveryLeaf(week: 1, scope: "company")
    #expect(explained.contains("bridge.start"))
    try checkEveryLeaf(week: 1, scope: "region=EMEA")
}

@Test func theFirstWeekHasNoBridgeToExplain() throws {
    try checkEveryLeaf(week: 0, scope: "company")
    let explainer = ExplainDemo.shared.explainers[0]
    #expect(throws: Explainer.Error.noBridge(field: "bridge.won", week: ExplainDemo.shared.weeks[0])) {
        try explainer.explain("bridge.won")
    }
}

@Test func anUnknownFieldSuggestsTheNearestFields() throws {
    let explainer = ExplainDemo.shared.explainers.last!
    do {
        _ = try explainer.explain("volume.mq.qtd")
        Issue.record("volume.mq.qtd was explained")
    } catch let Explainer.Error.unknownField(field, _, scope, suggestions) {
        #expect(field == "volume.mq.qtd" && scope == "company")
        #expect(suggestions.first == "volume.mql.qtd")
        #expect(suggestions.allSatisfy { try! explainer.fields().contains($0) })
    }
    do {
        _ = try explainer.explain("bridge.counts.add")
        Issue.record("bridge.counts.add was explained")
    } catch {
        #expect("\(error)".contains("Did you mean bridge.counts.added"))
    }
}

@Test func anUnknownScopeOrWeekNamesTheOnesThatExist() throws {
    let demo = ExplainDemo.shared
    do {
        _ = try demo.explainers.last!.explain("pipeline", scope: "segment=Enterprse")
        Issue.record("a misspelt scope was explained")
    } catch let Explainer.Error.unknownScope(_, _, suggestions, scopes) {
        #expect(suggestions == ["segment=Enterprise"])
        #expect(scopes.first == "company" && scopes.contains("region=EMEA"))
    }
    #expect(throws: Explainer.Error.unknownWeek(week: "2026-11-19", snapshots: demo.weeks)) {
        try Explainer.load(content: demo.content, week: "2026-11-19")
    }
}

@Test func ratesAndMediansNameTheCountsToExplainInstead() throws {
    let explainer = ExplainDemo.shared.explainers.last!
    for (field, named) in [("conversion[1].t13.rate", ["conversion[1].t13.converted", "conversion[1].t13.cohort"]),
                           ("sla[0].qtd.compliance", ["sla[0].qtd.on_time", "sla[0].qtd.late", "sla[0].qtd.breached"]),
                           ("velocity[0].median_days", ["velocity[0].n"]),
                           ("win_rate.t13.amount_rate", ["win_rate.t13.won_amount", "win_rate.t13.lost_amount"]),
                           ("marketing_share.qtd.count_share", ["marketing_share.qtd.marketing_opportunities", "marketing_share.qtd.opportunities"])] {
        do {
            _ = try explainer.explain(field)
            Issue.record("\(field) was explained")
        } catch let Explainer.Error.notARecordFigure(path, reason, _) {
            #expect(path == field)
            for count in named {
                #expect(reason.contains(count), "\(field): \(reason)")
                #expect(try explainer.explain(count).reconciles)
            }
        }
    }
}

@Test func arrayElementsCanBeNamedByTheirLabel() throws {
    let explainer = ExplainDemo.shared.explainers.last!
    let byLabel = try explainer.explain("sla.Lead acceptance.qtd.on_time")
    let byIndex = try explainer.explain("sla[0].qtd.on_time")
    #expect(byLabel.field == "sla[0].qtd.on_time")
    #expect(byLabel.csv() == byIndex.csv())
    #expect(try explainer.explain("conversion.mql.t13.cohort").field == "conversion[1].t13.cohort")
    #expect(try explainer.explain("pipeline.by_stage.opportunity").published.count != nil)
}

// MARK: - Fixtures: escaping, bridge notes, keys with dots

private let explainHeader = "id,name,source,segment,mql_date,sal_date,opportunity_date,won_date,lost_date,amount,close_date,owner"

@Test func csvQuotesFieldsAndGuardsFormulasFromTheExport() throws {
    let csv = explainHeader + "\n"
        + "A1,\"=HYPERLINK(\"\"http://x\"\")\",Partner.co,SMB,2026-11-02,,2026-11-03,,,100,2026-12-01,+Ann\n"
        + "A2,\"Smith, \"\"Big\"\" Co\",@Sales,SMB,2026-11-02,,2026-11-04,,,,2026-12-01,-Bob\n"
        + "A3,\"two\nlines\",Sales,SMB,2026-11-02,2026-11-10,,,,5,,\n"
    let current = try snapshot(csv, date: "2026-11-20")
    let explainer = try Explainer(config: testConfig(), current: current, previous: nil)
    let output = try explainer.explain("pipeline").csv()
    #expect(output == "id,owner,name,source,stage,opportunity_date,close_date,amount,file,line\r\n"
        + "A1,'+Ann,\"'=HYPERLINK(\"\"http://x\"\")\",Partner.co,opportunity,2026-11-03,2026-12-01,100,snapshots/2026-11-20.csv,2\r\n"
        + "A2,'-Bob,\"Smith, \"\"Big\"\" Co\",'@Sales,opportunity,2026-11-04,2026-12-01,,snapshots/2026-11-20.csv,3\r\n"
        + "total,2,100\r\n")
    #expect(try explainer.explain("volume.mql.qtd").csv().contains("A3,,\"two\nlines\",Sales,2026-11-02,5,snapshots/2026-11-20.csv,4\r\n"))
    // A source value holding a dot is one key.
    #expect(try explainer.explain("pipeline.by_source.Partner.co.amount").rows.map(\.first) == ["A1"])
    #expect(CSV.field("-3", fromData: false) == "-3")
    #expect(CSV.field("\tx", fromData: true) == "'\tx")
    // Each of the six starts a spreadsheet runs, and nothing else, gets the leading quote.
    for start in ["=", "+", "-", "@", "\t", "\r"] {
        #expect(CSV.field(start + "1", fromData: true).hasPrefix(start == "\r" ? "\"'" : "'"), "\(start.debugDescription)")
    }
    for start in ["1", "a", "'", " ", "#", "%", "é"] {
        #expect(CSV.field(start + "1", fromData: true) == start + "1")
    }
}

@Test func bridgeRowsCarryTheAmountThatCountsAndWhyADealLeft() throws {
    let before = explainHeader + "\n"
        + "B1,Won deal,Sales,SMB,2026-11-01,,2026-11-02,,,100,2026-12-01,\n"
        + "B2,Grew,Sales,SMB,2026-11-01,,2026-11-02,,,100,2026-12-01,\n"
        + "B3,Moved,Sales,SMB,2026-11-01,,2026-11-02,,,70,2026-12-01,\n"
        + "B4,Vanished,Sales,SMB,2026-11-01,,2026-11-02,,,40,2026-12-01,\n"
    let after = explainHeader + "\n"
        + "B1,Won deal,Sales,SMB,2026-11-01,,2026-11-02,2026-11-10,,120,2026-12-01,\n"
        + "B2,Grew,Sales,SMB,2026-11-01,,2026-11-02,,,150,2026-12-01,\n"
        + "B3,Moved,Sales,Enterprise,2026-11-01,,2026-11-02,,,70,2026-12-01,\n"
    let explainer = try Explainer(config: testConfig(), current: try snapshot(after, date: "2026-11-20"),
                                  previous: try snapshot(before, date: "2026-11-13"))
    let won = try explainer.explain("bridge.won", scope: "segment=SMB")
    #expect(won.rows.map { [$0[0], $0[10], $0[11], $0[12]] } == [["B1", "100", "120", "100"]])
    #expect(try explainer.explain("bridge.increased", scope: "segment=SMB").rows.map { $0[12] } == ["50"])
    let removed = try explainer.explain("bridge.removed", scope: "segment=SMB")
    #expect(removed.rows.map { [$0[0], $0[13]] } == [["B3", "now segment=Enterprise"], ["B4", "not among the accepted rows of snapshots/2026-11-20.csv"]])
    #expect(removed.reconciles && removed.amount == Money(cents: 11_000))
    #expect(try explainer.explain("bridge.added", scope: "segment=Enterprise").rows.map { $0[13] } == ["was segment=SMB"])
}

@Test func explainFindsSnapshotsNamedAfterTheCRMsExportsAsSiteYmlSaysAndCheckDoes() throws {
    let site = try FixtureSite("tiny")
    defer { site.remove() }
    let plain = try Explainer.load(content: site.content.path).explain("pipeline")
    let snapshots = site.content.appendingPathComponent("snapshots")
    for name in try FileManager.default.contentsOfDirectory(atPath: snapshots.path) {
        try FileManager.default.moveItem(at: snapshots.appendingPathComponent(name),
                                         to: snapshots.appendingPathComponent("crm-export-" + name))
    }
    let siteFile = site.content.appendingPathComponent("site.yml")
    try (String(contentsOf: siteFile, encoding: .utf8) + "\nsnapshot_names: \"crm-export-{date}.csv\"\n")
        .write(to: siteFile, atomically: true, encoding: .utf8)
    let named = try Explainer.load(content: site.content.path, week: "2026-11-13").explain("pipeline")
    #expect(named.snapshot.iso == "2026-11-13" && named.reconciles)
    let latest = try Explainer.load(content: site.content.path).explain("pipeline")
    #expect(latest.snapshot == plain.snapshot && latest.count == plain.count && latest.amount == plain.amount
            && latest.rows.count == plain.rows.count && latest.reconciles)
}
