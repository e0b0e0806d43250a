/// Where a marketing-sourced share lies against `marketing_band`.
enum BandVerdict: String, Sendable, Equatable {
    case below, within, above
}

extension MarketingShare {
    /// The share against the band (SPEC §6.8, `marketing_band`): below its low end, within it (both
    /// ends included), or above its high end; nil when the share is null (nothing created).
    static func verdict(_ share: Double?, band: MarketingBand) -> BandVerdict? {
        guard let share else { return nil }
        return share < band.low ? .below : share > band.high ? .above : .within
    }
}

extension MarketingShareWindow {
    /// The amount share (what the page judges) against the band.
    func verdict(band: MarketingBand) -> BandVerdict? { MarketingShare.verdict(amountShare, band: band) }
}
