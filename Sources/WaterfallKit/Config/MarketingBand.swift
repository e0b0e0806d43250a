/// The share of new opportunities that marketing is expected to source (`marketing_band` in
/// `site.yml`, fractions 0...1), against which the marketing-sourced share is judged.
struct MarketingBand: Sendable, Equatable {
    var low: Double
    var high: Double

    init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// 20–30 %: what marketing typically sources in B2B companies (SPEC §6.8).
    static let standard = MarketingBand(low: 0.20, high: 0.30)
}
