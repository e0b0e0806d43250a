import Foundation
@testable import WaterfallKit

/// A day from `YYYY-MM-DD`, for tests.
func day(_ text: String) -> Day {
    guard let day = DateParser(format: .iso).parse(text) else { fatalError("bad test date \(text)") }
    return day
}

/// The standard six-stage waterfall with one 2-day lead-acceptance SLA and a `segment` dimension.
func testConfig(
    dimensions: [String] = ["segment"], fiscalYearStartMonth: Int = 2, dateFormat: DateFormat = .iso,
    status: StatusMapping? = nil, columns: [String: String] = [:]
) -> SiteConfig {
    SiteConfig(company: "Test Co", fiscalYearStartMonth: fiscalYearStartMonth, dimensions: dimensions,
               marketingSources: ["Marketing"], dateFormat: dateFormat, columns: columns, status: status,
               stages: Stage.standardWaterfall, slas: [SLARule(name: "Lead acceptance", from: "mql", days: 2)])
}

/// Validates CSV text as the snapshot of `date`.
func snapshot(_ csv: String, date: String, config: SiteConfig = testConfig(), chunkSize: Int = 1 << 20) throws -> Snapshot {
    try SnapshotLoader.load(from: MemoryByteSource(csv), file: "snapshots/\(date).csv",
                            displayPath: "snapshots/\(date).csv", date: day(date), config: config)
}

/// The header used by most metric fixtures.
let fullHeader = "id,source,segment,inquiry_date,mql_date,sal_date,sql_date,opportunity_date,won_date,lost_date,amount,close_date,owner"

/// Computes the metrics of a sequence of CSV snapshots (date, csv) in order.
func metricsSequence(_ snapshots: [(String, String)], config: SiteConfig = testConfig(),
                     targets: Targets = .none) throws -> [SnapshotMetrics] {
    var engine = MetricsEngine(config: config, targets: targets)
    var previous: Snapshot?
    var result: [SnapshotMetrics] = []
    for (date, csv) in snapshots {
        let current = try snapshot(csv, date: date, config: config)
        result.append(try engine.metrics(for: current, previous: previous))
        previous = current
    }
    return result
}

/// The metrics of one CSV snapshot.
func metrics(_ csv: String, date: String, config: SiteConfig = testConfig(), targets: Targets = .none) throws -> SnapshotMetrics {
    try metricsSequence([(date, csv)], config: config, targets: targets)[0]
}

extension SnapshotMetrics {
    var company: ScopeMetrics { scopes[0] }
    func scope(_ key: String) -> ScopeMetrics? { scopes.first { $0.scope.key == key } }
}

/// Stage index by key in the standard waterfall.
func stage(_ key: String) -> Int { Stage.standardWaterfall.firstIndex { $0.key == key }! }

/// Path of a fixture folder or file under Tests/WaterfallKitTests/Fixtures.
func fixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

/// A fresh empty temporary folder.
func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "waterfall-tests-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Options for `check()` of `content` alone: the output folder (whose `archive/` supplies pruned
/// snapshots) is a path beside `content` that does not exist, never the checkout's own `output/`
/// (a `waterfall build` of the demo in the checkout would otherwise add its archived weeks).
func checkOptions(content: String, strict: Bool = false) -> BuildOptions {
    BuildOptions(content: content, output: (content as NSString).deletingLastPathComponent + "/no-output-for-check", strict: strict)
}
