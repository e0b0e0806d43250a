/// Marketing-sourced share against the band marketing typically sources (`marketing_band`, default 20–30 %).
enum ShareBandChart {
    static func render(countShare: Double?, amountShare: Double?, band: ClosedRange<Double>, window: String, id: String) -> SafeHTML {
        let width = 360.0, labelWidth = 84.0, rowHeight = 30.0, barHeight = 14.0, head = 16.0
        let plot = width - labelWidth - 8
        func x(_ fraction: Double) -> Double { labelWidth + min(max(fraction, 0), 1) * plot }
        var svg = SVG(width: width, height: head + rowHeight * 2 + 18)
        svg.text("typical band", x: (x(band.lowerBound) + x(band.upperBound)) / 2, y: 11, anchor: .middle, cssClass: "band-label")
        for (index, (label, share)) in [("By count", countShare), ("By amount", amountShare)].enumerated() {
            let top = head + Double(index) * rowHeight + 4
            svg.text(label, x: 0, y: top + 11.5)
            svg.rect(x: labelWidth, y: top, width: plot, height: barHeight, cssClass: "track")
            svg.rect(x: x(band.lowerBound), y: top, width: x(band.upperBound) - x(band.lowerBound), height: barHeight, cssClass: "band")
            if let share {
                svg.rect(x: labelWidth, y: top + 5, width: x(share) - labelWidth, height: barHeight - 10, cssClass: "share")
                svg.line(x1: x(share), y1: top - 3, x2: x(share), y2: top + barHeight + 3, cssClass: "marker")
            } else {
                svg.text("no opportunities", x: labelWidth + 4, y: top + 11, cssClass: "note")
            }
        }
        let axisY = head + rowHeight * 2 + 14
        for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let anchor: SVG.Anchor = tick == 0 ? .start : tick == 1 ? .end : .middle
            svg.text("\(Int(tick * 100))%", x: x(tick), y: axisY,
                     anchor: anchor, cssClass: "note")
        }
        let band = "\(Format.percent(band.lowerBound) ?? "")–\(Format.percent(band.upperBound) ?? "")"
        let description = "Marketing-sourced share of opportunities created \(window): by count \(Format.percent(countShare) ?? "none"), "
            + "by amount \(Format.percent(amountShare) ?? "none"); typical band \(band)."
        return svg.rendered(id: id, title: "Marketing-sourced share, \(window)", description: description, cssClass: "share-chart")
    }
}
