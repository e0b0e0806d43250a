/// What the layout shows around every page: title, as-of date and windows, the navigation,
/// breadcrumbs, the link to the previous week and the permanent link, the stylesheet and
/// favicon, and the page's absolute address for link previews (Open Graph) when `base_url` is set.
struct PageChrome: TemplateSection {
    var title: String
    var company: String
    var stylesheet: String
    var favicon: String
    var asOf: String
    var asOfISO: String
    var quarter: String
    var windows: [Window]
    var nav: [Link]
    var breadcrumbs: [Link]
    var metricsHref: String
    var weeksHref: String
    var definitionsHref: String
    var qualityHref: String
    /// The page's absolute URL (`og:url`), nil without `base_url`.
    var url: String?
    var previousWeek: Link?
    /// Set on an archived copy: the quarter it freezes and the date it stood on.
    var archived: (quarter: String, asOf: String)?
    var permalink: String?
    /// On a week's permanent pages: the root report, which always shows the latest week.
    var latestHref: String?
    /// On the live site's root pages, which always show the latest week.
    var isLatest = false

    struct Window: TemplateSection {
        enum Kind: String { case week, qtd, t13 }
        var kind: Kind
        var range: String

        var fields: Fields { ["week": kind == .week, "qtd": kind == .qtd, "t13": kind == .t13, "range": range] }
    }

    /// A link of the navigation or breadcrumbs; `href` is nil for the current page's own crumb.
    struct Link: TemplateSection {
        var label: String
        var href: String?
        var current = false

        var fields: Fields {
            ["label": label, "current": current, "href": href ?? false]
        }
    }

    var fields: Fields {
        var fields: Fields = [
            "title": title, "company": company, "stylesheet": stylesheet, "favicon": favicon,
            "asOf": asOf, "asOfISO": asOfISO, "quarter": quarter,
            "windows": windows.fields, "nav": nav.fields, "breadcrumbs": breadcrumbs.fields,
            "metricsHref": metricsHref, "weeksHref": weeksHref, "definitionsHref": definitionsHref, "qualityHref": qualityHref,
        ]
        fields["url"] = url ?? false
        fields["previousWeek"] = previousWeek?.fields ?? false
        fields["archived"] = archived.map { ["quarter": $0.quarter, "asOf": $0.asOf] as Fields } ?? false
        fields["permalink"] = permalink ?? false
        fields["latestHref"] = latestHref ?? false
        fields["isLatest"] = isLatest
        fields["value"] = false
        return fields
    }
}
