/// How the open pipeline moved from the previous snapshot to this one.
struct BridgeSummary: Codable, Equatable, Sendable {
    var start = Money.zero
    var added = CountAmount()
    var increased = CountAmount()
    var decreased = CountAmount()
    var won = CountAmount()
    var lost = CountAmount()
    var removed = CountAmount()
    var end = Money.zero
    var pushed = CountAmount()
    var pulledIn = CountAmount()
    /// The deals behind `won`, `lost` and `removed`, largest first, so each figure can be traced
    /// to the deal (amounts as in the previous snapshot).
    var wonDeals: [BridgeDeal] = []
    var lostDeals: [BridgeDeal] = []
    var removedDeals: [BridgeDeal] = []
    /// The deals behind `pushed` and `pulled_in`, largest first (amounts as in this snapshot).
    var pushedDeals: [ShiftedDeal] = []
    var pulledInDeals: [ShiftedDeal] = []

    /// start + added + increased − decreased − won − lost − removed.
    var computedEnd: Money {
        start + added.amount + increased.amount - decreased.amount - won.amount - lost.amount - removed.amount
    }
}

/// A deal that left the open pipeline between two snapshots. Texts are the latest the exports
/// hold (this snapshot's, or the previous one's for a removed deal).
struct BridgeDeal: Codable, Equatable, Sendable {
    var id: String
    var name: String
    var owner: String
    var amount: Money
    var lostReason: String
}

/// The two snapshots a bridge spans, with the positions of each one's open records.
struct BridgeSnapshots: Sendable {
    let previous: Snapshot
    let current: Snapshot
    /// The positions of the records open in each snapshot, in file order: found once for every
    /// scope's bridge (issue 10: each scope walked all of the current snapshot's records, a
    /// million per scope on a 1M-row export, to find its few open ones).
    let openInPrevious: [Int32]
    let openInCurrent: [Int32]

    init(previous: Snapshot, current: Snapshot, context: MetricContext) {
        self.previous = previous
        self.current = current
        func open(_ snapshot: Snapshot) -> [Int32] {
            var positions: [Int32] = []
            for (position, record) in snapshot.records.enumerated() where Pipeline.isOpen(record, context: context) {
                positions.append(Int32(position))
            }
            return positions
        }
        openInPrevious = open(previous)
        openInCurrent = open(current)
    }
}

/// Who moves the pipeline how between two snapshots; `bridge(for:across:in:)` and `Explainer`
/// both walk these entries.
enum Bridge {
    /// A figure of the bridge: the two ends, the movements between them, and the close-date shifts.
    enum Movement: String, Sendable, CaseIterable {
        case start, added, increased, decreased, won, lost, removed, end, pushed
        case pulledIn = "pulled_in"
    }

    /// One record's part in one figure: its row in each snapshot (nil where it has none) and the
    /// amount that counts (p's amount for start, won, lost, removed; d's for end, added, pushed,
    /// pulled in; the difference for increased and decreased).
    struct Entry: Sendable {
        var movement: Movement
        var previous: Record?
        var current: Record?
        var amount: Money
    }

    /// Calls `body` with every entry of the bridge of `scope`, in the previous snapshot's order,
    /// then the current snapshot's (SPEC §6.9; membership by each snapshot's own values).
    static func forEachEntry(
        of scope: Scope, across snapshots: BridgeSnapshots, in context: MetricContext, _ body: (Entry) -> Void
    ) {
        let calendar = FiscalCalendar(startMonth: context.config.fiscalYearStartMonth)
        let inPrevious = ScopeMembership(scope: scope, snapshot: snapshots.previous, config: context.config)
        let inCurrent = ScopeMembership(scope: scope, snapshot: snapshots.current, config: context.config)
        let isOpen = { (record: Record) in Pipeline.isOpen(record, context: context) }

        for position in snapshots.openInPrevious {
            let old = snapshots.previous.records[Int(position)]
            guard inPrevious.contains(old) else { continue }
            body(Entry(movement: .start, previous: old, current: nil, amount: old.amount))
            guard let index = snapshots.previous.ids.position(in: snapshots.current.ids, ofIDAt: Int(old.row)) else {
                body(Entry(movement: .removed, previous: old, current: nil, amount: old.amount))
                continue
            }
            let new = snapshots.current.records[Int(index)]
            guard isOpen(new) && inCurrent.contains(new) else {
                let movement: Movement = new.isWon ? .won : new.isLost ? .lost : .removed
                body(Entry(movement: movement, previous: old, current: new, amount: old.amount))
                continue
            }
            if new.amount > old.amount {
                body(Entry(movement: .increased, previous: old, current: new, amount: new.amount - old.amount))
            } else if new.amount < old.amount {
                body(Entry(movement: .decreased, previous: old, current: new, amount: old.amount - new.amount))
            }
            if let before = old.closeDate, let after = new.closeDate {
                let quarterBefore = calendar.quarter(containing: before), quarterAfter = calendar.quarter(containing: after)
                if quarterAfter > quarterBefore { body(Entry(movement: .pushed, previous: old, current: new, amount: new.amount)) }
                if quarterAfter < quarterBefore { body(Entry(movement: .pulledIn, previous: old, current: new, amount: new.amount)) }
            }
        }
        for position in snapshots.openInCurrent {
            let new = snapshots.current.records[Int(position)]
            guard inCurrent.contains(new) else { continue }
            body(Entry(movement: .end, previous: nil, current: new, amount: new.amount))
            if let index = snapshots.current.ids.position(in: snapshots.previous.ids, ofIDAt: Int(new.row)) {
                let old = snapshots.previous.records[Int(index)]
                if isOpen(old) && inPrevious.contains(old) { continue }
                body(Entry(movement: .added, previous: old, current: new, amount: new.amount))
            } else {
                body(Entry(movement: .added, previous: nil, current: new, amount: new.amount))
            }
        }
    }
}

