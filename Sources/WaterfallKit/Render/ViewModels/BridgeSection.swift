/// The pipeline bridge from the previous snapshot: start, each movement, end (chart and table),
/// pushed and pulled-in deals. The deal lists behind the movements are `DealLists` (added to the
/// section's fields as `dealGroups`).
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
    /// Why no deal is listed when the page was built from warehouse results; nil otherwise.
    var listsUnavailable: String?

    /// One movement's row: deals and the signed amount.
    struct Movement: TemplateSection {
        var count: String
        var amount: String

        var fields: Fields { ["count": count, "amount": amount] }
    }

    var fields: Fields {
        [
            "from": from, "chartHTML": chartHTML, "start": start, "end": end,
            "added": added.fields, "increased": increased.fields, "decreased": decreased.fields,
            "won": won.fields, "lost": lost.fields, "removed": removed.fields,
            "pushed": pushed.fields, "pulledIn": pulledIn.fields, "listsUnavailable": listsUnavailable ?? false,
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
        from = model.snapshot.previousSnapshot.map(Format.date) ?? ""
        listsUnavailable = model.recordListsAvailable ? nil : ScopeViewModel.noRecordLists
    }
}
