/// Marketing-sourced share of the opportunities created, against the band marketing typically
/// sources; without a source column (W6) the template says it is not available.
struct ShareSection: TemplateSection {
    enum Verdict: String { case below, within, above, unmeasurable }
    var chartHTML: SafeHTML
    var qtd: Row
    var t13: Row
    var band: String
    var verdict: Verdict
    var sources: String
    var sourcesAvailable: Bool

    struct Row: TemplateSection {
        var opportunities: String
        var marketing: String
        var countShare: Shown
        var amountShare: Shown

        init(_ window: MarketingShareWindow) {
            opportunities = Format.count(window.opportunities.count)
            marketing = Format.count(window.marketing.count)
            countShare = Shown(Format.percent(window.countShare), else: "no opportunities created")
            amountShare = Shown(Format.percent(window.amountShare), else: "no opportunity amount created")
        }

        var fields: Fields {
            ["opportunities": opportunities, "marketing": marketing, "countShare": countShare.fields, "amountShare": amountShare.fields]
        }
    }

    var fields: Fields {
        [
            "chartHTML": chartHTML, "qtd": qtd.fields, "t13": t13.fields, "band": band, "sources": sources,
            "below": verdict == .below, "within": verdict == .within, "above": verdict == .above,
            "unmeasurable": verdict == .unmeasurable, "unavailable": !sourcesAvailable,
        ]
    }
}

extension ShareSection {
    init(_ scope: ScopeMetrics, in model: ScopeViewModel) {
        let share = scope.marketingShare
        let band = model.config.marketingBand
        chartHTML = ShareBandChart.render(countShare: share.qtd.countShare, amountShare: share.qtd.amountShare,
                                          band: band.low...band.high, window: "quarter to date", id: "share")
        qtd = Row(share.qtd)
        t13 = Row(share.t13)
        self.band = model.bandText
        verdict = share.qtd.verdict(band: band).flatMap { Verdict(rawValue: $0.rawValue) } ?? .unmeasurable
        sources = model.config.marketingSources.joined(separator: ", ")
        sourcesAvailable = model.sourcesAvailable
    }
}
