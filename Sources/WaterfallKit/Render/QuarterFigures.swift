import Foundation

/// The headline figures of a closed quarter, as the `metrics.json` of its last snapshot states
/// them for the company: bookings in the quarter, open pipeline at its end, and each stage's
/// volume in the quarter. Read from JSON so an archived bag and a new build compare alike.
struct QuarterFigures: Codable, Equatable, Sendable {
    struct Volume: Codable, Equatable, Sendable {
        var stage: String
        var count: Int?
    }

    var currency: String
    var lastSnapshot: String
    var bookings: Money?
    var bookingsCount: Int?
    var pipeline: Money?
    var pipelineCount: Int?
    /// In the order of the `stages` list.
    var volumes: [Volume]

    /// The figures of a `metrics.json` document; nil when it is not one (no company scope).
    init?(metricsJSON bytes: [UInt8]) {
        guard let document = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let scopes = document["scopes"] as? [[String: Any]],
              let company = scopes.first(where: { $0["scope"] as? String == "company" })
        else { return nil }
        func object(_ value: Any?, _ key: String) -> [String: Any]? { (value as? [String: Any])?[key] as? [String: Any] }
        func money(_ value: Any?) -> Money? {
            guard let number = value as? NSNumber else { return nil }
            return Money(cents: Int64((number.doubleValue * 100).rounded()))
        }
        currency = document["currency"] as? String ?? ""
        lastSnapshot = document["snapshot"] as? String ?? ""
        let bookingsQTD = object(company["bookings"], "qtd")
        bookings = money(bookingsQTD?["amount"])
        bookingsCount = (bookingsQTD?["count"] as? NSNumber)?.intValue
        let pipelineFigures = company["pipeline"] as? [String: Any]
        pipeline = money(pipelineFigures?["amount"])
        pipelineCount = (pipelineFigures?["count"] as? NSNumber)?.intValue
        let stages = document["stages"] as? [String] ?? []
        volumes = stages.map { stage in
            Volume(stage: stage, count: (object(company["volume"], stage)?["qtd"] as? NSNumber)?.intValue)
        }
    }

    /// `$1,140,000`, or "not available" when the figure could not be read.
    func money(_ value: Money?) -> String {
        value.map { Format(currency: currency).money($0) } ?? "not available"
    }

    static func count(_ value: Int?) -> String { value.map { Format.count($0) } ?? "not available" }

    /// `MQL 410 · SAL 300 · …`: the quarter's volume of each stage, with the stage names of `config`.
    func volumesText(config: SiteConfig) -> String {
        volumes.map { "\(Self.stageName($0.stage, config: config)) \(Self.count($0.count))" }.joined(separator: " · ")
    }

    /// The headline figures that differ between `old` (the bag's) and `self`, as `label: old → new`.
    func changes(from old: QuarterFigures?, config: SiteConfig) -> [String] {
        var lines: [String] = []
        func compare(_ label: String, _ before: String, _ after: String) {
            if before != after { lines.append("\(label): \(before) → \(after)") }
        }
        if let old, old.lastSnapshot != lastSnapshot {
            lines.append("last snapshot: \(old.lastSnapshot) → \(lastSnapshot)")
        }
        compare("bookings in the quarter", old?.money(old?.bookings) ?? "not available", money(bookings))
        compare("deals won in the quarter", Self.count(old?.bookingsCount), Self.count(bookingsCount))
        compare("open pipeline at the end", old?.money(old?.pipeline) ?? "not available", money(pipeline))
        compare("open deals at the end", Self.count(old?.pipelineCount), Self.count(pipelineCount))
        var stages = volumes.map(\.stage)
        for stage in old?.volumes.map(\.stage) ?? [] where !stages.contains(stage) { stages.append(stage) }
        for stage in stages {
            let before = old?.volumes.first { $0.stage == stage }?.count
            let after = volumes.first { $0.stage == stage }?.count
            compare("\(Self.stageName(stage, config: config)) volume in the quarter", Self.count(before), Self.count(after))
        }
        return lines
    }

    static func stageName(_ key: String, config: SiteConfig) -> String {
        config.stages.first { $0.key == key }?.name ?? key
    }
}
