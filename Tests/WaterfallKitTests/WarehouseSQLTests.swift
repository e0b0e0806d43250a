import Foundation
import Testing
@testable import WaterfallKit
@testable import WaterfallDemo

/// The demo company's config and the metrics.json documents the Swift engine computes for it.
private struct SQLDemo {
    let config: SiteConfig
    let documents: [JSONValue]

    static let shared: SQLDemo = {
        let content = temporaryFolder() + "/content"
        try! ContentFolderWriter.write(DemoCompany(options: .init(records: 500, weeks: 3, seed: 7)).files(), to: content, replace: false)
        let checked = try! SiteBuilder(options: checkOptions(content: content)).check()
        return SQLDemo(config: checked.config, documents: checked.metrics.map { MetricsJSON.document($0, config: checked.config) })
    }()
}

/// SPEC §7 leaves of a scope (extra fields left out), as §11 paths.
private let sectionSevenLeaves: [String] = {
    let w = "(week|qtd|t13)", ca = "(count|amount)", wr = "(won|lost|won_amount|lost_amount|rate|amount_rate)"
    return ["/records", "/volume/[^/]+/\(w)", "/conversion/[^/]+/(qtd|t13)/(cohort|converted|rate)",
            "/velocity/[^/]+/(n|median_days|p90_days)", "/sla/[^/]+/days",
            "/sla/[^/]+/(week|qtd)/(on_time|late|pending|breached|compliance|median_response_days)",
            "/pipeline/\(ca)", "/pipeline/(by_stage|by_source)/[^/]+/\(ca)", "/pipeline/(in_quarter|past_due)/\(ca)",
            "/bookings/\(w)/\(ca)", "/bookings/by_source/[^/]+/\(ca)", "/win_rate/(qtd|t13)/\(wr)",
            "/win_rate/by_source/[^/]+/(qtd|t13)/\(wr)",
            "/marketing_share/(qtd|t13)/(opportunities|amount|count_share|amount_share|marketing_opportunities|marketing_amount)",
            "/bridge", "/bridge/(start|added|increased|decreased|won|lost|removed|end)",
            "/bridge/counts/(added|increased|decreased|won|lost|removed)", "/bridge/(pushed|pulled_in)/\(ca)",
            "/plan", "/plan/(target|booked|attainment|remaining|coverage|avg_deal)",
            "/plan/reverse_funnel/[^/]+/(need|actual|expected_by_now|pace_gap)"]
}()

/// Numbers and nulls below `value`; list items by their `name`, `stage` or `from`, other lists skipped.
private func leaves(_ value: JSONValue, _ path: String, into paths: inout Set<String>) {
    switch value {
    case let .object(fields):
        for (key, item) in fields { leaves(item, path + "/" + key.jsonPointerToken, into: &paths) }
    case let .array(items):
        for item in items {
            guard case let .object(fields) = item,
                  let (keyName, key) = ["name", "stage", "from"].lazy.compactMap({ name in
                      fields.first { $0.0 == name }.map { (name, $0.1) }
                  }).first, case let .string(text) = key else { return }
            leaves(.object(fields.filter { $0.0 != keyName }), path + "/" + text.jsonPointerToken, into: &paths)
        }
    case .null, .int, .double, .number: paths.insert(path)
    case .bool, .string: break
    }
}

/// The path literals a statement holds; a by-source path is named by its two fixed halves.
private func pathLiterals(_ sql: String) -> Set<String> {
    let regex = try! NSRegularExpression(pattern: "'(/[^']+)'")
    let range = NSRange(sql.startIndex..., in: sql)
    return Set(regex.matches(in: sql, range: range).map { String(sql[Range($0.range(at: 1), in: sql)!]) })
}

@Test func demoStatementNamesEveryLeafOfMetricsJSONAndNoOther() throws {
    let demo = SQLDemo.shared
    let statement = try WarehouseSQL(config: demo.config, dialect: .duckdb).statement()
    let patterns = sectionSevenLeaves.map { try! NSRegularExpression(pattern: "^" + $0 + "$") }
    var expected = Set<String>()
    for document in demo.documents {
        guard case let .object(top) = document, case let .array(scopes)? = top.first(where: { $0.0 == "scopes" })?.1 else {
            Issue.record("metrics.json without scopes")
            return
        }
        for scope in scopes {
            var paths = Set<String>()
            leaves(scope, "", into: &paths)
            for path in paths where patterns.contains(where: {
                $0.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
            }) {
                // A source value is filled in at run time: the statement names the halves around it.
                if let range = path.range(of: "/by_source/") {
                    let rest = path[range.upperBound...]
                    expected.insert(String(path[..<range.upperBound]))
                    expected.insert(String(rest[rest.firstIndex(of: "/")!...]))
                } else {
                    expected.insert(path)
                }
            }
        }
    }
    expected.formUnion(["/data_quality/rows", "/data_quality/accepted"] + (1...6).map { "/data_quality/errors/E\($0)" }
        + (1...3).map { "/data_quality/warnings/W\($0)" })
    let named = pathLiterals(statement)
    #expect(expected.contains("/bridge") && expected.contains("/plan/reverse_funnel/sql/need"))
    #expect(expected.subtracting(named).sorted() == [])
    #expect(named.subtracting(expected).sorted() == [])
}

