/// One snapshot's headline figures for a scope, for the trend sparklines (SPEC §6.11).
struct TrendPoint: Codable, Equatable, Sendable {
    var snapshot: Day
    /// Week volume per stage, indexed like the stages.
    var volume: [Int]
    /// Week compliance per SLA rule, in `slas` order.
    var slaCompliance: [Double?]
    var pipelineAmount: Money
    var bookingsQTD: Money
    var marketingAmountShareQTD: Double?
    /// Whether that week's export had amounts and a source column: a sparkline shows a gap, not 0.
    var availability = InputAvailability()
}

/// The trend point of a scope in one snapshot, from that snapshot's own metrics.
func trendPoint(of metrics: ScopeMetrics, snapshot: Day) -> TrendPoint {
    TrendPoint(
        snapshot: snapshot,
        volume: metrics.volume.map(\.week),
        slaCompliance: metrics.sla.map(\.week.compliance),
        pipelineAmount: metrics.pipeline.total.amount,
        bookingsQTD: metrics.bookings.qtd.amount,
        marketingAmountShareQTD: metrics.marketingShare.qtd.amountShare)
}

/// Each scope's trend points so far, added snapshot by snapshot in date order (SPEC §6.11): the
/// engine fills it from records, `LongFormat.assemble` from warehouse results.
struct TrendHistory: Sendable {
    /// Trend points so far, per scope key.
    private(set) var points: [String: [TrendPoint]] = [:]

    init() {}

    /// Adds the scope's point for this snapshot when the scope has records there, and sets the
    /// scope's trend to every point so far.
    mutating func add(_ metrics: inout ScopeMetrics, snapshot: Day, availability: InputAvailability) {
        if metrics.records > 0 {
            var point = trendPoint(of: metrics, snapshot: snapshot)
            point.availability = availability
            points[metrics.scope.key, default: []].append(point)
        }
        metrics.trend = points[metrics.scope.key] ?? []
    }
}