/// Pipeline bridge (SPEC §6.9) from the previous snapshot p to d, amounts as in each snapshot:
/// open in both → `increased` / `decreased` by the difference; open in p only → `won` or `lost`
/// if so in d, else `removed`, at its p amount; open in d only → `added` at its d amount.
/// start + added + increased − decreased − won − lost − removed = end = open pipeline of d.
/// `pushed` / `pulled_in`: open in both, close date's fiscal quarter later / earlier (amount at d).
func bridge(for scope: Scope, across snapshots: BridgeSnapshots, in context: MetricContext) -> BridgeSummary {
    var summary = BridgeSummary()
    let calendar = FiscalCalendar(startMonth: context.config.fiscalYearStartMonth)
    func deal(_ entry: Bridge.Entry) -> BridgeDeal {
        let text = entry.current.map { snapshots.current.texts[Int($0.row)] }
            ?? snapshots.previous.texts[Int(entry.previous!.row)]
        return BridgeDeal(id: text.id, name: text.name, owner: text.owner, amount: entry.amount, lostReason: text.lostReason)
    }
    Bridge.forEachEntry(of: scope, across: snapshots, in: context) { entry in
        switch entry.movement {
        case .start: summary.start += entry.amount
        case .end: summary.end += entry.amount
        case .added: summary.added.add(amount: entry.amount)
        case .increased: summary.increased.add(amount: entry.amount)
        case .decreased: summary.decreased.add(amount: entry.amount)
        case .pushed:
            summary.pushed.add(amount: entry.amount)
            ShiftedDeal(entry, texts: snapshots.current.texts, calendar: calendar).map { summary.pushedDeals.append($0) }
        case .pulledIn:
            summary.pulledIn.add(amount: entry.amount)
            ShiftedDeal(entry, texts: snapshots.current.texts, calendar: calendar).map { summary.pulledInDeals.append($0) }
        case .won:
            summary.won.add(amount: entry.amount)
            summary.wonDeals.append(deal(entry))
        case .lost:
            summary.lost.add(amount: entry.amount)
            summary.lostDeals.append(deal(entry))
        case .removed:
            summary.removed.add(amount: entry.amount)
            summary.removedDeals.append(deal(entry))
        }
    }
    for deals in [\BridgeSummary.wonDeals, \.lostDeals, \.removedDeals] { summary[keyPath: deals].sortLargestFirst() }
    summary.pushedDeals.sortLargestFirst()
    summary.pulledInDeals.sortLargestFirst()
    return summary
}

/// Whether a record of one snapshot belongs to a scope, by that snapshot's own values.
struct ScopeMembership {
    private let dimension: Int?
    private let valueIndex: Int32?

    init(scope: Scope, snapshot: Snapshot, config: SiteConfig) {
        guard let name = scope.dimension, let value = scope.value,
              let dimension = config.dimensions.firstIndex(of: name) else {
            self.dimension = nil
            self.valueIndex = nil
            return
        }
        self.dimension = dimension
        valueIndex = snapshot.dimensionValues[dimension].firstIndex(of: value).map(Int32.init)
    }

    @inline(__always)
    func contains(_ record: Record) -> Bool {
        guard let dimension else { return true }
        guard let valueIndex else { return false }
        return record.dimensionValue(dimension) == valueIndex
    }
}

extension BridgeSummary {
    /// end − start: how far the open pipeline moved over the week.
    var netChange: Money { end - start }
}

/// The values of `dimension` whose open pipeline moved most over the week (largest |end − start|
/// of their bridge first, ties in code-point order of the values), at most `limit`, none that did
/// not move. Empty for the first snapshot, which has no bridge.
func pipelineMovers(in snapshot: SnapshotMetrics, dimension: String, limit: Int) -> [ScopeMetrics] {
    let moved = snapshot.scopes.filter { $0.scope.dimension == dimension && ($0.bridge?.netChange.cents ?? 0) != 0 }
    let ranked = moved.sorted { a, b in
        let (x, y) = (a.bridge!.netChange.cents.magnitude, b.bridge!.netChange.cents.magnitude)
        return x != y ? x > y : (a.scope.value ?? "").precedesByCodePoint(b.scope.value ?? "")
    }
    return Array(ranked.prefix(limit))
}
