/// The pipeline bridge as a waterfall: start, each non-zero movement as a floating bar, end. When
/// the start and end dwarf the movements, the axis starts near the smallest running total instead
/// of zero and says so with a break symbol on the axis and on the total bars, so every movement
/// is visible. Each movement has its own colour class; won is not drawn as a loss.
enum BridgeChart {
    enum Kind: String { case added, increased, decreased, won, lost, removed }

    struct Movement {
        var label: String
        var kind: Kind
        /// Signed change: added and increased are positive, the rest negative.
        var change: Money
    }

    static func render(start: Money, movements: [Movement], end: Money, format: Format, id: String) -> SafeHTML {
        let width = 360.0, labelWidth = 84.0, valueRoom = 62.0, rowHeight = 26.0, barHeight = 16.0
        let shown = movements.filter { $0.change.cents != 0 }
        var running = start
        var levels = [start.cents, end.cents]
        var spans: [(label: String, from: Money, to: Money, css: String, text: String, isTotal: Bool)] = [
            ("Start", .zero, start, "bar bridge-total", format.compactMoney(start), true),
        ]
        for movement in shown {
            let next = running + movement.change
            spans.append((movement.label, running, next, "bar bridge-\(movement.kind.rawValue)", (movement.change.cents > 0 ? "+" : "") + format.compactMoney(movement.change), false))
            running = next
            levels.append(next.cents)
        }
        spans.append(("End", .zero, end, "bar bridge-total", format.compactMoney(end), true))
        let lowest = levels.min() ?? 0, highest = max(levels.max() ?? 0, 1)
        let axisStart = Self.axisStart(lowest: lowest, highest: highest)
        let low = axisStart > 0 ? axisStart : min(0, lowest)
        let plotWidth = width - labelWidth - valueRoom
        func x(_ cents: Int64) -> Double { labelWidth + Double(max(cents, low) - low) / Double(highest - low) * plotWidth }
        let axisY = Double(spans.count) * rowHeight + 4
        var svg = SVG(width: width, height: axisY + 30)
        for (index, span) in spans.enumerated() {
            let top = Double(index) * rowHeight + (rowHeight - barHeight) / 2
            let from = span.isTotal ? low : span.from.cents
            let left = x(min(from, span.to.cents)), right = x(max(from, span.to.cents))
            svg.text(span.label, x: 0, y: top + 12.5)
            svg.rect(x: left, y: top, width: max(right - left, 1), height: barHeight, cssClass: span.css)
            if span.isTotal, axisStart > 0 {
                svg.polygon([(left + 8, top - 1), (left + 14, top - 1), (left + 10, top + barHeight + 1), (left + 4, top + barHeight + 1)],
                            cssClass: "break-gap")
            }
            svg.text(span.text, x: right + 5, y: top + 12.5, cssClass: "value")
            if index < spans.count - 1 {
                svg.line(x1: x(span.to.cents), y1: top + barHeight, x2: x(span.to.cents), y2: top + rowHeight, cssClass: "connector")
            }
        }
        svg.line(x1: labelWidth, y1: axisY, x2: labelWidth + plotWidth, y2: axisY, cssClass: "axis")
        for tick in [low, (low + highest) / 2, highest] {
            svg.line(x1: x(tick), y1: axisY, x2: x(tick), y2: axisY + 4, cssClass: "axis")
            let anchor: SVG.Anchor = tick == low ? .start : tick == highest ? .end : .middle
            // The first label starts clear of the break symbol.
            svg.text(format.compactMoney(Money(cents: tick)), x: x(tick) + (tick == low && axisStart > 0 ? 5 : 0), y: axisY + 17,
                     anchor: anchor, cssClass: "note")
        }
        if axisStart > 0 {
            // The break symbol: two short slanted strokes across the axis at its start.
            svg.line(x1: labelWidth - 6, y1: axisY + 5, x2: labelWidth - 2, y2: axisY - 5, cssClass: "axis-break")
            svg.line(x1: labelWidth - 1, y1: axisY + 5, x2: labelWidth + 3, y2: axisY - 5, cssClass: "axis-break")
            svg.text("axis starts at \(format.compactMoney(Money(cents: axisStart)))", x: 0, y: axisY + 28, cssClass: "note")
        }
        var description = "Open pipeline \(format.money(start)) at the previous snapshot; "
            + (shown.isEmpty ? "no movement" : shown.map { "\($0.label.lowercased()) \(format.moneyChange($0.change))" }.joined(separator: ", "))
            + "; \(format.money(end)) now."
        let unmoved = movements.filter { $0.change.cents == 0 }.map { $0.label.lowercased() }
        if !unmoved.isEmpty { description += " No change in: " + unmoved.joined(separator: ", ") + "." }
        if axisStart > 0 { description += " The axis starts at \(format.money(Money(cents: axisStart))), not zero." }
        return svg.rendered(id: id, title: "Pipeline bridge", description: description, cssClass: "bridge-chart")
    }

    /// Zero, unless the smallest running total is more than twice the spread of the running totals:
    /// then a round figure a little below that total, so the movements fill the plot.
    static func axisStart(lowest: Int64, highest: Int64) -> Int64 {
        let spread = highest - lowest
        guard spread > 0, lowest > 2 * spread else { return 0 }
        let floor = lowest - max(spread / 4, 1)
        var unit: Int64 = 1
        while unit * 10 <= max(spread / 2, 1) { unit *= 10 }
        return max(floor / unit * unit, 0)
    }
}
