/// Company settings from `content/site.yml` (SPEC §2), validated.
public struct SiteConfig: Sendable, Equatable {
    var company: String
    var baseURL: String?
    var currency: String
    var fiscalYearStartMonth: Int
    /// The dimensions' keys: the export columns (or `columns:` names) pages are made for.
    var dimensions: [String]
    /// Display labels by dimension key, for the dimensions given as `{key: …, label: …}`.
    var dimensionLabels: [String: String] = [:]
    var marketingSources: [String]
    /// The band the marketing-sourced share is judged against (`marketing_band`, default 20–30 %).
    var marketingBand: MarketingBand = .standard
    var dateFormat: DateFormat
    /// Canonical field name → the export's header, for renamed columns only.
    var columns: [String: String]
    var status: StatusMapping?
    var stages: [Stage]
    var slas: [SLARule]
    /// How export files are named in `snapshots/` besides `YYYY-MM-DD.csv` (SPEC §1).
    var snapshotNames: SnapshotNamePattern?

    init(
        company: String, baseURL: String? = nil, currency: String = "USD",
        fiscalYearStartMonth: Int = 1, dimensions: [String] = [],
        marketingSources: [String] = ["Marketing"], dateFormat: DateFormat = .iso,
        columns: [String: String] = [:], status: StatusMapping? = nil,
        stages: [Stage] = Stage.standardWaterfall, slas: [SLARule] = [], snapshotNames: SnapshotNamePattern? = nil
    ) {
        self.company = company
        self.baseURL = baseURL
        self.currency = currency
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.dimensions = dimensions
        self.marketingSources = marketingSources
        self.dateFormat = dateFormat
        self.columns = columns
        self.status = status
        self.stages = stages
        self.slas = slas
        self.snapshotNames = snapshotNames
    }
}

/// One stage of the waterfall, in the company's agreed words.
struct Stage: Sendable, Equatable {
    var key: String
    var name: String
    var owner: String
    var definition: String
    var isPipeline: Bool

    init(key: String, name: String, owner: String = "", definition: String = "", isPipeline: Bool = false) {
        self.key = key
        self.name = name
        self.owner = owner
        self.definition = definition
        self.isPipeline = isPipeline
    }

    /// The canonical column holding the date a record entered this stage.
    var dateField: String { key + "_date" }

    /// Inquiry → MQL → SAL → SQL → Opportunity → Won, used when `site.yml` names no stages.
    static let standardWaterfall: [Stage] = [
        Stage(key: "inquiry", name: "Inquiry", owner: "Marketing",
              definition: "A person or account raised a hand: a form fill, event scan or inbound call."),
        Stage(key: "mql", name: "Marketing Qualified Lead", owner: "Marketing",
              definition: "An inquiry that meets the agreed fit and engagement score."),
        Stage(key: "sal", name: "Sales Accepted Lead", owner: "Sales",
              definition: "An MQL that Sales has reviewed and accepted for follow-up."),
        Stage(key: "sql", name: "Sales Qualified Lead", owner: "Sales",
              definition: "An accepted lead with confirmed need, budget and timing."),
        Stage(key: "opportunity", name: "Opportunity", owner: "Sales",
              definition: "A qualified deal in the forecast with an amount and a close date.", isPipeline: true),
        Stage(key: "won", name: "Closed Won", owner: "Sales",
              definition: "A signed order."),
    ]
}

/// A service-level agreement: records entering `from` must get a response within `days`.
struct SLARule: Codable, Sendable, Equatable {
    var name: String
    var from: String
    var days: Int

    init(name: String, from: String, days: Int) {
        self.name = name
        self.from = from
        self.days = days
    }
}

/// Maps a current-status export (one status and one close date) onto stage, won and lost dates
/// (SPEC §1.2).
struct StatusMapping: Sendable, Equatable {
    /// The export's status column.
    var column: String
    /// The export's column holding the date that goes with a closing status.
    var date: String
    /// The export's column dating the stages that open statuses map to (e.g. the create date).
    var opened: String?
    var won: [String]
    var lost: [String]
    /// Open status values and the stage each means, in `site.yml` order.
    var stages: [StageValue]
    /// Status values whose rows are left out without counting as errors.
    var ignore: [String]

    /// One `status.stages` entry: a status value and the key of the stage it means.
    struct StageValue: Sendable, Equatable {
        var value: String
        var stage: String

        init(value: String, stage: String) {
            self.value = value
            self.stage = stage
        }
    }

    init(column: String, date: String, won: [String], lost: [String], opened: String? = nil,
                stages: [StageValue] = [], ignore: [String] = []) {
        self.column = column
        self.date = date
        self.opened = opened
        self.won = won
        self.lost = lost
        self.stages = stages
        self.ignore = ignore
    }

    /// Every listed value with the `status` key that lists it, in `site.yml` order.
    var listedValues: [(value: String, key: String)] {
        won.map { ($0, "won") } + lost.map { ($0, "lost") } + stages.map { ($0.value, "stages") }
            + ignore.map { ($0, "ignore") }
    }
}

/// A `snapshot_names:` pattern such as `hubspot-crm-exports-all-deals-{date}.csv`: the snapshot
/// date (`YYYY-MM-DD`) stands where `{date}` does.
struct SnapshotNamePattern: Sendable, Equatable, CustomStringConvertible {
    var prefix: String
    var suffix: String

    /// The pattern, or nil when it does not hold `{date}` exactly once.
    init?(_ pattern: String) {
        let parts = pattern.components(separatedBy: "{date}")
        guard parts.count == 2 else { return nil }
        prefix = parts[0]
        suffix = parts[1]
    }

    var description: String { prefix + "{date}" + suffix }

    /// `{date}.csv`: the name every snapshot may have.
    static let plain = SnapshotNamePattern("{date}.csv")!

    /// The date a file name carries where `{date}` stands, or nil when the name does not match.
    func date(in name: String) -> Day? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.utf8.count == prefix.utf8.count + 10 + suffix.utf8.count
        else { return nil }
        let middle = String(name.utf8.dropFirst(prefix.utf8.count).prefix(10))!
        return DateParser(format: .iso).parse(middle)
    }
}

/// How dates are written in the exports.
public enum DateFormat: String, Sendable, CaseIterable {
    case iso = "yyyy-MM-dd"
    case monthDayYear = "MM/dd/yyyy"
    case dayMonthYear = "dd/MM/yyyy"
    case dayMonthYearDots = "dd.MM.yyyy"
}

// MARK: - Stage lookups

extension SiteConfig {
    /// Index of the stage whose entry makes a record pipeline (SPEC §2: exactly one).
    var pipelineStageIndex: Int { stages.firstIndex(where: \.isPipeline) ?? max(0, stages.count - 2) }

    /// Index of the last stage, the won stage.
    var wonStageIndex: Int { stages.count - 1 }

    func stageIndex(of key: String) -> Int? { stages.firstIndex { $0.key == key } }

    /// How pages and e-mails name a dimension: its `label` in `site.yml`, else its key.
    func label(ofDimension key: String) -> String { dimensionLabels[key] ?? key }

    /// The export header that holds a canonical field.
    func header(for field: String) -> String { columns[field] ?? field }
}
