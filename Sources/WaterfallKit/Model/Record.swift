/// One demand record of a snapshot, as of the snapshot date: a lead and, once it converts,
/// its opportunity. Dates after the snapshot date have already been dropped (W2).
public struct Record: Sendable {
    public var id: String
    /// The explicit date of each stage, indexed like `SiteConfig.stages`.
    public var stageDates: [Day?]
    public var lostDate: Day?
    public var closeDate: Day?
    /// Missing amounts are zero in every sum (SPEC §1.1); `hasAmount` tells them apart.
    public var amount: Money
    public var hasAmount: Bool
    /// Index into `Snapshot.sources`.
    public var source: Int32
    /// Per dimension, an index into `Snapshot.dimensionValues[dimension]`.
    public var dimensionValues: [Int32]
    public var owner: String
    public var name: String
    public var lostReason: String
    public var channel: String
    /// Highest stage index with an explicit date, -1 for none.
    public private(set) var maxStage: Int

    public init(
        id: String, stageDates: [Day?], lostDate: Day? = nil, closeDate: Day? = nil,
        amount: Money = .zero, hasAmount: Bool = false, source: Int32 = 0, dimensionValues: [Int32] = [],
        owner: String = "", name: String = "", lostReason: String = "", channel: String = ""
    ) {
        self.id = id
        self.stageDates = stageDates
        self.lostDate = lostDate
        self.closeDate = closeDate
        self.amount = amount
        self.hasAmount = hasAmount
        self.source = source
        self.dimensionValues = dimensionValues
        self.owner = owner
        self.name = name
        self.lostReason = lostReason
        self.channel = channel
        self.maxStage = stageDates.lastIndex { $0 != nil } ?? -1
    }
}

// MARK: - Derived state (SPEC §4)

extension Record {
    /// The won stage (the last) has an explicit date.
    @inline(__always) public var isWon: Bool { stageDates[stageDates.count - 1] != nil }
    @inline(__always) public var wonDate: Day? { stageDates[stageDates.count - 1] }
    /// Not won, and `lost_date` set.
    @inline(__always) public var isLost: Bool { !isWon && lostDate != nil }

    /// A later stage's date implies the earlier stages.
    @inline(__always) public func reached(_ stage: Int) -> Bool { maxStage >= stage }

    /// Reached the pipeline stage, neither won nor lost.
    @inline(__always) public func isOpen(pipelineStage: Int) -> Bool {
        maxStage >= pipelineStage && !isWon && lostDate == nil
    }

    /// The earliest explicit date among the stages after `stage`.
    public func earliestDate(after stage: Int) -> Day? {
        var earliest: Day?
        for index in (stage + 1)..<stageDates.count {
            if let date = stageDates[index], earliest.map({ date < $0 }) ?? true { earliest = date }
        }
        return earliest
    }

    /// Whether any stage after `stage` has an explicit date.
    @inline(__always) public func hasDate(after stage: Int) -> Bool { maxStage > stage }
}
