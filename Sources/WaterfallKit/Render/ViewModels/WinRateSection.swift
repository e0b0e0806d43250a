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
        let marketingSources = Set(model.config.marketingSources)
        var ours = WinRateWindows(), others = WinRateWindows()
        for source in scope.winRate.bySource {
            if marketingSources.contains(source.source) {
                ours.qtd.add(source.value.qtd)
                ours.t13.add(source.value.t13)
            } else {
                others.qtd.add(source.value.qtd)
                others.t13.add(source.value.t13)
            }
        }
        func row(_ windows: WinRateWindows) -> Row { Row(qtd: Cell(windows.qtd), t13: Cell(windows.t13)) }
        marketing = row(ours)
        rest = row(others)
        all = row(WinRateWindows(qtd: scope.winRate.qtd, t13: scope.winRate.t13))
    }
}

private extension WinRateWindow {
    mutating func add(_ other: WinRateWindow) {
        won += other.won
        lost += other.lost
        wonAmount += other.wonAmount
        lostAmount += other.lostAmount
    }
}
