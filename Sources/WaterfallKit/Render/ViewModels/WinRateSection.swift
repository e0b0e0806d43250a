/// Win rate of marketing-sourced deals against the rest and all deals, quarter to date and 13 weeks.
struct WinRateSection: TemplateSection {
    var marketing: Row
    var rest: Row
    var all: Row

    struct Row: TemplateSection {
        var qtd: Cell
        var t13: Cell

        var fields: Fields { ["qtd": qtd.fields, "t13": t13.fields] }
    }

    /// The rate by count (or why there is none), won and lost counts, and the rate by amount.
    struct Cell: TemplateSection {
        var rate: Shown
        var won: String
        var lost: String
        var amountRate: String

        init(_ window: WinRateWindow) {
            rate = Shown(Format.percent(window.rate), else: "no deals closed")
            won = Format.count(window.won)
            lost = Format.count(window.lost)
            amountRate = Format.percent(window.amountRate) ?? "—"
        }

        var fields: Fields {
            var fields = rate.fields
            fields["won"] = won
            fields["lost"] = lost
            fields["amountRate"] = amountRate
            return fields
        }
    }

    var fields: Fields { ["marketing": marketing.fields, "rest": rest.fields, "all": all.fields] }
}

extension WinRateSection {
    init(_ scope: ScopeMetrics, in model: ScopeViewModel) {
        let split = scope.winRate.split(marketingSources: model.config.marketingSources)
        func row(_ windows: WinRateWindows) -> Row { Row(qtd: Cell(windows.qtd), t13: Cell(windows.t13)) }
        marketing = row(split.marketing)
        rest = row(split.rest)
        all = row(WinRateWindows(qtd: scope.winRate.qtd, t13: scope.winRate.t13))
    }
}
