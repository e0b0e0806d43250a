/// Win rate of marketing-sourced deals against the rest, in both windows.
struct WinRateSplit: Codable, Equatable, Sendable {
    var marketing: WinRateWindows
    var rest: WinRateWindows
}

extension WinRateSummary {
    /// Marketing-sourced against the rest (SPEC §8), from the computed figures alone, so it can also
    /// be derived from `metrics.json` read back from a warehouse: marketing = the `by_source` entries
    /// listed in `marketing_sources`, summed; rest = all deals − marketing, by counts and amounts.
    func split(marketingSources: [String]) -> WinRateSplit {
        let listed = Set(marketingSources)
        var marketing = WinRateWindows()
        for source in bySource where listed.contains(source.source) {
            marketing.qtd = marketing.qtd + source.value.qtd
            marketing.t13 = marketing.t13 + source.value.t13
        }
        return WinRateSplit(marketing: marketing,
                            rest: WinRateWindows(qtd: qtd - marketing.qtd, t13: t13 - marketing.t13))
    }
}

extension WinRateWindow {
    static func + (a: WinRateWindow, b: WinRateWindow) -> WinRateWindow {
        WinRateWindow(won: a.won + b.won, lost: a.lost + b.lost,
                      wonAmount: a.wonAmount + b.wonAmount, lostAmount: a.lostAmount + b.lostAmount)
    }

    static func - (a: WinRateWindow, b: WinRateWindow) -> WinRateWindow {
        WinRateWindow(won: a.won - b.won, lost: a.lost - b.lost,
                      wonAmount: a.wonAmount - b.wonAmount, lostAmount: a.lostAmount - b.lostAmount)
    }
}
