/// Open pipeline (or any amount) per source, one bar each; marketing sources marked.
enum SourceBarsChart {
    struct Bar {
        var source: String
        var amount: Money
        var count: Int
        var isMarketing: Bool
    }

    static func render(_ bars: [Bar], format: Format, title: String, id: String) -> SafeHTML {
        let rows = bars.map { bar in
            BarRow(label: bar.source + (bar.isMarketing && !bar.source.lowercased().contains("marketing") ? " · marketing" : ""), value: Double(bar.amount.cents),
                   valueText: format.compactMoney(bar.amount) + " · " + Format.count(bar.count),
                   cssClass: bar.isMarketing ? "bar bar-marketing" : "bar bar-other")
        }
        let description = bars.map { "\($0.source): \(format.money($0.amount)) in \(Format.count($0.count)) deals" }
            .joined(separator: "; ")
        return SVG.barRows(rows).rendered(id: id, title: title, description: description + ".", cssClass: "source-chart")
    }
}
