/// How the open pipeline moved from the previous snapshot to this one.
public struct BridgeSummary: Equatable, Sendable {
    public var start = Money.zero
    public var added = CountAmount()
    public var increased = CountAmount()
    public var decreased = CountAmount()
    public var won = CountAmount()
    public var lost = CountAmount()
    public var removed = CountAmount()
    public var end = Money.zero
    public var pushed = CountAmount()
    public var pulledIn = CountAmount()
    /// The deals behind `won`, `lost` and `removed`, largest first, so each figure can be traced
    /// to the deal (amounts as in the previous snapshot).
    public var wonDeals: [BridgeDeal] = []
    public var lostDeals: [BridgeDeal] = []
    public var removedDeals: [BridgeDeal] = []

    /// start + added + increased − decreased − won − lost − removed.
    public var computedEnd: Money {
        start + added.amount + increased.amount - decreased.amount - won.amount - lost.amount - removed.amount
    }
}

/// A deal that left the open pipeline between two snapshots. Texts are the latest the exports
/// hold (this snapshot's, or the previous one's for a removed deal).
public struct BridgeDeal: Equatable, Sendable {
    public var id: String
    public var name: String
    public var owner: String
    public var amount: Money
    public var lostReason: String
}

/// The two snapshots a bridge spans.
public struct BridgeSnapshots: Sendable {
    public var previous: Snapshot
    public var current: Snapshot

    public init(previous: Snapshot, current: Snapshot) {
        self.previous = previous
        self.current = current
    }
}

/// Pipeline bridge (SPEC §6.9) from the previous snapshot p to d, amounts as in each snapshot:
/// open in both → `increased` / `decreased` by the difference; open in p only → `won` or `lost`
/// if so in d, else `removed`, at its p amount; open in d only → `added` at its d amount.
/// start + added + increased − decreased − won − lost − removed = end = open pipeline of d.
/// `pushed` / `pulled_in`: open in both, close date's fiscal quarter later / earlier (amount at d).
public func bridge(for scope: Scope, across snapshots: BridgeSnapshots, in context: MetricContext) -> BridgeSummary {
    let pipelineStage = context.pipelineStage
    let calendar = FiscalCalendar(startMonth: context.config.fiscalYearStartMonth)
    let inPrevious = ScopeMembership(scope: scope, snapshot: snapshots.previous, config: context.config)
    let inCurrent = ScopeMembership(scope: scope, snapshot: snapshots.current, config: context.config)
    var summary = BridgeSummary()

    for old in snapshots.previous.records where old.isOpen(pipelineStage: pipelineStage) && inPrevious.contains(old) {
        summary.start += old.amount
        let oldText = snapshots.previous.texts[Int(old.row)]
        guard let index = snapshots.current.rowByID[oldText.id] else {
            summary.removed.add(old)
            summary.removedDeals.append(BridgeDeal(old, text: oldText))
            continue
        }
        let new = snapshots.current.records[Int(index)]
        if new.isOpen(pipelineStage: pipelineStage) && inCurrent.contains(new) {
            if new.amount > old.amount {
                summary.increased.count += 1
                summary.increased.amount += new.amount - old.amount
            } else if new.amount < old.amount {
                summary.decreased.count += 1
                summary.decreased.amount += old.amount - new.amount
            }
            if let before = old.closeDate, let after = new.closeDate {
                let quarterBefore = calendar.quarter(containing: before), quarterAfter = calendar.quarter(containing: after)
                if quarterAfter > quarterBefore { summary.pushed.add(new) }
                if quarterAfter < quarterBefore { summary.pulledIn.add(new) }
            }
        } else {
            let deal = BridgeDeal(old, text: snapshots.current.texts[Int(new.row)])
            if new.isWon {
                summary.won.add(old)
                summary.wonDeals.append(deal)
            } else if new.isLost {
                summary.lost.add(old)
                summary.lostDeals.append(deal)
            } else {
                summary.removed.add(old)
                summary.removedDeals.append(deal)
            }
        }
    }
    for new in snapshots.current.records where new.isOpen(pipelineStage: pipelineStage) && inCurrent.contains(new) {
        summary.end += new.amount
        if let index = snapshots.previous.rowByID[snapshots.current.texts[Int(new.row)].id] {
            let old = snapshots.previous.records[Int(index)]
            if old.isOpen(pipelineStage: pipelineStage) && inPrevious.contains(old) { continue }
        }
        summary.added.add(new)
    }
    for deals in [\BridgeSummary.wonDeals, \.lostDeals, \.removedDeals] {
        summary[keyPath: deals].sort { $0.amount != $1.amount ? $0.amount > $1.amount : $0.id.precedesByCodePoint($1.id) }
    }
    return summary
}

extension BridgeDeal {
    init(_ record: Record, text: RecordText) {
        self.init(id: text.id, name: text.name, owner: text.owner, amount: record.amount, lostReason: text.lostReason)
    }
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
    public var netChange: Money { end - start }
}

/// The values of `dimension` whose open pipeline moved most over the week (largest |end − start|
/// of their bridge first, ties in code-point order of the values), at most `limit`, none that did
/// not move. Empty for the first snapshot, which has no bridge.
public func pipelineMovers(in snapshot: SnapshotMetrics, dimension: String, limit: Int) -> [ScopeMetrics] {
    let moved = snapshot.scopes.filter { $0.scope.dimension == dimension && ($0.bridge?.netChange.cents ?? 0) != 0 }
    let ranked = moved.sorted { a, b in
        let (x, y) = (a.bridge!.netChange.cents.magnitude, b.bridge!.netChange.cents.magnitude)
        return x != y ? x > y : (a.scope.value ?? "").precedesByCodePoint(b.scope.value ?? "")
    }
    return Array(ranked.prefix(limit))
}
