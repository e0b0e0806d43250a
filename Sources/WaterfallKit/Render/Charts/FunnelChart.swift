/// The sideways funnel: one bar per stage (its volume in a window) and, between each pair, the
/// cohort conversion rate out of the upper stage.
enum FunnelChart {
    struct Step {
        var stage: String
        var volume: Int
        /// Cohort conversion out of this stage (nil for the last stage or an empty cohort).
        var conversion: Double?
        var cohort: Int
        var converted: Int
    }

    static func render(_ steps: [Step], window: String, id: String) -> SafeHTML {
        var rows: [BarRow] = []
        var described: [String] = []
        for (index, step) in steps.enumerated() {
            var note: String?
            if index < steps.count - 1 {
                if let rate = Format.percent(step.conversion) {
                    note = "↓ \(rate) of the cohort converted (\(Format.count(step.converted)) of \(Format.count(step.cohort)))"
                } else {
                    note = "↓ no cohort to convert"
                }
            }
            rows.append(BarRow(label: step.stage, value: Double(step.volume), valueText: Format.count(step.volume),
                               cssClass: "bar bar-\(index % 6)", note: note))
            var sentence = "\(step.stage): \(Format.count(step.volume))"
            if index < steps.count - 1 {
                sentence += ", cohort conversion \(Format.percent(step.conversion) ?? "none")"
            }
            described.append(sentence)
        }
        return SVG.barRows(rows).rendered(
            id: id, title: "Funnel, \(window)",
            description: "Stage volumes \(window) with the cohort conversion rate out of each stage. " + described.joined(separator: "; ") + ".",
            cssClass: "funnel-chart")
    }
}
