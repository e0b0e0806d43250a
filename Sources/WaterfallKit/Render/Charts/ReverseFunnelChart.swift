/// The plan read right to left, on the funnel's stage columns: from the wins the target needs at
/// the right, each stage's need for the quarter, a bar of what happened so far on a track that
/// stands for the need, a tick at today's pace (the same elapsed share for every stage), and the
/// answer in words ("120 behind"), so colour is never the only signal. Whole numbers only: the
/// exact figures are in `metrics.json`.
enum ReverseFunnelChart {
    struct Step {
        var stage: String
        /// Nil when a rate on the way is zero or unknown (or the stage is not in the plan).
        var need: Int64?
        var actual: Int
        var expectedByNow: Double?
        /// What the need of the column before is divided by: `"÷ 13.3%"` (nil for the first column).
        var divisor: String?
    }

    static func render(_ steps: [Step], headline: String, quarter: String, elapsedFraction: Double, handOverAfter: Int?,
                       layout: StageColumns.Layout, id: String) -> SafeHTML {
        let grid = StageColumns(layout: layout, count: steps.count)
        let wide = layout == .wide
        let legendTop = 6.0
        let legendRows = wide ? 1 : 2
        let headlineLines = SVG.wrap(headline, width: grid.width, fontSize: 12, charWidth: 0.58)
        let headlineTop = legendTop + Double(legendRows) * 18 + 14
        let top = headlineTop + Double(headlineLines.count - 1) * 15 + 40
        let trackWidth = min(grid.pitch * 0.8, 120), trackHeight = 10.0
        let rows: (need: Double, big: Double, track: Double, detail: Double, answer: Double) =
            wide ? (top, top + 22, top + 32, top + 60, top + 92) : (top, top + 20, top + 28, 0, top + 54)
        let height = rows.answer + (wide ? 10 : 24)
        var svg = SVG(width: grid.width, height: height)
        let pace = min(max(elapsedFraction, 0), 1)
        let paceText = "today's pace (\(Format.percent(elapsedFraction) ?? "") of the quarter gone)"

        // Legend: what the track, the bar and the tick stand for.
        svg.rect(x: 0, y: legendTop, width: 22, height: trackHeight, cssClass: "track")
        svg.text("need", x: 28, y: legendTop + 9.5, cssClass: "note")
        svg.rect(x: 70, y: legendTop, width: 22, height: trackHeight, cssClass: "bar bar-done")
        svg.text("done so far", x: 98, y: legendTop + 9.5, cssClass: "note")
        let tickX = wide ? 200.0 : 4.0, tickY = wide ? legendTop : legendTop + 18
        svg.paceTick(x: tickX, from: tickY - 3, to: tickY + trackHeight + 3)
        svg.text(paceText, x: tickX + 8, y: tickY + 9.5, cssClass: "note")
        svg.lines(headlineLines, x: grid.width, y: headlineTop, lineHeight: 15, anchor: .end, cssClass: "headline")

        var described: [String] = []
        for (index, step) in steps.enumerated() {
            let x = grid.center(index)
            if wide, let divisor = step.divisor, index + 1 < steps.count {
                svg.text("← \(divisor)", x: grid.boundary(before: index + 1), y: rows.need - 2, anchor: .middle, cssClass: "note divisor")
            }
            svg.text("need", x: x, y: rows.need - (wide ? 16 : 14), anchor: .middle, cssClass: "note")
            let left = x - trackWidth / 2
            guard let need = step.need else {
                svg.text("—", x: x, y: rows.big, anchor: .middle, cssClass: "value big")
                svg.lines(wide ? ["unknown: a rate", "on the way is 0"] : ["unknown"], x: x, y: rows.track + 10, lineHeight: 14,
                          anchor: .middle, cssClass: "note")
                described.append("\(step.stage): need unknown, \(Format.count(step.actual)) so far")
                continue
            }
            svg.text(Format.count(need), x: x, y: rows.big, anchor: .middle, cssClass: "value big")
            svg.rect(x: left, y: rows.track, width: trackWidth, height: trackHeight, cssClass: "track")
            let done = need > 0 ? min(Double(step.actual) / Double(need), 1) : 1
            svg.rect(x: left, y: rows.track, width: trackWidth * done, height: trackHeight, cssClass: "bar bar-done")
            svg.paceTick(x: left + trackWidth * pace, from: rows.track - 4, to: rows.track + trackHeight + 4)
            let expected = step.expectedByNow.map(wholeNumber) ?? 0
            let answer = Self.answer(actual: step.actual, expected: expected)
            if wide {
                svg.lines(["\(Format.count(step.actual)) so far", "\(Format.count(expected)) by today"], x: x, y: rows.detail,
                          lineHeight: 15, anchor: .middle, cssClass: "note")
                svg.text(answer.text, x: x, y: rows.answer, anchor: .middle, cssClass: "answer \(answer.css)")
            } else {
                let words = answer.text.split(separator: " ", maxSplits: 1).map(String.init)
                svg.lines(words, x: x, y: rows.answer, lineHeight: 14, anchor: .middle, cssClass: "answer \(answer.css)")
            }
            described.append("\(step.stage): need \(Format.count(need)), \(Format.count(step.actual)) so far, "
                + "\(Format.count(expected)) by today, \(answer.text)")
        }
        if let after = handOverAfter, after + 1 < steps.count {
            let x = grid.boundary(before: after + 1)
            // A gap where the divisor of this boundary is written (wide drawing only).
            let divisorRow = wide && steps[after].divisor != nil ? [(rows.need - 16)...(rows.need + 4)] : []
            svg.verticalLine(x: x, from: rows.need - 30, to: height, skipping: divisorRow, cssClass: "handover")
        }
        return svg.rendered(
            id: id, title: "Reverse funnel, \(quarter)",
            description: "The plan read right to left: \(headline). For each stage, the need for the quarter, what happened so far "
                + "and where today's pace should be (\(Format.percent(elapsedFraction) ?? "") of the quarter gone). "
                + described.reversed().joined(separator: "; ") + ".",
            cssClass: "reverse-funnel-chart \(grid.cssClass)")
    }

    /// A figure rounded half away from zero, for display only.
    static func wholeNumber(_ value: Double) -> Int64 { Int64(value.rounded(.toNearestOrAwayFromZero)) }

    /// "12 behind" / "3 ahead" / "on pace", from whole numbers so the page adds up: done − by today.
    static func answer(actual: Int, expected: Int64) -> (text: String, css: String, gap: Int64) {
        let gap = Int64(actual) - expected
        if gap == 0 { return ("on pace", "on-pace", 0) }
        return gap < 0 ? ("\(Format.count(-gap)) behind", "behind", gap) : ("\(Format.count(gap)) ahead", "ahead", gap)
    }
}

private extension SVG {
    /// The pace tick, on a paper-coloured gap so it stays visible where it crosses the bar of what is done.
    mutating func paceTick(x: Double, from top: Double, to bottom: Double) {
        rect(x: x - 2.5, y: top, width: 5, height: bottom - top, cssClass: "tick-gap")
        line(x1: x, y1: top, x2: x, y2: bottom, cssClass: "marker")
    }
}
