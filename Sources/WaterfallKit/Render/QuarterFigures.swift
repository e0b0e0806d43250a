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

    /// The figures of a `metrics.json` document; nil when it is not one (no company scope). A value
    /// of the wrong type reads as not available. Only the keys named here are decoded (the
    /// document of a 60 × 40-value site is megabytes; as a dictionary tree it took 89 MB, which was
    /// the archive step's peak: issue 10).
    init?(metricsJSON bytes: [UInt8]) {
        guard let document = try? JSONDecoder().decode(Document.self, from: Data(bytes)), let company = document.company
        else { return nil }
        currency = document.currency ?? ""
        lastSnapshot = document.snapshot ?? ""
        bookings = company.bookings?.qtd?.amount.map(Self.money)
        bookingsCount = company.bookings?.qtd?.count
        pipeline = company.pipeline?.amount.map(Self.money)
        pipelineCount = company.pipeline?.count
        volumes = (document.stages ?? []).map { Volume(stage: $0, count: company.volume?[$0]?.qtd) }
    }

    private static func money(_ amount: Double) -> Money { Money(cents: Int64((amount * 100).rounded())) }

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

// MARK: - The part of metrics.json read

private extension QuarterFigures {
    /// The keys of a `metrics.json` document these figures come from; each is nil when absent or of
    /// another type, and of the scopes only the company's is read.
    struct Document: Decodable {
        var currency: String?
        var snapshot: String?
        var stages: [String]?
        var company: Company?

        enum CodingKeys: String, CodingKey { case currency, snapshot, stages, scopes }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            currency = try? container.decode(String.self, forKey: .currency)
            snapshot = try? container.decode(String.self, forKey: .snapshot)
            stages = try? container.decode([String].self, forKey: .stages)
            var scopes = try container.nestedUnkeyedContainer(forKey: .scopes)
            while !scopes.isAtEnd {
                let scope = try scopes.decode(Company.self)
                if scope.isCompany { company = scope; break }
            }
        }
    }

    /// A scope of the document: its figures are read only when it is the company scope.
    struct Company: Decodable {
        struct Figure: Decodable {
            var count: Int?
            var amount: Double?
            init(from decoder: Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                count = try? container.decode(Int.self, forKey: .count)
                amount = try? container.decode(Double.self, forKey: .amount)
            }
            enum CodingKeys: String, CodingKey { case count, amount }
        }
        struct Bookings: Decodable {
            var qtd: Figure?
            init(from decoder: Decoder) throws {
                qtd = try? decoder.container(keyedBy: CodingKeys.self).decode(Figure.self, forKey: .qtd)
            }
            enum CodingKeys: String, CodingKey { case qtd }
        }
        struct Volume: Decodable {
            var qtd: Int?
            init(from decoder: Decoder) throws {
                qtd = try? decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .qtd)
            }
            enum CodingKeys: String, CodingKey { case qtd }
        }

        var isCompany = false
        var bookings: Bookings?
        var pipeline: Figure?
        var volume: [String: Volume]?

        enum CodingKeys: String, CodingKey { case scope, bookings, pipeline, volume }

        init(from decoder: Decoder) throws {
            guard let container = try? decoder.container(keyedBy: CodingKeys.self),
                  (try? container.decode(String.self, forKey: .scope)) == "company" else { return }
            isCompany = true
            bookings = try? container.decode(Bookings.self, forKey: .bookings)
            pipeline = try? container.decode(Figure.self, forKey: .pipeline)
            volume = try? container.decode([String: Volume].self, forKey: .volume)
        }
    }
}
