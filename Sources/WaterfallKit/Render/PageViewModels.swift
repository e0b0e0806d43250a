/// View models of the pages that are not scope pages: a dimension's index, the definitions, the
/// data quality and the list of weeks.
extension SiteRenderer {
    func dimensionIndex(_ dimension: Int, week: Int, base: PageLocation, from location: PageLocation) -> Fields {
        let name = config.dimensions[dimension]
        let rows: [Fields] = metrics[week].scopes.filter { $0.scope.dimension == name }.compactMap { scope in
            guard let target = map.scopePage(scope.scope, week: week, base: base, config: config) else { return nil }
            return [
                "value": scope.scope.value ?? "",
                "href": location.href(to: target),
                "records": Format.count(scope.records),
                "pipeline": metrics[week].dataQuality.availability.amounts ? format.money(scope.pipeline.total.amount) : "not available",
                "pipelineDeals": Format.deals(scope.pipeline.total.count),
                "bookings": format.money(scope.bookings.qtd.amount),
                "winRate": Format.percent(scope.winRate.t13.rate) ?? "—",
                "share": metrics[week].dataQuality.availability.sources ? Format.percent(scope.marketingShare.qtd.amountShare) ?? "—" : "not available",
                "sla": Format.percent(scope.sla.first?.qtd.compliance) ?? "—",
            ]
        }
        let bars = metrics[week].scopes.filter { $0.scope.dimension == name }.map {
            SourceBarsChart.Bar(source: $0.scope.value ?? "", amount: $0.pipeline.total.amount, count: $0.pipeline.total.count, isMarketing: false)
        }
        return [
            "name": name, "rows": rows, "count": Format.count(rows.count),
            "chartHTML": SourceBarsChart.render(bars, format: format, title: "Open pipeline by \(name)", id: "dimension-pipeline"),
            "slaName": config.slas.first?.name ?? "",
            "hasSLA": !config.slas.isEmpty,
        ]
    }

    func definitions(_ snapshot: SnapshotMetrics) -> Fields {
        let stages: [Fields] = config.stages.enumerated().map { index, stage in
            var fields: Fields = [
                "name": stage.name, "key": stage.key, "owner": stage.owner.isEmpty ? "—" : stage.owner,
                "definition": stage.definition.isEmpty ? "No definition in site.yml yet." : stage.definition,
                "column": config.header(for: stage.dateField),
            ]
            if index == config.pipelineStageIndex { fields["isPipeline"] = true }
            if index == config.wonStageIndex { fields["isWon"] = true }
            return fields
        }
        let windows = snapshot.windows
        return [
            "stages": stages,
            "slas": config.slas.map { rule -> Fields in
                let stage = config.stageIndex(of: rule.from).map { config.stages[$0].name } ?? rule.from
                return ["name": rule.name, "stage": stage, "days": Format.days(Double(rule.days)) ?? ""]
            },
            "hasSLAs": !config.slas.isEmpty,
            "windows": [
                ["label": "Week", "range": Format.range(windows.week),
                 "rule": snapshot.previousSnapshot == nil
                    ? "The seven days ending on the snapshot date (this is the first snapshot)."
                    : "From the day after the previous snapshot to the snapshot date."] as Fields,
                ["label": "Quarter to date", "range": Format.range(windows.qtd),
                 "rule": "From the first day of fiscal quarter \(windows.quarter.label) to the snapshot date."],
                ["label": "13 weeks", "range": Format.range(windows.t13),
                 "rule": "The 91 days ending on the snapshot date."],
            ],
            "pipelineStage": config.stages[config.pipelineStageIndex].name,
            "wonStage": config.stages[config.wonStageIndex].name,
            "marketingSources": config.marketingSources.joined(separator: ", "),
            "band": "\(Format.count(Int(marketingShareBand.lowerBound * 100)))–\(Format.count(Int(marketingShareBand.upperBound * 100)))%",
            "dimensions": config.dimensions.joined(separator: ", "),
            "currency": config.currency,
            "fiscalStart": Format.monthNames[max(0, min(11, config.fiscalYearStartMonth - 1))],
        ]
    }

    /// How many ignored rows the data-quality page lists (SPEC §8 shows at most 100 per code).
    var ignoredRowLimit: Int { 100 }

