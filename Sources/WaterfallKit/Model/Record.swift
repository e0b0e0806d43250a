/// One demand record of a snapshot, as of the snapshot date: a lead and, once it converts,
/// its opportunity. Dates after the snapshot date have already been dropped (W2).
///
/// A plain value with no references inside (dates, indices and cents only), so the metric loops
/// over a million records copy bytes rather than count references. Its strings (id, owner, name)
/// live in `Snapshot.texts`, at `row`.
struct Record: Sendable {
    /// The most stages and dimensions a site may configure (storage is inline, fixed size).
    static let maxStages = 12
    static let maxDimensions = 8
    private static let noDate = Int32.min

    /// Position among the snapshot's accepted records: `Snapshot.texts[row]`.
    var row: Int32
    private var stageDays: InlineArray<12, Int32>
    private var dimensionIndices: InlineArray<8, Int32>
    private var lostDay: Int32
    private var closeDay: Int32
    /// Missing amounts are zero in every sum (SPEC §1.1); `hasAmount` tells them apart.
    var amount: Money
    /// Index into `Snapshot.sources`.
    var source: Int32
    var hasAmount: Bool
    private var stageCount: Int8
    /// Highest stage index with an explicit date, -1 for none.
    private(set) var maxStage: Int8

    init<Dates: Collection<Day?>>(
        row: Int32 = 0, stageDates: Dates, lostDate: Day? = nil, closeDate: Day? = nil,
        amount: Money = .zero, hasAmount: Bool = false, source: Int32 = 0, dimensionValues: [Int32] = []
    ) {
        precondition(stageDates.count <= Record.maxStages && dimensionValues.count <= Record.maxDimensions)
        self.row = row
        stageDays = InlineArray(repeating: Record.noDate)
        var maxStage = -1
        for (index, date) in stageDates.enumerated() {
            stageDays[index] = date?.daysSinceEpoch ?? Record.noDate
            if date != nil { maxStage = index }
        }
        dimensionIndices = InlineArray(repeating: 0)
        for (index, value) in dimensionValues.enumerated() {
            dimensionIndices[index] = value
        }
        lostDay = lostDate?.daysSinceEpoch ?? Record.noDate
        closeDay = closeDate?.daysSinceEpoch ?? Record.noDate
        self.amount = amount
        self.hasAmount = hasAmount
        self.source = source
        stageCount = Int8(stageDates.count)
        self.maxStage = Int8(maxStage)
    }
}

// MARK: - Fields

extension Record {
    /// The explicit date of a stage (index into `SiteConfig.stages`).
    @inline(__always) func stageDate(_ stage: Int) -> Day? { Record.day(stageDays[stage]) }

    /// The explicit dates of every stage, in stage order.
    var stageDates: [Day?] { (0..<Int(stageCount)).map(stageDate) }

    @inline(__always) var lostDate: Day? { Record.day(lostDay) }
    @inline(__always) var closeDate: Day? { Record.day(closeDay) }

    /// For a dimension (index into `SiteConfig.dimensions`): its value's index in `Snapshot.dimensionValues`.
    @inline(__always) func dimensionValue(_ dimension: Int) -> Int32 { dimensionIndices[dimension] }

    /// Re-points a dimension value: the parallel loader interns values per piece of the file,
    /// then per file.
    mutating func setDimensionValue(_ dimension: Int, to value: Int32) { dimensionIndices[dimension] = value }

    @inline(__always) private static func day(_ raw: Int32) -> Day? {
        raw == noDate ? nil : Day(daysSinceEpoch: raw)
    }
}

// MARK: - Derived state (SPEC §4)

extension Record {
    @inline(__always) var wonDate: Day? { stageDate(Int(stageCount) - 1) }
    /// The won stage (the last) has an explicit date.
    @inline(__always) var isWon: Bool { stageDays[Int(stageCount) - 1] != Record.noDate }
    /// Not won, and `lost_date` set.
    @inline(__always) var isLost: Bool { !isWon && lostDay != Record.noDate }

    /// A later stage's date implies the earlier stages.
    @inline(__always) func reached(_ stage: Int) -> Bool { Int(maxStage) >= stage }

    /// Reached the pipeline stage, neither won nor lost.
    @inline(__always) func isOpen(pipelineStage: Int) -> Bool {
        Int(maxStage) >= pipelineStage && !isWon && lostDay == Record.noDate
    }

    /// The earliest explicit date among the stages after `stage`.
    func earliestDate(after stage: Int) -> Day? {
        var earliest = Int32.max
        for index in (stage + 1)..<Int(stageCount) where stageDays[index] != Record.noDate {
            earliest = min(earliest, stageDays[index])
        }
        return earliest == Int32.max ? nil : Day(daysSinceEpoch: earliest)
    }

    /// Whether any stage after `stage` has an explicit date.
    @inline(__always) func hasDate(after stage: Int) -> Bool { Int(maxStage) > stage }
}

/// The strings of a record: shown in lists (breached leads), never used in formulas but the id.
struct RecordText: Sendable, Equatable {
    var id: String
    var owner: String
    var name: String
    var lostReason: String
    var channel: String

    init(id: String, owner: String = "", name: String = "", lostReason: String = "", channel: String = "") {
        self.id = id
        self.owner = owner
        self.name = name
        self.lostReason = lostReason
        self.channel = channel
    }
}
