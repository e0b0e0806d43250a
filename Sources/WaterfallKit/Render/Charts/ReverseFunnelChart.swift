/// The reverse funnel: for each stage from won back to the first, how much of this quarter's need
/// has happened (a bar filling a track that stands for the need) against one line for today's
/// pace — the elapsed share of the quarter, the same for every stage. A bar short of the line is
/// behind plan.
enum ReverseFunnelChart {
    struct Step {
        var stage: String
        var need: Int64?
        var actual: Int
        var expectedByNow: Double?
    }

    static let width = 360.0
    static let rowHeight = 40.0
    static let top = 24.0

    static func render(_ steps: [Step], quarter: String, elapsedFraction: Double, id: String) -> SafeHTML {
        var svg = SVG(width: width, height: top + rowHeight * Double(steps.count) + 4)
        var described: [String] = []
        for (index, step) in steps.enumerated() {
            let y = top + rowHeight * Double(index)
            let need = step.need.map { Format.count($0) }
            svg.text(step.stage, x: 0, y: y + 12)
            svg.rect(x: 0, y: y + 18, width: width, height: 12, cssClass: "track")
            if let needed = step.need, needed > 0 {
                let done = min(Double(step.actual) / Double(needed), 1)
                let behind = step.expectedByNow.map { Double(step.actual) < $0 } ?? false
                svg.rect(x: 0, y: y + 18, width: width * done, height: 12, cssClass: behind ? "bar bar-behind" : "bar bar-ahead")
                svg.text("\(Format.count(step.actual)) of \(need!)", x: width, y: y + 12, anchor: .end, cssClass: "value")
            } else {
                svg.text("\(Format.count(step.actual)); need unknown", x: width, y: y + 12, anchor: .end, cssClass: "note")
            }
            let expected = step.expectedByNow.map { Format.decimal($0) } ?? "—"
            described.append("\(step.stage): need \(need ?? "unknown"), actual \(Format.count(step.actual)), expected by now \(expected)")
        }
        let paceX = width * min(max(elapsedFraction, 0), 1)
        svg.line(x1: paceX, y1: top - 6, x2: paceX, y2: top + rowHeight * Double(steps.count), cssClass: "marker")
        let label = "today's pace: \(Format.percent(elapsedFraction) ?? "") of the quarter"
        svg.text(label, x: paceX, y: top - 10, anchor: paceX > width * 0.6 ? .end : (paceX < width * 0.4 ? .start : .middle),
                 cssClass: "note")
        return svg.rendered(
            id: id, title: "Reverse funnel, \(quarter)",
            description: "What each stage needs this quarter to make the plan (read right to left), how much of it "
                + "happened so far, against today's pace of \(Format.percent(elapsedFraction) ?? "") of the quarter elapsed. "
                + described.joined(separator: "; ") + ".",
            cssClass: "reverse-funnel-chart")
    }
}