    func dataQuality(week: Int, quality: DataQuality, from location: PageLocation) -> Fields {
        let snapshots: [Fields] = metrics[...week].reversed().map { snapshot in
            let quality = snapshot.dataQuality
            return [
                "date": Format.date(snapshot.snapshot), "file": quality.file,
                "rows": Format.count(quality.rows), "accepted": Format.count(quality.accepted),
                "excluded": Format.count(quality.excluded),
                "errors": Format.count(quality.diagnostics.lazy.filter(\.code.isError).count),
                "warnings": Format.count(quality.diagnostics.lazy.filter { !$0.code.isError }.count),
                "href": location.href(to: SiteMap.base(of: snapshot.snapshot, atRoot: false).appending("data-quality")),
                "current": snapshot.snapshot == metrics[week].snapshot,
            ] as Fields
        }
        let counts = Dictionary(uniqueKeysWithValues: quality.diagnostics.countsByCode().map { ($0.code, $0.count) })
        // The row checks always (a zero is news too), every other code when it occurred.
        let codes: [Fields] = DiagnosticCode.allCases.filter { $0.isListedWhenZero || counts[$0] != nil }.map { code in
            ["code": code.rawValue, "summary": code.summary, "count": Format.count(counts[code] ?? 0),
             "kind": code.isError ? "error" : "warning"]
        }
        var byCode: [DiagnosticCode: [Diagnostic]] = [:]
        for diagnostic in DataQualityReport.examples(quality.diagnostics) { byCode[diagnostic.code, default: []].append(diagnostic) }
        let groups: [Fields] = DiagnosticCode.allCases.compactMap { code in
            guard let shown = byCode[code] else { return nil }
            let total = counts[code] ?? shown.count
            return [
                "code": code.rawValue, "summary": code.summary, "kind": code.isError ? "error" : "warning",
                "count": Format.count(total), "shown": Format.count(shown.count), "isTruncated": total > shown.count,
                "diagnostics": shown.map { diagnostic -> Fields in
                    ["file": diagnostic.file, "line": diagnostic.location.line.map(Format.count) ?? "",
                     "record": diagnostic.recordID ?? diagnostic.location.setting ?? "",
                     "message": diagnostic.message + (diagnostic.fix.map { ". " + $0 } ?? ""),
                     "kind": code.isError ? "error" : "warning"]
                },
            ]
        }
        var fields: Fields = [
            "snapshots": snapshots, "codes": codes,
            "file": quality.file, "rows": Format.count(quality.rows), "accepted": Format.count(quality.accepted),
            "excluded": Format.count(quality.excluded),
            "csvHref": "diagnostics.csv", "limit": Format.count(DataQualityReport.examplesPerCode),
        ]
        if !groups.isEmpty { fields["groups"] = groups }
        if !quality.ignored.isEmpty { fields["ignored"] = ignoredFields(quality) }
        return fields
    }

    /// Rows left out by `status.ignore`: counts per status and the first rows with their ids.
    func ignoredFields(_ quality: DataQuality) -> Fields {
        let shown = quality.ignored.prefix(ignoredRowLimit)
        return [
            "count": Format.count(quality.ignored.count),
            "byStatus": quality.ignoredByStatus.map { ["status": $0.status, "count": Format.count($0.count)] as Fields },
            "rows": shown.map { ["line": Format.count($0.line), "id": $0.id, "status": $0.status] as Fields },
            "more": quality.ignored.count > shown.count ? Format.count(quality.ignored.count - shown.count) : "",
        ]
    }

    /// `weeks/index.html`: every snapshot, newest first, with its headline figures.
    func weeksPage() -> String {
        guard let latest = metrics.indices.last else { return "" }
        let location = SiteMap.weeksIndex
        var fields = chrome(week: latest, location: location, scope: nil, title: "All weeks")
        fields.removeValue(forKey: "previousWeek")
        fields["weeks"] = metrics.reversed().map { snapshot -> Fields in
            let company = snapshot.scopes.first { $0.scope == .company }
            return [
                "date": Format.date(snapshot.snapshot),
                "href": location.href(to: SiteMap.base(of: snapshot.snapshot, atRoot: false)),
                "quarter": snapshot.windows.quarter.label,
                "pipeline": company.map { format.money($0.pipeline.total.amount) } ?? "—",
                "bookings": company.map { format.money($0.bookings.qtd.amount) } ?? "—",
                "rows": Format.count(snapshot.dataQuality.rows),
            ]
        }
        return theme.render("weeks", fields)
    }
}
