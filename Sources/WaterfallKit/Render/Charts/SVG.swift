/// A small SVG writer for the charts: fixed viewBox, CSS classes for colours, every text escaped.
///
/// Charts are accessible images: `role="img"`, a `<title>` and a `<desc>` that states the numbers,
/// and each chart sits beside a table with the same figures.
struct SVG {
    var width: Double
    var height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The finished `<svg>` element. `id` must be unique within the page.
    func rendered(id: String, title: String, description: String, cssClass: String) -> SafeHTML {
        let titleID = id + "-title", descID = id + "-desc"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart \(cssClass)\" viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\""
        svg += " role=\"img\" aria-labelledby=\"\(titleID) \(descID)\" preserveAspectRatio=\"xMinYMin meet\">"
        svg += "<title id=\"\(titleID)\">\(title.htmlEscaped)</title>"
        svg += "<desc id=\"\(descID)\">\(description.htmlEscaped)</desc>"
        svg += body
        svg += "</svg>"
        return SafeHTML(rendered: svg)
    }
}

// MARK: - Shapes

extension SVG {
    mutating func rect(x: Double, y: Double, width: Double, height: Double, cssClass: String) {
        body += "<rect class=\"\(cssClass)\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(max(0, width)))\" height=\"\(SVG.number(max(0, height)))\"/>"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, cssClass: String) {
        body += "<line class=\"\(cssClass)\" x1=\"\(SVG.number(x1))\" y1=\"\(SVG.number(y1))\" x2=\"\(SVG.number(x2))\" y2=\"\(SVG.number(y2))\"/>"
    }

    /// A vertical line from `y1` down to `y2` with a gap over each of `gaps` (the rows of text it
    /// would otherwise cross), drawn as one `<line>` per visible piece.
    mutating func verticalLine(x: Double, from y1: Double, to y2: Double, skipping gaps: [ClosedRange<Double>], cssClass: String) {
        var top = y1
        for gap in gaps.sorted(by: { $0.lowerBound < $1.lowerBound }) where gap.upperBound > top && gap.lowerBound < y2 {
            if gap.lowerBound > top { line(x1: x, y1: top, x2: x, y2: gap.lowerBound, cssClass: cssClass) }
            top = gap.upperBound
        }
        if y2 > top { line(x1: x, y1: top, x2: x, y2: y2, cssClass: cssClass) }
    }

    mutating func circle(x: Double, y: Double, radius: Double, cssClass: String) {
        body += "<circle class=\"\(cssClass)\" cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"\(SVG.number(radius))\"/>"
    }

    mutating func polyline(_ points: [(Double, Double)], cssClass: String) {
        let list = points.map { SVG.number($0.0) + "," + SVG.number($0.1) }.joined(separator: " ")
        body += "<polyline class=\"\(cssClass)\" points=\"\(list)\"/>"
    }

    enum Anchor: String { case start, middle, end }

    /// Text from any source, escaped.
    mutating func text(_ string: String, x: Double, y: Double, anchor: Anchor = .start, cssClass: String = "label") {
        body += "<text class=\"\(cssClass)\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\""
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        body += ">\(string.htmlEscaped)</text>"
    }

    /// Several lines of text from any source, each escaped, the first line's baseline at `y`.
    mutating func lines(_ lines: [String], x: Double, y: Double, lineHeight: Double, anchor: Anchor = .start,
                        cssClass: String = "label") {
        guard !lines.isEmpty else { return }
        body += "<text class=\"\(cssClass)\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\""
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        body += ">"
        for (index, line) in lines.enumerated() {
            body += "<tspan x=\"\(SVG.number(x))\"" + (index == 0 ? "" : " dy=\"\(SVG.number(lineHeight))\"") + ">\(line.htmlEscaped)</tspan>"
        }
        body += "</text>"
    }

    /// A closed shape through the points.
    mutating func polygon(_ points: [(Double, Double)], cssClass: String) {
        let list = points.map { SVG.number($0.0) + "," + SVG.number($0.1) }.joined(separator: " ")
        body += "<polygon class=\"\(cssClass)\" points=\"\(list)\"/>"
    }

    /// An estimate of how wide `string` is drawn at `fontSize` (system sans-serif, a little generous),
    /// for wrapping and fitting labels; no font metrics are available when the SVG is written.
    static func estimatedWidth(_ string: String, fontSize: Double) -> Double {
        Double(string.count) * fontSize * 0.6
    }

    /// Words wrapped to lines no wider than `width` (at `charWidth` em a character); a word wider
    /// than that alone is split with a hyphen.
    static func wrap(_ string: String, width: Double, fontSize: Double, charWidth: Double = 0.6) -> [String] {
        let perLine = max(3, Int(width / (fontSize * charWidth)))
        var lines: [String] = []
        var current = ""
        for word in string.split(separator: " ").map(String.init) {
            var word = word
            while word.count > perLine {
                if !current.isEmpty { lines.append(current); current = "" }
                let cut = word.index(word.startIndex, offsetBy: perLine - 1)
                lines.append(String(word[..<cut]) + "-")
                word = String(word[cut...])
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= perLine {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// A coordinate with at most one decimal, written the same on every machine.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int64((value * 10).rounded(.toNearestOrAwayFromZero))
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return magnitude % 10 == 0 ? sign + String(magnitude / 10) : sign + String(magnitude / 10) + "." + String(magnitude % 10)
    }
}

/// One labelled horizontal bar in a bar-row chart.
struct BarRow {
    var label: String
    var value: Double
    var valueText: String
    var cssClass = "bar"
    /// A smaller line under the bar (a conversion rate, a pace note).
    var note: String?
    /// A marker drawn across the bar at this value (pace), in the bar's units.
    var marker: Double?
    /// A hollow outline drawn to this value behind the bar (the need), in the bar's units.
    var outline: Double?
}

extension SVG {
    /// Horizontal bars, one row each: label above, bar with its value at the end, optional note under.
    static func barRows(_ rows: [BarRow], width: Double = 360) -> SVG {
        let labelHeight = 17.0, barHeight = 16.0, noteHeight = 17.0, gap = 8.0
        let valueRoom = 100.0
        let scaleMax = rows.map { max($0.value, $0.marker ?? 0, $0.outline ?? 0) }.max() ?? 0
        let scale = scaleMax > 0 ? (width - valueRoom) / scaleMax : 0
        var y = 0.0
        var svg = SVG(width: width, height: 0)
        for row in rows {
            svg.text(row.label, x: 0, y: y + 12)
            let barTop = y + labelHeight + 2
            if let outline = row.outline {
                svg.rect(x: 0, y: barTop, width: outline * scale, height: barHeight, cssClass: "bar-outline")
            }
            let barWidth = max(row.value > 0 ? 1 : 0, row.value * scale)
            svg.rect(x: 0, y: barTop, width: barWidth, height: barHeight, cssClass: row.cssClass)
            if let marker = row.marker {
                svg.line(x1: marker * scale, y1: barTop - 3, x2: marker * scale, y2: barTop + barHeight + 3, cssClass: "marker")
            }
            let end = max(barWidth, (row.outline ?? 0) * scale, (row.marker ?? 0) * scale)
            svg.text(row.valueText, x: end + 6, y: barTop + 12.5, cssClass: "value")
            y = barTop + barHeight
            if let note = row.note {
                svg.text(note, x: 0, y: y + 13, cssClass: "note")
                y += noteHeight
            }
            y += gap
        }
        svg.height = max(y, 1)
        return svg
    }
}
