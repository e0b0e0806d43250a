/// Every snapshot so far as sparklines (pipeline, bookings, marketing share, each SLA, entries
/// per stage) and as a table, newest first. Each figure is formatted once for both.
struct TrendSection: TemplateSection {
    var lines: [Line]
    var table: [Week]
    var slaNames: [String]
    var stageNames: [String]
    var weeks: String

    /// One sparkline; `kind` words its label in the template, `name` is the SLA or stage name.
    struct Line: TemplateSection {
        enum Kind: String { case pipeline, bookings, share, sla, stage }
        var kind: Kind
        var name: String
        var latest: String
        var chartHTML: SafeHTML

        var fields: Fields {
            [
                "pipeline": kind == .pipeline, "bookings": kind == .bookings, "share": kind == .share,
                "sla": kind == .sla, "stage": kind == .stage, "name": name, "latest": latest, "chartHTML": chartHTML,
            ]
        }
    }

    struct Week: TemplateSection {
        var snapshot: String
        var pipeline: String
        var bookings: String
        var share: String
        var sla: [String]
        var volume: [String]

        var fields: Fields {
            [
                "snapshot": snapshot, "pipeline": pipeline, "bookings": bookings, "share": share,
                "sla": sla.map { ["value": $0] as Fields }, "volume": volume.map { ["value": $0] as Fields },
            ]
        }
    }

    var fields: Fields {
        [
            "lines": lines.fields, "table": table.fields, "weeks": weeks,
            "slaNames": slaNames.map { ["name": $0] as Fields }, "stageNames": stageNames.map { ["name": $0] as Fields },
        ]
    }
}

extension TrendSection {
    init(_ scope: ScopeMetrics, in model: ScopeViewModel) {
        let config = model.config, format = model.format
        let points = scope.trend
        let pipeline = points.map { $0.availability.amounts ? format.money($0.pipelineAmount) : "not available" }
        let bookings = points.map { format.money($0.bookingsQTD) }
        let share = points.map { $0.availability.sources ? Format.percent($0.marketingAmountShareQTD) ?? "—" : "not available" }
        let compliance = config.slas.indices.map { index in points.map { Format.percent($0.slaCompliance[index]) ?? "—" } }
        let volume = config.stages.indices.map { index in points.map { Format.count($0.volume[index]) } }
        var lines: [Line] = []
        // The sparkline's own title is chart text (the SVG's accessible name), so it is written here.
        func line(_ kind: Line.Kind, _ name: String, title: String, id: String, _ values: [Double?], _ texts: [String]) {
            let sparkPoints = zip(points, zip(values, texts)).map { Sparkline.Point(label: $0.snapshot.iso, value: $1.0, valueText: $1.1) }
            lines.append(Line(kind: kind, name: name, latest: texts.last ?? "—",
                              chartHTML: Sparkline.render(sparkPoints, title: title, id: "trend-" + id)))
        }
        line(.pipeline, "", title: "Open pipeline by week", id: "pipeline",
             points.map { $0.availability.amounts ? Double($0.pipelineAmount.cents) : nil }, pipeline)
        line(.bookings, "", title: "Bookings, quarter to date by week", id: "bookings", points.map { Double($0.bookingsQTD.cents) }, bookings)
        line(.share, "", title: "Marketing-sourced share by week", id: "share",
             points.map { $0.availability.sources ? $0.marketingAmountShareQTD : nil }, share)
        for (index, rule) in config.slas.enumerated() {
            line(.sla, rule.name, title: "\(rule.name) SLA by week", id: "sla-\(index)", points.map { $0.slaCompliance[index] }, compliance[index])
        }
        for (index, stage) in config.stages.enumerated() {
            line(.stage, stage.name, title: "Entered \(stage.name), by week", id: "stage-\(index)", points.map { Double($0.volume[index]) }, volume[index])
        }
        self.lines = lines
        table = points.indices.reversed().map { week in
            Week(snapshot: Format.date(points[week].snapshot), pipeline: pipeline[week], bookings: bookings[week], share: share[week],
                 sla: compliance.map { $0[week] }, volume: volume.map { $0[week] })
        }
        slaNames = config.slas.map(\.name)
        stageNames = config.stages.map(\.name)
        weeks = Format.count(points.count)
    }
}
