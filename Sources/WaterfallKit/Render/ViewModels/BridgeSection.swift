/// The pipeline bridge from the previous snapshot: start, each movement, end (chart and table),
/// pushed and pulled-in deals, and the deals behind won, lost and removed, largest first.
struct BridgeSection: TemplateSection {
    var from: String
    var chartHTML: SafeHTML
    var start: String
    var end: String
    var added: Movement
    var increased: Movement
    var decreased: Movement
    var won: Movement
    var lost: Movement
    var removed: Movement
    var pushed: CountAmountRow
    var pulledIn: CountAmountRow
    var dealGroups: [DealGroup]

    /// One movement's row: deals and the signed amount.
    struct Movement: TemplateSection {
        var count: String
        var amount: String

        var fields: Fields { ["count": count, "amount": amount] }
    }

    /// The deals behind one movement; the template words the heading by `kind`.
    struct DealGroup: TemplateSection {
        enum Kind: String { case won, lost, removed }
        var kind: Kind
        var from: String
        var count: String
        var deals: [Deal]
        /// How many more are listed only in `metrics.json`, nil when none.
        var more: String?

        var fields: Fields {
            [
                "won": kind == .won, "lost": kind == .lost, "removed": kind == .removed, "hasReasons": kind == .lost,
                "from": from, "count": count, "deals": deals.fields, "more": more ?? false,
            ]
        }
    }

    struct Deal: TemplateSection {
        var id: String
        var name: String
        var owner: String
        var amount: String
        var reason: String

        var fields: Fields { ["id": id, "name": name, "owner": owner, "amount": amount, "reason": reason] }
    }

    var fields: Fields {
        [
            "from": from, "chartHTML": chartHTML, "start": start, "end": end,
            "added": added.fields, "increased": increased.fields, "decreased": decreased.fields,
            "won": won.fields, "lost": lost.fields, "removed": removed.fields,
            "pushed": pushed.fields, "pulledIn": pulledIn.fields, "dealGroups": dealGroups.fields,
        ]
    }
}

extension BridgeSection {
    init(_ bridge: BridgeSummary, in model: ScopeViewModel) {
        let format = model.format
        let movements: [(String, CountAmount, Int64, BridgeChart.Kind)] = [
            ("Added", bridge.added, 1, .added), ("Increased", bridge.increased, 1, .increased),
            ("Decreased", bridge.decreased, -1, .decreased), ("Won", bridge.won, -1, .won), ("Lost", bridge.lost, -1, .lost),
            ("Removed", bridge.removed, -1, .removed),
        ]
        chartHTML = BridgeChart.render(
            start: bridge.start,
            movements: movements.map { .init(label: $0.0, kind: $0.3, change: Money(cents: $0.1.amount.cents * $0.2)) },
            end: bridge.end, format: format, id: "bridge")
        func movement(_ value: CountAmount, _ sign: Int64) -> Movement {
            Movement(count: Format.count(value.count), amount: format.moneyChange(Money(cents: value.amount.cents * sign)))
        }
        start = format.money(bridge.start)
        end = format.money(bridge.end)
        added = movement(bridge.added, 1)
        increased = movement(bridge.increased, 1)
        decreased = movement(bridge.decreased, -1)
        won = movement(bridge.won, -1)
        lost = movement(bridge.lost, -1)
        removed = movement(bridge.removed, -1)
        pushed = CountAmountRow(bridge.pushed, format: format)
        pulledIn = CountAmountRow(bridge.pulledIn, format: format)
        let from = model.snapshot.previousSnapshot.map(Format.date) ?? ""
        self.from = from
        let limit = ScopeViewModel.bridgeDealListLimit
        let groups: [(DealGroup.Kind, [BridgeDeal])] = [(.won, bridge.wonDeals), (.lost, bridge.lostDeals), (.removed, bridge.removedDeals)]
        dealGroups = groups.filter { !$0.1.isEmpty }.map { kind, deals in
            DealGroup(kind: kind, from: from, count: Format.deals(deals.count),
                      deals: deals.prefix(limit).map { deal in
                          Deal(id: deal.id, name: deal.name, owner: deal.owner, amount: format.money(deal.amount),
                               reason: deal.lostReason.isEmpty ? "not recorded" : deal.lostReason)
                      },
                      more: deals.count > limit ? Format.count(deals.count - limit) : nil)
        }
    }
}
