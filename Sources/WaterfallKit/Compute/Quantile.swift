/// Quantile by linear interpolation between closest ranks (SPEC §5; DuckDB `quantile_cont`,
/// numpy's default): for sorted x₀…xₙ₋₁, h = (n−1)·q, result x⌊h⌋ + (h−⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋).
/// Nil when there are no values.
func quantile(_ values: [Int], _ q: Double) -> Double? {
    quantile(sorted: values.sorted(), q)
}

/// `quantile(_:_:)` of values already in ascending order.
func quantile(sorted: [Int], _ q: Double) -> Double? {
    guard !sorted.isEmpty else { return nil }
    let h = Double(sorted.count - 1) * q
    let lower = Int(h.rounded(.down))
    let fraction = h - Double(lower)
    let base = Double(sorted[lower])
    guard lower + 1 < sorted.count else { return base }
    return base + fraction * (Double(sorted[lower + 1]) - base)
}

/// A ratio of two counts or amounts, nil when the denominator is zero.
@inline(__always)
func rate(_ numerator: Int, _ denominator: Int) -> Double? {
    denominator == 0 ? nil : Double(numerator) / Double(denominator)
}

@inline(__always)
func rate(_ numerator: Money, _ denominator: Money) -> Double? {
    denominator.cents == 0 ? nil : Double(numerator.cents) / Double(denominator.cents)
}

/// ⌈a × b / c⌉ for non-negative integers, exact (no floating point); nil when c is zero.
func ceilingOfProduct(_ a: Int64, times b: Int64, dividedBy c: Int64) -> Int64? {
    guard c > 0 else { return nil }
    let product = Int128(a) * Int128(b)
    let (quotient, remainder) = product.quotientAndRemainder(dividingBy: Int128(c))
    let result = remainder > 0 ? quotient + 1 : quotient
    return result > Int128(Int64.max) ? nil : Int64(result)
}
