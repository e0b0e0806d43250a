/// `weeks/index.html`: every snapshot, newest first, with its headline figures.
struct WeeksPage: TemplateSection {
    var weeks: [Week]

    struct Week: TemplateSection {
        var date: String
        var href: String
        var quarter: String
        var pipeline: String
        var bookings: String
        var rows: String

        var fields: Fields { ["date": date, "href": href, "quarter": quarter, "pipeline": pipeline, "bookings": bookings, "rows": rows] }
    }

    var fields: Fields { ["weeks": weeks.fields] }
}

extension SiteRenderer {
    func weeksPage() -> String {
        guard let latest = metrics.indices.last else { return "" }
        let location = SiteMap.weeksIndex
        var chrome = chrome(week: latest, location: location, scope: nil, title: "All weeks")
        chrome.previousWeek = nil
        let page = WeeksPage(weeks: metrics.reversed().map { snapshot in
            let company = snapshot.scopes.first { $0.scope == .company }
            return .init(date: Format.date(snapshot.snapshot), href: location.href(to: SiteMap.base(of: snapshot.snapshot, atRoot: false)),
                         quarter: snapshot.windows.quarter.label,
                         pipeline: company.map { format.money($0.pipeline.total.amount) } ?? "—",
                         bookings: company.map { format.money($0.bookings.qtd.amount) } ?? "—",
                         rows: Format.count(snapshot.dataQuality.rows))
        })
        var fields = chrome.fields
        fields["page"] = page.fields
        return theme.render("weeks", fields)
    }
}
