/// What every metric of one snapshot needs besides the records: the stages, windows and sources.
struct MetricContext: Sendable {
    var config: SiteConfig
    var snapshot: Day
    var windows: Windows
    var pipelineStage: Int
    var wonStage: Int
    /// Source values of the snapshot; `Record.source` indexes this.
    var sources: [String]
    /// Per source index: whether `marketing_sources` lists it.
    var isMarketingSource: [Bool]

    init(config: SiteConfig, snapshot: Day, previous: Day?, sources: [String]) {
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
struct CountAmount: Codable, Equatable, Sendable {
    var count = 0
    var amount = Money.zero

    init(count: Int = 0, amount: Money = .zero) {
        self.count = count
        self.amount = amount
    }

    @inline(__always)
    mutating func add(_ record: Record) {
        count += 1
        amount += record.amount
    }

    /// Counts one record at `amount` (a bridge movement's own amount).
    @inline(__always)
    mutating func add(amount: Money) {
        count += 1
        self.amount += amount
    }
}

/// The records of one scope, in file order, without copying them out of the snapshot.
struct ScopeRecords: Sendable, Sequence {
    var scope: Scope
    /// Every accepted record of the snapshot.
    let all: [Record]
    /// Positions in `all` of this scope's records; nil when the scope holds every record.
    let members: [Int32]?
    /// The snapshot's record strings, at `Record.row`.
    let texts: RecordTexts
    /// Source indices found among these records, sorted by the source value's code points.
    var sources: [Int32]

    var count: Int { members?.count ?? all.count }
    var isEmpty: Bool { count == 0 }

    func makeIterator() -> Iterator { Iterator(all: all, members: members) }

    struct Iterator: IteratorProtocol {
        let all: [Record]
        let members: [Int32]?
        var position = 0

        @inline(__always)
        mutating func next() -> Record? {
            if let members {
                guard position < members.count else { return nil }
                defer { position += 1 }
                return all[Int(members[position])]
            }
            guard position < all.count else { return nil }
            defer { position += 1 }
            return all[position]
        }
    }
}

/// Where a metric is computed: the whole company, or one value of one dimension (SPEC §4).
struct Scope: Codable, Hashable, Sendable {
    var dimension: String?
    var value: String?

    static let company = Scope(dimension: nil, value: nil)

    init(dimension: String?, value: String?) {
        self.dimension = dimension
        self.value = value
    }

    /// `company` or `DIM=VALUE`.
    var key: String {
        guard let dimension, let value else { return "company" }
        return dimension + "=" + value
    }
}

extension String {
    /// Orders strings by Unicode code point (UTF-8 byte order is the same order).
    func precedesByCodePoint(_ other: String) -> Bool { utf8.lexicographicallyPrecedes(other.utf8) }
}
