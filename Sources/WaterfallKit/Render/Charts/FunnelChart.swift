/// The sideways funnel: one column per stage, left to right, its bar the records that reached the
/// stage in one window, coloured by the stage's owner; between each pair of columns the cohort
/// conversion of that same window (the win rate before won); the hand-over between owners marked
/// with its SLA. The plan (`ReverseFunnelChart`) is drawn beneath it on the same `StageColumns`.
enum FunnelChart {
    struct Column {
        var stage: String
        var owner: String
        var volume: Int
    }

    /// What the connector out of a column says: `"13.3%"`, or nil when the cohort is empty.
    struct Link {
        var rate: String?
        var isWinRate = false
    }

    /// The hand-over between the first owner and the next, after column `after`.
    struct HandOver {
        var after: Int
        var lines: [String]
    }

    static func render(_ columns: [Column], links: [Link], handOver: HandOver?, basis: String,
                       layout: StageColumns.Layout, id: String) -> SafeHTML {
        let grid = StageColumns(layout: layout, count: columns.count)
        let wide = layout == .wide
        let bandTop = 24.0, bandHeight = 22.0
        let boxLines = handOver.map { grid.wrappedHandOver($0.lines) } ?? []
        let boxTop = bandTop + bandHeight + 8
        let boxHeight = boxLines.isEmpty ? 0 : Double(boxLines.count) * 16 + 10
        let barTop = max(boxTop + boxHeight + 30, 100), barRoom = wide ? 180.0 : 150.0
        let middle = barTop + barRoom / 2
        // Wide: rates sit on the connectors. Narrow: columns are too close for that, so the rates
        // get a row of their own under the bars, and stage names alternate between two rows so
        // each may use two columns' width.
        let ratesTop = barTop + barRoom + 16
        let labelWidth = wide ? grid.pitch - 24 : grid.pitch * 2 - 10
        let labels = columns.map { SVG.wrap($0.stage, width: labelWidth, fontSize: grid.labelSize, charWidth: 0.58) }
        let labelTop = wide ? barTop + barRoom + 20 : ratesTop + 34
        func lineCount(_ parity: Int) -> Int { labels.enumerated().filter { $0.offset % 2 == parity }.map(\.element.count).max() ?? 0 }
        let oddTop = wide ? labelTop : labelTop + Double(lineCount(0)) * 15 + 4
        let height = (wide ? labelTop + Double((labels.map(\.count).max() ?? 1) - 1) * 15
            : max(labelTop + Double(lineCount(0) - 1) * 15, oddTop + Double(lineCount(1) - 1) * 15)) + 8
        var svg = SVG(width: grid.width, height: height)

        svg.text(basis, x: 0, y: 13, cssClass: "note")
        let owners = grid.ownerRuns(columns.map(\.owner))
        for run in owners {
            let left = grid.boundary(before: run.first) + 2, right = grid.boundary(before: run.last + 1) - 2
            svg.rect(x: left, y: bandTop, width: right - left, height: bandHeight, cssClass: "owner-band owner-band-\(run.colour)")
            if !run.owner.isEmpty {
                svg.text(grid.fitted(run.owner + (wide ? " owns" : ""), width: right - left - 12), x: left + 6, y: bandTop + 15.5,
                         cssClass: "owner-label owner-label-\(run.colour)")
            }
        }

        let peak = max(columns.map(\.volume).max() ?? 0, 1)
        func barHeight(_ volume: Int) -> Double { volume == 0 ? 0 : max(2, Double(volume) / Double(peak) * barRoom) }
        let colourOf = grid.colours(columns.map(\.owner))
        for (index, column) in columns.enumerated() {
            let x = grid.center(index), h = barHeight(column.volume)
            if index + 1 < columns.count {
                let next = barHeight(columns[index + 1].volume)
                let right = x + grid.barWidth / 2, left = grid.center(index + 1) - grid.barWidth / 2
                svg.polygon([(right, middle - h / 2), (left, middle - next / 2), (left, middle + next / 2), (right, middle + h / 2)],
                            cssClass: "funnel-link")
            }
            svg.rect(x: x - grid.barWidth / 2, y: middle - h / 2, width: grid.barWidth, height: h, cssClass: "bar owner-\(colourOf[index])")
            svg.text(Format.count(column.volume), x: x, y: middle - h / 2 - 6, anchor: .middle, cssClass: "value big")
            let top = index % 2 == 1 ? oddTop : labelTop
            if top > labelTop {
                svg.line(x1: x, y1: labelTop - 10, x2: x, y2: top - 13, cssClass: "leader")
            }
            // Stage names are bold: wider than the plain estimate (DejaVu Sans Bold is about 0.68 em a character).
            let half = (labels[index].map { SVG.estimatedWidth($0, fontSize: grid.labelSize) }.max() ?? 0) * 0.68 / 0.6 / 2
            svg.lines(labels[index], x: min(max(x, half), grid.width - half), y: top, lineHeight: 15, anchor: .middle, cssClass: "stage")
        }
        // Where each connector's rate is written, so the hand-over line can leave a gap there.
        var rateRows: [Int: ClosedRange<Double>] = [:]
        for (index, link) in links.enumerated() where index + 1 < columns.count {
            let x = grid.boundary(before: index + 1)
            let rate = link.rate ?? "—"
            let lines = link.isWinRate ? ["win rate", rate] : [rate]
            let y = wide ? middle + 4 - Double(lines.count - 1) * 7 : ratesTop + 4 - Double(lines.count - 1) * 14
            svg.lines(lines, x: x, y: y, lineHeight: 14, anchor: .middle, cssClass: "rate")
            rateRows[index] = (y - 14)...(y + Double(lines.count - 1) * 14 + 6)
        }
        if let handOver, handOver.after + 1 < columns.count {
            let x = grid.boundary(before: handOver.after + 1)
            svg.verticalLine(x: x, from: boxTop + boxHeight, to: barTop + barRoom + 6, skipping: rateRows[handOver.after].map { [$0] } ?? [],
                             cssClass: "handover")
            let boxWidth = grid.handOverWidth
            let left = min(max(x - boxWidth / 2, 0), grid.width - boxWidth)
            svg.rect(x: left, y: boxTop, width: boxWidth, height: boxHeight, cssClass: "handover-box")
            svg.lines(boxLines, x: left + boxWidth / 2, y: boxTop + 17, lineHeight: 16, anchor: .middle, cssClass: "handover-text")
        }

        var described = columns.enumerated().map { index, column in
            var sentence = "\(column.stage) (\(column.owner.isEmpty ? "no owner" : column.owner)): \(Format.count(column.volume))"
            if index < links.count, index + 1 < columns.count {
                let rate = links[index].rate ?? "none"
                sentence += links[index].isWinRate ? ", then a win rate of \(rate)" : ", then \(rate) of the cohort moved on"
            }
            return sentence
        }
        if let handOver { described.append("hand-over: " + handOver.lines.joined(separator: ", ")) }
        return svg.rendered(
            id: id, title: "Funnel, \(basis)",
            description: "Records that reached each stage, left to right, with the cohort conversion of the same window between stages. "
                + described.joined(separator: "; ") + ".",
            cssClass: "funnel-chart \(grid.cssClass)")
    }
}

