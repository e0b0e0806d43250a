/// The reverse funnel: for each stage from won back to the first, what the plan needs this
/// quarter (outline), what happened so far (bar) and where the pace says it should be (marker).
enum ReverseFunnelChart {
    struct Step {
        var stage: String
        var need: Int64?
        var actual: Int
        var expectedByNow: Double?
    }

    static func render(_ steps: [Step], quarter: String, id: String) -> SafeHTML {
        var rows: [BarRow] = []
        var described: [String] = []
        for step in steps {
            let need = step.need.map { Format.count($0) } ?? "—"
            let expected = step.expectedByNow.map { Format.decimal($0) } ?? "—"
            let behind = step.expectedByNow.map { Double(step.actual) < $0 } ?? false
            rows.append(BarRow(label: step.stage, value: Double(step.actual),
                               valueText: "\(Format.count(step.actual)) of \(need)",
                               cssClass: behind ? "bar bar-behind" : "bar bar-ahead",
                               note: "expected by now \(expected)",
                               marker: step.expectedByNow, outline: step.need.map(Double.init)))
            described.append("\(step.stage): need \(need), actual \(Format.count(step.actual)), expected by now \(expected)")
        }
        return SVG.barRows(rows).rendered(
            id: id, title: "Reverse funnel, \(quarter)",
            description: "What each stage needs this quarter to make the plan (read right to left), "
                + "the quarter-to-date actual and the pace mark. " + described.joined(separator: "; ") + ".",
            cssClass: "reverse-funnel-chart")
    }
}
