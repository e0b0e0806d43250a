/// One SLA rule's population as a stacked bar: on time, late, pending, breached.
enum SLABarChart {
    static let parts = [("On time", "sla-on-time"), ("Late", "sla-late"), ("Pending", "sla-pending"), ("Breached", "sla-breached")]

    static func render(onTime: Int, late: Int, pending: Int, breached: Int, rule: String, window: String, id: String) -> SafeHTML {
        let width = 360.0, barHeight = 22.0
        let counts = [onTime, late, pending, breached]
        let total = counts.reduce(0, +)
        var svg = SVG(width: width, height: barHeight + 20)
        if total == 0 {
            svg.rect(x: 0, y: 0, width: width, height: barHeight, cssClass: "bar-empty")
            svg.text("No leads in this window", x: width / 2, y: 15, anchor: .middle, cssClass: "note")
        }
        var x = 0.0
        for (index, count) in counts.enumerated() where count > 0 && total > 0 {
            let segment = Double(count) / Double(total) * width
            svg.rect(x: x, y: 0, width: segment, height: barHeight, cssClass: parts[index].1)
            if segment >= 28 {
                svg.text(Format.count(count), x: x + segment / 2, y: 15.5, anchor: .middle, cssClass: "in-bar")
            }
            x += segment
        }
        var legendX = 0.0
        for (index, part) in parts.enumerated() {
            svg.rect(x: legendX, y: barHeight + 8, width: 10, height: 10, cssClass: part.1)
            let label = "\(part.0) \(Format.count(counts[index]))"
            svg.text(label, x: legendX + 14, y: barHeight + 17, cssClass: "note")
            legendX += 14 + Double(label.count) * 6.6 + 10
        }
        let description = zip(parts, counts).map { "\($0.0.lowercased()) \(Format.count($1))" }.joined(separator: ", ")
        return svg.rendered(id: id, title: "\(rule), \(window)", description: description + ".", cssClass: "sla-chart")
    }
}
