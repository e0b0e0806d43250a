import WaterfallKit

/// A deliberate data-quality problem in one export, so the data-quality page has rows to show.
enum DemoMess: Int, CaseIterable, Sendable {
    case emptyID, duplicateID, badDate, badAmount, missingField, noStageDate
    case datesOutOfOrder, futureDate, wonAndLost

    /// The row-check code of SPEC §1.3 the row triggers.
    var code: String {
        ["E1", "E2", "E3", "E4", "E5", "E6", "W1", "W2", "W3"][rawValue]
    }
}

/// One changed or added row: `overrides` applied to the record at `position` of the export,
/// either in place or as an extra row written right after it.
struct DemoPatch {
    var position: Int
    var kind: DemoMess
    var isExtraRow: Bool
    var overrides: [(column: Int, value: [UInt8]?)]
}

extension DemoSnapshotWriter {
    /// The latest export has one row of every kind; earlier ones a few kinds each.
    func messyRows(exported: [Int], day: Day, isLatest: Bool) -> [DemoPatch] {
        guard !exported.isEmpty else { return [] }
        var rng = SeededGenerator(seed: plan.seed, stream: 0xDA7A_0000_0000 + UInt64(bitPattern: Int64(day.daysSinceEpoch)))
        var kinds = DemoMess.allCases.filter { _ in isLatest || rng.chance(0.3) }
        if kinds.isEmpty { kinds = [rng.element(of: DemoMess.allCases)] }
        var patches: [DemoPatch] = []
        for kind in kinds {
            let used = patches.map(\.position)
            guard let position = candidate(in: exported, for: kind, on: day, avoiding: used, rng: &rng) else { continue }
            let lead = population.leads[exported[position]]
            patches.append(patch(kind, for: lead, at: position, on: day, rng: &rng))
        }
        return patches.sorted { ($0.position, $0.isExtraRow ? 1 : 0, $0.kind.rawValue) < ($1.position, $1.isExtraRow ? 1 : 0, $1.kind.rawValue) }
    }

    private func candidate(in exported: [Int], for kind: DemoMess, on day: Day, avoiding used: [Int],
                           rng: inout SeededGenerator) -> Int? {
        for _ in 0..<2000 {
            let position = rng.int(below: exported.count)
            if used.contains(position) { continue }
            if fits(population.leads[exported[position]], kind, on: day) { return position }
        }
        return nil
    }

    private func fits(_ lead: DemoLead, _ kind: DemoMess, on day: Day) -> Bool {
        let stage = lead.dates.maxStage(asOf: day)
        let lost = lead.lost.map { $0 <= day } ?? false
        switch kind {
        case .emptyID, .badDate, .missingField, .noStageDate:
            return stage == DemoCatalog.Stage.inquiry && !lost
        case .duplicateID:
            return stage >= DemoCatalog.Stage.mql
        case .badAmount:
            return lost && stage == DemoCatalog.Stage.opportunity && lead.deal >= 0
                && population.deals[lead.deal].amount(asOf: day) != nil
        case .datesOutOfOrder:
            guard let sal = lead.dates.sal, let sql = lead.dates.sql, sql <= day else { return false }
            return sal < sql
        case .futureDate:
            return lead.isOpen(on: day)
        case .wonAndLost:
            return stage == DemoCatalog.Stage.won
        }
    }

    private func patch(_ kind: DemoMess, for lead: DemoLead, at position: Int, on day: Day,
                       rng: inout SeededGenerator) -> DemoPatch {
        typealias Column = DemoCSV.Column
        let year = String(format4: day.civil.year)
        var patch = DemoPatch(position: position, kind: kind, isExtraRow: false, overrides: [])
        switch kind {
        case .emptyID:
            patch.isExtraRow = true
            patch.overrides = [(Column.id, []), (Column.name, Array("Test lead (web form QA)".utf8))]
        case .duplicateID:
            patch.isExtraRow = true
        case .badDate:
            let bad = rng.element(of: ["\(year)-13-45", "\(year)-02-30", "\(year)-11-31"])
            patch.overrides = [(Column.firstStageDate + DemoCatalog.Stage.inquiry, Array(bad.utf8))]
        case .badAmount:
            let dollars = population.deals[lead.deal].amount(asOf: day)!.cents / 100
            let text = rng.chance(0.5)
                ? "\(dollars / 1000),\((dollars % 1000) / 100)k"
                : "-\(dollars)"
            patch.overrides = [(Column.amount, CSV.escaped(text))]
        case .missingField:
            patch.overrides = [(Column.closeDate, nil)]
        case .noStageDate:
            patch.isExtraRow = true
            patch.overrides = [
                (Column.id, Array("IMP-\(String(format4: 1000 + rng.int(below: 9000)))".utf8)),
                (Column.channel, Array("List Import".utf8)),
                (Column.firstStageDate + DemoCatalog.Stage.inquiry, []),
            ]
        case .datesOutOfOrder:
            patch.overrides = [
                (Column.firstStageDate + DemoCatalog.Stage.sal, dateBytes(lead.dates.sql!)),
                (Column.firstStageDate + DemoCatalog.Stage.sql, dateBytes(lead.dates.sal!)),
            ]
        case .futureDate:
            // The rep entered the expected signature day as the won date.
            let future = lead.dates.won.flatMap { $0 > day ? $0 : nil } ?? day.adding(days: rng.int(in: 3...14))
            patch.overrides = [(Column.firstStageDate + DemoCatalog.Stage.won, dateBytes(future))]
        case .wonAndLost:
            let won = lead.dates.won!
            patch.overrides = [
                (Column.lostDate, dateBytes(won)),
                (Column.lostReason, CSV.escaped(DemoCatalog.lostReasons[DemoCatalog.duplicateReason])),
            ]
        }
        return patch
    }
}
