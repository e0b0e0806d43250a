/// The pipeline bridge as a waterfall: start, each movement as a floating bar, end.
enum BridgeChart {
    struct Movement {
        var label: String
        /// Signed change: added and increased are positive, the rest negative.
        var change: Money
    }

    static func render(start: Money, movements: [Movement], end: Money, format: Format, id: String) -> SafeHTML {
        let width = 360.0, labelWidth = 84.0, valueRoom = 66.0, rowHeight = 26.0, barHeight = 16.0
        var running = start
        var spans: [(label: String, from: Money, to: Money, css: String, text: String)] = [
            ("Start", .zero, start, "bar bar-total", format.compactMoney(start)),
        ]
        for movement in movements {
            let next = running + movement.change
            let css = movement.change.cents >= 0 ? "bar bar-up" : "bar bar-down"
            spans.append((movement.label, running, next, css, format.compactMoney(movement.change)))
            running = next
        }
        spans.append(("End", .zero, end, "bar bar-total", format.compactMoney(end)))
        let low = min(0, spans.map { min($0.from.cents, $0.to.cents) }.min() ?? 0)
        let high = max(1, spans.map { max($0.from.cents, $0.to.cents) }.max() ?? 1)
        let plotWidth = width - labelWidth - valueRoom
        func x(_ value: Money) -> Double { labelWidth + Double(value.cents - low) / Double(high - low) * plotWidth }
        var svg = SVG(width: width, height: Double(spans.count) * rowHeight)
        for (index, span) in spans.enumerated() {
            let top = Double(index) * rowHeight + (rowHeight - barHeight) / 2
            let left = x(min(span.from, span.to)), right = x(max(span.from, span.to))
            svg.text(span.label, x: 0, y: top + 12.5)
            svg.rect(x: left, y: top, width: max(right - left, span.from == span.to ? 0 : 1), height: barHeight, cssClass: span.css)
            svg.text(span.text, x: right + 5, y: top + 12.5, cssClass: "value")
            if index < spans.count - 1 {
                svg.line(x1: x(span.to), y1: top + barHeight, x2: x(span.to), y2: top + rowHeight, cssClass: "connector")
            }
        }
        let description = "Open pipeline \(format.money(start)) at the previous snapshot; "
            + movements.map { "\($0.label.lowercased()) \(format.moneyChange($0.change))" }.joined(separator: ", ")
            + "; \(format.money(end)) now."
        return svg.rendered(id: id, title: "Pipeline bridge", description: description, cssClass: "bridge-chart")
    }
}
