/// What the next snapshot's bridge (SPEC §6.9) needs of this one, kept by the build cache so that
/// adding a week never reads the week before it again: this snapshot's open records (the bridge
/// starts from them; a record open only in the next one is `added` at its own amount whatever it
/// was here) with their ids and texts, and the source and dimension values they index. Stored in
/// columns (`bridges/KEY` in the cache folder, `BridgeCarry+Binary.swift`), so decoding is a few
/// copies of arrays of numbers.
struct BridgeCarry {
    static let kind = "bridge"
    static let format = 2

    var date: Day
    var file: String
    var stageCount: Int
    var dimensionCount: Int
    var ids: [String]
    var owners: [String]
    var names: [String]
    var lostReasons: [String]
    /// `stageCount` days a record (`Int32.min`: no date), then its lost and close days.
    var stageDays: [Int32]
    var lostDays: [Int32]
    var closeDays: [Int32]
    var amounts: [Int64]
    var hasAmounts: [Bool]
    var sources: [Int32]
    /// `dimensionCount` value indices a record.
    var dimensions: [Int32]
    var sourceValues: [String]
    var dimensionValues: [[String]]

    private static let noDay = Int32.min

    /// The open records of `snapshot` (reached `pipelineStage`, neither won nor lost).
    init(of snapshot: Snapshot, pipelineStage: Int) {
        date = snapshot.date
        file = snapshot.file
        stageCount = snapshot.records.first?.stageDates.count ?? 0
        dimensionCount = snapshot.dimensionValues.count
        (ids, owners, names, lostReasons) = ([], [], [], [])
        (stageDays, lostDays, closeDays, amounts, hasAmounts, sources, dimensions) = ([], [], [], [], [], [], [])
        for record in snapshot.records where record.isOpen(pipelineStage: pipelineStage) {
            let text = snapshot.texts[Int(record.row)]
            ids.append(text.id)
            owners.append(text.owner)
            names.append(text.name)
            lostReasons.append(text.lostReason)
            stageDays.append(contentsOf: record.stageDates.map { $0?.daysSinceEpoch ?? Self.noDay })
            lostDays.append(record.lostDate?.daysSinceEpoch ?? Self.noDay)
            closeDays.append(record.closeDate?.daysSinceEpoch ?? Self.noDay)
            amounts.append(record.amount.cents)
            hasAmounts.append(record.hasAmount)
            sources.append(record.source)
            dimensions.append(contentsOf: (0..<dimensionCount).map(record.dimensionValue))
        }
        sourceValues = snapshot.sources
        dimensionValues = snapshot.dimensionValues
    }

    /// A snapshot holding only these records, for `BridgeSnapshots.previous`: the bridge of the
    /// next snapshot against it equals the bridge against the whole snapshot.
    func snapshot() -> Snapshot {
        func day(_ raw: Int32) -> Day? { raw == Self.noDay ? nil : Day(daysSinceEpoch: raw) }
        var records: [Record] = []
        var texts = RecordTexts()
        var index = IDIndex()
        records.reserveCapacity(ids.count)
        for row in ids.indices {
            records.append(Record(
                row: Int32(row), stageDates: stageDays[row * stageCount ..< (row + 1) * stageCount].map(day),
                lostDate: day(lostDays[row]), closeDate: day(closeDays[row]),
                amount: Money(cents: amounts[row]), hasAmount: hasAmounts[row], source: sources[row],
                dimensionValues: Array(dimensions[row * dimensionCount ..< (row + 1) * dimensionCount])))
            texts.append(RecordText(id: ids[row], owner: owners[row], name: names[row], lostReason: lostReasons[row]))
            var id = ids[row]
            id.withUTF8 { index.insert($0, hash: IDIndex.hash($0)) }
        }
        return Snapshot(date: date, file: file, records: records, texts: texts, ids: index, sources: sourceValues,
                        dimensionValues: dimensionValues, rowCount: records.count, diagnostics: [])
    }
}
