/// What every metric of one snapshot needs besides the records: the stages, windows and sources.
public struct MetricContext: Sendable {
    public var config: SiteConfig
    public var snapshot: Day
    public var windows: Windows
    public var pipelineStage: Int
    public var wonStage: Int
    /// Source values of the snapshot; `Record.source` indexes this.
    public var sources: [String]
    /// Per source index: whether `marketing_sources` lists it.
    public var isMarketingSource: [Bool]

    public init(config: SiteConfig, snapshot: Day, previous: Day?, sources: [String]) {
        self.config = config
        self.snapshot = snapshot
        windows = Windows(snapshot: snapshot, previous: previous,
                          calendar: FiscalCalendar(startMonth: config.fiscalYearStartMonth))
        pipelineStage = config.pipelineStageIndex
        wonStage = config.wonStageIndex
        self.sources = sources
        let marketing = Set(config.marketingSources)
        isMarketingSource = sources.map { marketing.contains($0) }
    }
}

/// A count of records and the sum of their amounts.
public struct CountAmount: Equatable, Sendable {
    public var count = 0
    public var amount = Money.zero

    public init(count: Int = 0, amount: Money = .zero) {
        self.count = count
        self.amount = amount
    }

    @inline(__always)
    mutating func add(_ record: Record) {
        count += 1
        amount += record.amount
    }
}

/// The records of one scope, in file order.
public struct ScopeRecords: Sendable {
    public var scope: Scope
    public var records: [Record]
    /// Source indices found among these records, sorted by the source value's code points.
    public var sources: [Int32]
}

/// Where a metric is computed: the whole company, or one value of one dimension (SPEC §4).
public struct Scope: Hashable, Sendable {
    public var dimension: String?
    public var value: String?

    public static let company = Scope(dimension: nil, value: nil)

    public init(dimension: String?, value: String?) {
        self.dimension = dimension
        self.value = value
    }

    /// `company` or `DIM=VALUE`.
    public var key: String {
        guard let dimension, let value else { return "company" }
        return dimension + "=" + value
    }
}

extension String {
    /// Orders strings by Unicode code point (UTF-8 byte order is the same order).
    func precedesByCodePoint(_ other: String) -> Bool { utf8.lexicographicallyPrecedes(other.utf8) }
}
