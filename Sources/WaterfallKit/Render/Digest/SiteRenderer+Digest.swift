import Foundation

extension SiteRenderer {
    /// How many values of each dimension the digest lists under "biggest moves".
    static let digestMoversPerDimension = 3

    /// The base URL the digest links from, nil when `site.yml` has none (or it does not parse).
    var digestBase: BaseURL? { config.baseURL.flatMap(BaseURL.init) }

    /// The digest of a week: the company scope's figures, its commentary and links to its pages.
    func digest(week: Int) -> Digest {
        let snapshot = metrics[week]
        let company = snapshot.scopes.first { $0.scope == .company } ?? snapshot.scopes[0]
        let previous = week > 0 ? metrics[week - 1].scopes.first { $0.scope == .company } : nil
        let model = ScopeViewModel(config: config, format: format, snapshot: snapshot, previous: previous, hasPreviousSnapshot: week > 0)
        let weekURL = digestBase.map { $0.string + "weeks/\(snapshot.snapshot.iso)/" }
        return Digest(
            company: config.company, snapshot: snapshot.snapshot, date: Format.date(snapshot.snapshot),
            weekRange: Format.range(snapshot.windows.week), quarter: snapshot.windows.quarter.label,
            headlines: model.kpiTiles(company).filter { $0.kind != .sla && $0.kind != .planAttainment },
            serviceLevels: serviceLevels(company, previous: previous),
            bridge: company.bridge.map(bridgeTerms) ?? [],
            previousDate: snapshot.previousSnapshot.map(Format.date),
            plan: company.plan.map(digestPlan),
            noPlan: "No bookings target for the company in \(snapshot.windows.quarter.label).",
            movers: config.dimensions.map { dimension in
                Digest.MoverGroup(dimension: config.label(ofDimension: dimension), movers: pipelineMovers(in: snapshot, dimension: dimension, limit: Self.digestMoversPerDimension).map { scope in
                    Digest.Mover(value: scope.scope.value ?? "", change: .money(scope.bridge!.end, scope.bridge!.start, format: format),
                                 pipeline: format.money(scope.pipeline.total.amount),
                                 url: weekURL.flatMap { url in scopeURL(scope.scope, week: week, weekURL: url) })
                })
            }.filter { !$0.movers.isEmpty },
            commentary: commentaries.commentary(week: snapshot.snapshot, dimension: nil, valueSlug: nil),
            links: weekURL.map { url in [
                Digest.Link(label: "The full report for this week", url: url),
                Digest.Link(label: "Definitions", url: url + "definitions/"),
                Digest.Link(label: "Data quality", url: url + "data-quality/"),
                Digest.Link(label: "All weeks", url: digestBase!.string + "weeks/"),
            ] } ?? [],
            resolveCommentaryLink: { [digestBase] in Self.resolve($0, base: digestBase, page: weekURL) })
    }

    /// W14: without `base_url` the digests cannot link to the site (an e-mail cannot follow a link
    /// relative to the site). A setting problem, so `check` reports it as `build` does.
    static func digestDiagnostics(config: SiteConfig) -> [Diagnostic] {
        guard config.baseURL == nil else { return [] }
        return [Diagnostic(code: .w14, location: DiagnosticLocation(file: "site.yml", setting: "base_url"),
                           message: "no base_url, so the e-mail digests in email/ have no links",
                           fix: "Add base_url: with the address where the site is published, such as https://reports.example.com/pipeline/")]
    }

    /// `email/2026-11-20.eml`.
    static func digestFile(_ snapshot: Day) -> String { "email/\(snapshot.iso).eml" }
}

private extension SiteRenderer {
    func serviceLevels(_ scope: ScopeMetrics, previous: ScopeMetrics?) -> [Digest.ServiceLevel] {
        scope.sla.enumerated().map { index, result in
            let before = previous.flatMap { index < $0.sla.count ? $0.sla[index].week.compliance : nil }
            return Digest.ServiceLevel(
                name: result.rule.name, agreed: Format.days(Double(result.rule.days)) ?? "",
                thisWeek: Format.percent(result.week.compliance), missing: "no lead was due for a response this week",
                change: Change.rate(result.week.compliance, before),
                quarterToDate: Format.percent(result.qtd.compliance),
                breached: Format.count(result.qtd.breached) + (result.qtd.breached == 1 ? " lead" : " leads"))
        }
    }

    func bridgeTerms(_ bridge: BridgeSummary) -> [Digest.BridgeTerm] {
        let movements: [(String, String, CountAmount)] = [
            ("+", "added", bridge.added), ("+", "increased", bridge.increased), ("−", "decreased", bridge.decreased),
            ("−", "won", bridge.won), ("−", "lost", bridge.lost), ("−", "removed", bridge.removed),
        ]
        return [Digest.BridgeTerm(sign: "", amount: format.money(bridge.start), label: "open last week")]
            + movements.map { Digest.BridgeTerm(sign: $0.0, amount: format.money($0.2.amount), label: $0.1) }
            + [Digest.BridgeTerm(sign: "=", amount: format.money(bridge.end), label: "open now")]
    }

    func digestPlan(_ plan: PlanSummary) -> Digest.Plan {
        Digest.Plan(
            quarter: plan.quarter, attainment: Format.percent(plan.attainment), booked: format.money(plan.booked),
            target: format.money(plan.target), coverage: Format.multiple(plan.coverage),
            pace: plan.reverseFunnel.prefix(2).map { step in
                Digest.Pace(stage: config.stages[step.stage].name, actual: Format.count(step.actual),
                            need: step.need.map { Format.count($0) }, expected: step.expectedByNow.map(Format.decimal),
                            gap: step.paceGap.map { ($0 >= 0 ? "+" : "") + Format.decimal($0) }, isBehind: (step.paceGap ?? 0) < 0)
            })
    }

    func scopeURL(_ scope: Scope, week: Int, weekURL: String) -> String? {
        guard let location = map.scopePage(scope, week: week, base: .root, config: config) else { return nil }
        return weekURL + location.folders.map(\.urlPathEncoded).joined(separator: "/") + "/"
    }

}

extension SiteRenderer {
    /// A commentary link made absolute: `http(s):`/`mailto:` as written, `/path` from the base URL
    /// (as on the site, `SiteLink`), anything else relative to the week's page; nil for other
    /// schemes (`javascript:`, `data:`, `//host`) and, but for external links, without a base URL.
    static func resolve(_ destination: String, base: BaseURL?, page: String?) -> String? {
        let cleaned = destination.unicodeScalars.map { (33...126).contains($0.value) ? String($0) : String($0).urlPathEncoded }.joined()
        let link = SiteLink(cleaned)
        if link.isExternal {
            let lower = cleaned.lowercased()
            return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") ? cleaned : nil
        }
        guard let base, let page else { return nil }
        if link.isFromRoot { return base.string + cleaned.dropFirst() }
        return URL(string: cleaned, relativeTo: URL(string: page))?.absoluteURL.absoluteString
    }
}
