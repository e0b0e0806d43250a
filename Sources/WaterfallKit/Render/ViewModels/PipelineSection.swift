/// Open pipeline: total, closing this quarter, past due, by stage and by source, with charts.
/// Without amounts (W5) every amount reads "not available" and the charts are left out.
struct PipelineSection: TemplateSection {
    var total: CountAmountRow
    var inQuarter: CountAmountRow
    var pastDue: CountAmountRow
    var byStage: [CountAmountRow]
    var bySource: [CountAmountRow]
    var stageChartHTML: SafeHTML
    var sourceChartHTML: SafeHTML
    var amountsAvailable: Bool
    /// Why the past-due and in-quarter deals are not listed (warehouse results); nil otherwise.
    var listsUnavailable: String?

    var fields: Fields {
        [
            "total": total.fields, "inQuarter": inQuarter.fields, "pastDue": pastDue.fields,
            "byStage": byStage.fields, "bySource": bySource.fields,
            "stageChartHTML": stageChartHTML, "sourceChartHTML": sourceChartHTML,
            "unavailable": !amountsAvailable, "listsUnavailable": listsUnavailable ?? false,
        ]
    }
}

extension PipelineSection {
    init(_ scope: ScopeMetrics, in model: ScopeViewModel) {
        let config = model.config, format = model.format
        let pipeline = scope.pipeline
        amountsAvailable = model.amountsAvailable
        listsUnavailable = model.recordListsAvailable ? nil : ScopeViewModel.noRecordLists
        let missing = amountsAvailable ? nil : "not available"
        func row(_ label: String, _ value: CountAmount) -> CountAmountRow {
            CountAmountRow(value, label: label, format: format, amount: missing)
        }
        total = row("", pipeline.total)
        inQuarter = row("", pipeline.inQuarter)
        pastDue = row("", pipeline.pastDue)
        byStage = pipeline.byStage.map { row(config.stages[$0.stage].name, $0.value) }
        bySource = pipeline.bySource.map { row($0.source, $0.value) }
        let marketing = Set(config.marketingSources)
        sourceChartHTML = SourceBarsChart.render(
            pipeline.bySource.map { .init(source: $0.source, amount: $0.value.amount, count: $0.value.count, isMarketing: marketing.contains($0.source)) },
            format: format, title: "Open pipeline by source", id: "pipeline-sources")
        stageChartHTML = SourceBarsChart.render(
            pipeline.byStage.map { .init(source: config.stages[$0.stage].name, amount: $0.value.amount, count: $0.value.count, isMarketing: false) },
            format: format, title: "Open pipeline by stage", id: "pipeline-stages")
    }
}

/// Bookings: deals won this week, quarter to date and in 13 weeks, and quarter to date by source.
struct BookingsSection: TemplateSection {
    var week: CountAmountRow
    var qtd: CountAmountRow
    var t13: CountAmountRow
    var bySource: [CountAmountRow]

    var fields: Fields { ["week": week.fields, "qtd": qtd.fields, "t13": t13.fields, "bySource": bySource.fields] }
}

extension BookingsSection {
    init(_ scope: ScopeMetrics, in model: ScopeViewModel) {
        let bookings = scope.bookings, format = model.format
        week = CountAmountRow(bookings.week, format: format)
        qtd = CountAmountRow(bookings.qtd, format: format)
        t13 = CountAmountRow(bookings.t13, format: format)
        bySource = bookings.bySource.map { CountAmountRow($0.value, label: $0.source, format: format) }
    }
}
