/// The data-quality page of one week: rows per snapshot, counts per check, the first rows of
/// each check with file, line and record, and the rows left out by `status.ignore`.
struct DataQualityPage: TemplateSection {
    var snapshots: [Snapshot]
    var codes: [Code]
    var groups: [Group]
    var ignored: Ignored?
    var file: String
    var rows: String
    var accepted: String
    var excluded: String
    var csvHref: String
    var limit: String
    /// Built from warehouse results (`build --metrics`): counts only, no rows to list.
    var fromResults: Bool

    struct Snapshot: TemplateSection {
        var date: String
        var file: String
        var rows: String
        var accepted: String
        var excluded: String
        var errors: String
        var warnings: String
        var href: String
        var current: Bool

        var fields: Fields {
            ["date": date, "file": file, "rows": rows, "accepted": accepted, "excluded": excluded, "errors": errors,
             "warnings": warnings, "href": href, "current": current]
        }
    }

    struct Code: TemplateSection {
        var code: String
        var summary: String
        var count: String
        var kind: String

        var fields: Fields { ["code": code, "summary": summary, "count": count, "kind": kind] }
    }

    struct Group: TemplateSection {
        var code: Code
        var shown: String
        var isTruncated: Bool
        var diagnostics: [Row]

        var fields: Fields {
            var fields = code.fields
            fields["shown"] = shown
            fields["isTruncated"] = isTruncated
            fields["diagnostics"] = diagnostics.fields
            return fields
        }
    }

    struct Row: TemplateSection {
        var file: String
        var line: String
        var record: String
        var message: String
        var kind: String

        var fields: Fields { ["file": file, "line": line, "record": record, "message": message, "kind": kind] }
    }

    /// Rows left out by `status.ignore`: counts per status and the first rows with their ids.
    struct Ignored: TemplateSection {
        var count: String
        var byStatus: [(status: String, count: String)]
        var rows: [(line: String, id: String, status: String)]
        var more: String

        var fields: Fields {
            [
                "count": count, "more": more,
                "byStatus": byStatus.map { ["status": $0.status, "count": $0.count] as Fields },
                "rows": rows.map { ["line": $0.line, "id": $0.id, "status": $0.status] as Fields },
            ]
        }
    }

    var fields: Fields {
        var fields: Fields = [
            "snapshots": snapshots.fields, "codes": codes.fields, "file": file, "rows": rows, "accepted": accepted,
            "excluded": excluded, "csvHref": csvHref, "limit": limit, "fromResults": fromResults,
        ]
        fields["groups"] = groups.isEmpty ? false : groups.fields
        fields["ignored"] = ignored?.fields ?? false
        return fields
    }
}

extension SiteRenderer {
    /// How many ignored rows the data-quality page lists (SPEC §8 shows at most 100 per code).
    var ignoredRowLimit: Int { 100 }

    func dataQuality(week: Int, quality: DataQuality, from location: PageLocation) -> DataQualityPage {
        let snapshots: [DataQualityPage.Snapshot] = metrics[...week].reversed().map { snapshot in
            let quality = snapshot.dataQuality
            return .init(
                date: Format.date(snapshot.snapshot), file: quality.file,
                rows: Format.count(quality.rows), accepted: Format.count(quality.accepted), excluded: Format.count(quality.excluded),
                errors: Format.count(quality.errorCount), warnings: Format.count(quality.warningCount),
                href: location.href(to: SiteMap.base(of: snapshot.snapshot, atRoot: false).appending("data-quality")),
                current: snapshot.snapshot == metrics[week].snapshot)
        }
        let counts = Dictionary(uniqueKeysWithValues: quality.diagnostics.countsByCode().map { ($0.code, $0.count) })
            .merging(quality.rowCounts ?? [:]) { $0 + $1 }
        func code(_ code: DiagnosticCode) -> DataQualityPage.Code {
            .init(code: code.rawValue, summary: code.summary, count: Format.count(counts[code] ?? 0), kind: code.isError ? "error" : "warning")
        }
        var byCode: [DiagnosticCode: [Diagnostic]] = [:]
        for diagnostic in DataQualityReport.examples(quality.diagnostics) { byCode[diagnostic.code, default: []].append(diagnostic) }
        let groups: [DataQualityPage.Group] = DiagnosticCode.allCases.compactMap { diagnosticCode in
            guard let shown = byCode[diagnosticCode] else { return nil }
            let total = counts[diagnosticCode] ?? shown.count
            let kind = diagnosticCode.isError ? "error" : "warning"
            var group = code(diagnosticCode)
            group.count = Format.count(total)
            return .init(code: group, shown: Format.count(shown.count), isTruncated: total > shown.count,
                         diagnostics: shown.map { diagnostic in
                             .init(file: diagnostic.file, line: diagnostic.location.line.map(Format.count) ?? "",
                                   record: diagnostic.recordID ?? diagnostic.location.setting ?? "",
                                   message: diagnostic.message + (diagnostic.fix.map { ". " + $0 } ?? ""), kind: kind)
                         })
        }
        let shownIgnored = quality.ignored.prefix(ignoredRowLimit)
        return DataQualityPage(
            snapshots: snapshots,
            // The row checks always (a zero is news too), every other code when it occurred.
            codes: DiagnosticCode.allCases.filter { $0.isListedWhenZero || counts[$0] != nil }.map(code),
            groups: groups,
            ignored: quality.ignored.isEmpty ? nil : .init(
                count: Format.count(quality.ignored.count),
                byStatus: quality.ignoredByStatus.map { ($0.status, Format.count($0.count)) },
                rows: shownIgnored.map { (Format.count($0.line), $0.id, $0.status) },
                more: quality.ignored.count > shownIgnored.count ? Format.count(quality.ignored.count - shownIgnored.count) : ""),
            file: quality.file, rows: Format.count(quality.rows), accepted: Format.count(quality.accepted),
            excluded: Format.count(quality.excluded), csvHref: "diagnostics.csv", limit: Format.count(DataQualityReport.examplesPerCode),
            fromResults: !quality.availability.recordLists)
    }
}
