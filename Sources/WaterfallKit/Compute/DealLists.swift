/// A deal a page lists behind a figure (drill-down): who, how much. `BridgeDeal`, `PipelineDeal` and
/// `ShiftedDeal` conform, so one sort and one page list serve them all.
protocol ListedDeal: Sendable {
    var id: String { get }
    var name: String { get }
    var owner: String { get }
    var amount: Money { get }
}

extension BridgeDeal: ListedDeal {}

/// An open deal behind `pipeline.past_due` or `pipeline.in_quarter`: its current stage (an index into
/// the configured stages) and close date.
struct PipelineDeal: Codable, ListedDeal, Equatable {
    var id: String
    var name: String
    var owner: String
    var amount: Money
    var stage: Int
    var closeDate: Day
}

/// An open deal behind `bridge.pushed` or `bridge.pulled_in`: its close date and fiscal quarter in
/// the previous snapshot and in this one (amount as in this snapshot).
struct ShiftedDeal: Codable, ListedDeal, Equatable {
    var id: String
    var name: String
    var owner: String
    var amount: Money
    var closeBefore: Day
    var closeAfter: Day
    var quarterBefore: FiscalQuarter
    var quarterAfter: FiscalQuarter
}

extension Array where Element: ListedDeal {
    /// Largest amount first; equal amounts by id in code-point order, so the order never depends on
    /// the export's row order.
    mutating func sortLargestFirst() {
        sort { $0.amount != $1.amount ? $0.amount > $1.amount : $0.id.precedesByCodePoint($1.id) }
    }
}

extension Pipeline {
    /// The open deals behind `past_due` and `in_quarter` (SPEC §6.5), as the tally found them
    /// through `isPastDue` and `closesInQuarter`, each list largest first (`sortLargestFirst`'s
    /// order, sorted here as records with ids compared as bytes, before any `String` is made).
    static func deals(of tally: PipelineTally, texts: RecordTexts) -> (pastDue: [PipelineDeal], inQuarter: [PipelineDeal]) {
        func deals(_ records: [Record]) -> [PipelineDeal] {
            records.sorted { $0.amount != $1.amount ? $0.amount > $1.amount : texts.idPrecedes(Int($0.row), Int($1.row)) }
                .compactMap { record in
                    guard let closeDate = record.closeDate else { return nil }
                    let text = texts.idOwnerName(Int(record.row))
                    return PipelineDeal(id: text.id, name: text.name, owner: text.owner, amount: record.amount,
                                        stage: stage(of: record), closeDate: closeDate)
                }
        }
        return (deals(tally.pastDueRecords), deals(tally.inQuarterRecords))
    }
}

extension ShiftedDeal {
    /// The deal of a `pushed` or `pulled_in` bridge entry (open in both snapshots, so both rows and
    /// both close dates are there).
    init?(_ entry: Bridge.Entry, texts: RecordTexts, calendar: FiscalCalendar) {
        guard let old = entry.previous, let new = entry.current,
              let before = old.closeDate, let after = new.closeDate else { return nil }
        let text = texts[Int(new.row)]
        self.init(id: text.id, name: text.name, owner: text.owner, amount: entry.amount,
                  closeBefore: before, closeAfter: after,
                  quarterBefore: calendar.quarter(containing: before), quarterAfter: calendar.quarter(containing: after))
    }
}
