/// An amount of money in integer cents of the site currency.
///
/// Sums and differences are exact; amounts are never held as floating point.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic {
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }

    public static let zero = Money(cents: 0)

    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    /// The amount as a decimal number with at most two decimals: `1234`, `1234.5`, `-0.07`.
    public var decimalString: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let units = magnitude / 100, fraction = magnitude % 100
        if fraction == 0 { return sign + String(units) }
        if fraction % 10 == 0 { return sign + String(units) + "." + String(fraction / 10) }
        return sign + String(units) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// Currency units as a floating-point value, for rates and display only.
    public var units: Double { Double(cents) / 100 }
}
