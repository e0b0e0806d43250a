/// A dimension's index for one week: every value with its headline figures, and a chart.
struct DimensionIndexPage: TemplateSection {
    var name: String
    var rows: [Row]
    var chartHTML: SafeHTML
    var slaName: String?

    struct Row: TemplateSection {
        var value: String
        var href: String
        var records: String
        var pipeline: String
        var pipelineDeals: String
        var bookings: String
        var winRate: String
        var share: String
        var sla: String

        var fields: Fields {
            ["value": value, "href": href, "records": records, "pipeline": pipeline, "pipelineDeals": pipelineDeals,
             "bookings": bookings, "winRate": winRate, "share": share, "sla": sla]
        }
    }

    var fields: Fields {
        ["name": name, "rows": rows.fields, "count": Format.count(rows.count), "chartHTML": chartHTML,
         "hasSLA": slaName != nil, "slaName": slaName ?? ""]
    }
}

extension SiteRenderer {
    func dimensionIndex(_ dimension: Int, week: Int, base: PageLocation, from location: PageLocation) -> DimensionIndexPage {
        let key = config.dimensions[dimension], name = config.label(ofDimension: key)
        let snapshot = metrics[week], availability = snapshot.dataQuality.availability
        let scopes = snapshot.scopes.filter { $0.scope.dimension == key }
        let rows: [DimensionIndexPage.Row] = scopes.compactMap { scope in
            guard let target = map.scopePage(scope.scope, week: week, base: base, config: config) else { return nil }
            return .init(
                value: scope.scope.value ?? "", href: location.href(to: target), records: Format.count(scope.records),
                pipeline: availability.amounts ? format.money(scope.pipeline.total.amount) : "not available",
                pipelineDeals: Format.deals(scope.pipeline.total.count), bookings: format.money(scope.bookings.qtd.amount),
                winRate: Format.percent(scope.winRate.t13.rate) ?? "—",
                share: availability.sources ? Format.percent(scope.marketingShare.qtd.amountShare) ?? "—" : "not available",
                sla: Format.percent(scope.sla.first?.qtd.compliance) ?? "—")
        }
        let bars = scopes.map {
            SourceBarsChart.Bar(source: $0.scope.value ?? "", amount: $0.pipeline.total.amount, count: $0.pipeline.total.count, isMarketing: false)
        }
        return DimensionIndexPage(name: name, rows: rows,
                                  chartHTML: SourceBarsChart.render(bars, format: format, title: "Open pipeline by \(name)", id: "dimension-pipeline"),
                                  slaName: config.slas.first?.name)
    }
}