/// The stage columns the funnel and the plan beneath it share, so a stage sits at the same x in
/// both. Two layouts: `wide` (960 units, shown at 1:1 from 900 px) and `narrow` (360 units, for
/// phones, where text stays at least 11 CSS px at 390 px wide).
struct StageColumns {
    enum Layout { case wide, narrow }

    var layout: Layout
    var count: Int

    var width: Double { layout == .wide ? 960 : 360 }
    var pitch: Double { width / Double(max(count, 1)) }
    var barWidth: Double { layout == .wide ? min(64, pitch * 0.4) : pitch * 0.36 }
    /// Font size of stage names (CSS `text.stage`), for wrapping.
    var labelSize: Double { layout == .wide ? 13 : 12 }
    var handOverWidth: Double { layout == .wide ? 260 : 240 }
    var cssClass: String { layout == .wide ? "chart-wide" : "chart-narrow" }

    func center(_ index: Int) -> Double { pitch * (Double(index) + 0.5) }
    func boundary(before index: Int) -> Double { pitch * Double(index) }

    /// Text shortened with `…` to fit `width` at the label size.
    func fitted(_ text: String, width: Double) -> String {
        let room = Int(width / (labelSize * 0.6))
        return text.count <= room ? text : String(text.prefix(max(room - 1, 1))) + "…"
    }

    func wrappedHandOver(_ lines: [String]) -> [String] {
        lines.flatMap { SVG.wrap($0, width: handOverWidth - 12, fontSize: 12, charWidth: 0.56) }
    }

    /// Consecutive columns with the same owner, and the colour index of that owner (order of first appearance, at most 3).
    func ownerRuns(_ owners: [String]) -> [(owner: String, first: Int, last: Int, colour: Int)] {
        let colours = colours(owners)
        var runs: [(owner: String, first: Int, last: Int, colour: Int)] = []
        for (index, owner) in owners.enumerated() {
            if let last = runs.last, last.owner == owner, last.last == index - 1 {
                runs[runs.count - 1].last = index
            } else {
                runs.append((owner, index, index, colours[index]))
            }
        }
        return runs
    }

    func colours(_ owners: [String]) -> [Int] {
        var seen: [String] = []
        return owners.map { owner in
            if let index = seen.firstIndex(of: owner) { return min(index, 2) }
            seen.append(owner)
            return min(seen.count - 1, 2)
        }
    }
}
