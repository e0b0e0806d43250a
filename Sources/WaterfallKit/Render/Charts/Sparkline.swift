/// A small line over every snapshot, last point marked; the numbers are in its description.
enum Sparkline {
    struct Point {
        var label: String
        var value: Double?
        var valueText: String
    }

    static func render(_ points: [Point], title: String, id: String) -> SafeHTML {
        let width = 160.0, height = 36.0, pad = 3.0
        var svg = SVG(width: width, height: height)
        let values = points.compactMap(\.value)
        let low = values.min() ?? 0, high = values.max() ?? 0
        let span = high - low
        func x(_ index: Int) -> Double {
            points.count <= 1 ? width / 2 : pad + Double(index) / Double(points.count - 1) * (width - 2 * pad)
        }
        func y(_ value: Double) -> Double { span == 0 ? height / 2 : height - pad - (value - low) / span * (height - 2 * pad) }
        svg.line(x1: pad, y1: height - 0.5, x2: width - pad, y2: height - 0.5, cssClass: "baseline")
        // Nulls break the line into runs.
        var run: [(Double, Double)] = []
        for (index, point) in points.enumerated() {
            if let value = point.value {
                run.append((x(index), y(value)))
            } else {
                if run.count > 1 { svg.polyline(run, cssClass: "spark") }
                run = []
            }
        }
        if run.count > 1 { svg.polyline(run, cssClass: "spark") }
        if let lastIndex = points.lastIndex(where: { $0.value != nil }), let value = points[lastIndex].value {
            svg.circle(x: x(lastIndex), y: y(value), radius: 2.5, cssClass: "spark-dot")
        }
        let description = points.map { "\($0.label) \($0.valueText)" }.joined(separator: "; ")
        return svg.rendered(id: id, title: title, description: description.isEmpty ? "No snapshots." : description + ".",
                            cssClass: "sparkline")
    }
}