@Test func everyDialectPrintsOneSelectWithItsOwnSpellings() throws {
    let config = SQLDemo.shared.config
    let spellings: [SQLDialect: [String]] = [
        .duckdb: ["DATE_DIFF('day',", " // ", "CAST(", "\"snapshot_date\""],
        .spark: ["DATEDIFF(", " DIV ", "AS STRING", "`snapshot_date`"],
        .postgres: ["DIV(", "DOUBLE PRECISION", "\"snapshot_date\""],
        .bigquery: ["DATE_DIFF(", "INTERVAL -6 DAY", "FLOAT64", "FORMAT('%.17g'", "`snapshot_date`"],
        .snowflake: ["DATEDIFF(day,", "DATE_FROM_PARTS(", "TO_VARCHAR(", " snapshot_date"],
    ]
    for dialect in SQLDialect.allCases {
        let statement = try WarehouseSQL(config: config, dialect: dialect).statement()
        #expect(statement.contains("\nWITH\n") && statement.hasSuffix("ORDER BY snap, sc, lp\n"))
        #expect(!statement.contains(";"))
        for spelling in spellings[dialect]! { #expect(statement.contains(spelling), "\(dialect): \(spelling)") }
    }
}

@Test func withoutTargetsEveryPlanIsNullAndWithoutLineEveryRepeatedIDIsE2() throws {
    var options = WarehouseSQL.Options()
    options.targets = nil
    options.hasLineColumn = false
    let statement = try WarehouseSQL(config: SQLDemo.shared.config, dialect: .postgres, options: options).statement()
    #expect(!statement.contains("tgt AS") && !statement.contains("'/plan/target'"))
    #expect(statement.contains("'/plan'") && statement.contains("COUNT(*) OVER (PARTITION BY snap, id) AS copies"))
    #expect(!statement.contains("\"line\""))
}

@Test func tableNamesThatCouldCarrySQLAreRefused() throws {
    var options = WarehouseSQL.Options()
    options.table = "records; DROP TABLE records"
    #expect(throws: WarehouseSQL.Error.self) { try WarehouseSQL(config: SQLDemo.shared.config, dialect: .duckdb, options: options) }
    options.table = "`my-project.crm.records`"
    #expect(try WarehouseSQL(config: SQLDemo.shared.config, dialect: .bigquery, options: options).statement()
        .contains("FROM `my-project.crm.records` t"))
}

@Test func textFromTheConfigIsQuotedForEachDialect() throws {
    var config = SQLDemo.shared.config
    config.slas = [SLARule(name: "Sales' follow-up / 2", from: "mql", days: 2)]
    config.marketingSources = ["Marketing's"]
    let duck = try WarehouseSQL(config: config, dialect: .duckdb).statement()
    #expect(duck.contains("'/sla/Sales'' follow-up ~1 2/days'") && duck.contains("src IN ('Marketing''s')"))
    let spark = try WarehouseSQL(config: config, dialect: .spark).statement()
    #expect(spark.contains("src IN ('Marketing\\'s')"))
}

@Test func fiscalQuarterLookupsFollowTheConfiguredCalendar() throws {
    var config = SQLDemo.shared.config
    for start in 1...12 {
        config.fiscalYearStartMonth = start
        let sql = try WarehouseSQL(config: config, dialect: .duckdb)
        for month in 1...12 {
            let facts = sql.monthFacts(month)
            let quarter = FiscalCalendar(startMonth: start).quarter(containing: Day(year: 2030, month: month, day: 15)!)
            #expect(quarter.start.civil.year - 2030 == facts.startYearOffset && quarter.start.civil.month == facts.startMonth)
            #expect(quarter.fiscalYear - 2030 == facts.fiscalYearOffset && quarter.quarter == facts.quarter)
            #expect((month - facts.monthsIntoQuarter - 1 + 12) % 12 + 1 == facts.startMonth)
        }
    }
}
