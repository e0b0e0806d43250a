/// Numbers for humans, written without locale-dependent formatters so every build gives the same bytes.
struct Format: Sendable {
    /// ISO 4217 code of the site currency: `USD` is written `$1,234`, others `EUR 1,234`.
    var currency: String

    init(currency: String) {
        self.currency = currency
    }

    /// Whole currency units with thousands separators, rounded half away from zero: `$1,234,567`.
    func money(_ value: Money) -> String {
        let units = Format.roundedUnits(value)
        let sign = units < 0 ? "−" : ""
        return sign + currencyPrefix + Format.grouped(units.magnitude)
    }

    /// A signed change in money: `+$1,234` / `−$1,234`.
    func moneyChange(_ value: Money) -> String {
        Format.roundedUnits(value) == 0 ? money(.zero) : value.cents < 0 ? money(value) : "+" + money(value)
    }

    /// A short amount for chart labels: `$950`, `$12.3K`, `$4.5M`, `$1.2B`.
    func compactMoney(_ value: Money) -> String {
        let units = Format.roundedUnits(value)
        let sign = units < 0 ? "−" : ""
        let magnitude = units.magnitude
        let scaled: String
        switch magnitude {
        case ..<1_000: scaled = String(magnitude)
        case ..<1_000_000: scaled = Format.oneDecimal(tenths: Format.roundedTenths(magnitude, per: 1_000)) + "K"
        case ..<1_000_000_000: scaled = Format.oneDecimal(tenths: Format.roundedTenths(magnitude, per: 1_000_000)) + "M"
        default: scaled = Format.oneDecimal(tenths: Format.roundedTenths(magnitude, per: 1_000_000_000)) + "B"
        }
        return sign + currencyPrefix + scaled
    }

    var currencyPrefix: String { currency == "USD" ? "$" : currency + " " }
}

// MARK: - Counts, rates and days

extension Format {
    /// `1,234`.
    static func count<Number: BinaryInteger>(_ value: Number) -> String {
        (value < 0 ? "−" : "") + grouped(UInt64(value.magnitude))
    }

    /// `1 deal`, `12 deals`, or with an adjective `1 open deal`.
    static func deals(_ number: Int, _ adjective: String? = nil) -> String {
        count(number) + (adjective.map { " " + $0 } ?? "") + (number == 1 ? " deal" : " deals")
    }

    /// A fraction 0..1 as a percentage with one decimal: `42.0%`; nil stays nil.
    static func percent(_ fraction: Double?) -> String? {
        guard let fraction, fraction.isFinite else { return nil }
        return signedTenths(fraction * 1000) + "%"
    }

    /// A band of shares with one percent sign: `20–30%`, `22.5–30%`.
    static func band(_ band: MarketingBand) -> String {
        func percent(_ fraction: Double) -> String {
            let tenths = Int((fraction * 1000).rounded())
            return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
        }
        return percent(band.low) + "–" + percent(band.high) + "%"
    }

    /// A change in a rate, in percentage points: `+1.5 pts`.
    static func points(_ change: Double) -> String {
        let text = signedTenths(change * 1000)
        return (change * 1000).rounded(.toNearestOrAwayFromZero) > 0 ? "+" + text + " pts" : text + " pts"
    }

    /// A ratio such as coverage: `2.5×`.
    static func multiple(_ ratio: Double?) -> String? {
        guard let ratio, ratio.isFinite else { return nil }
        return signedTenths(ratio * 10) + "×"
    }

    /// Days with one decimal, dropping `.0`: `2 days`, `2.5 days`, `1 day`.
    static func days(_ value: Double?) -> String? {
        guard let value, value.isFinite else { return nil }
        let text = decimal(value)
        return text + (text == "1" ? " day" : " days")
    }

    /// A number with at most one decimal, `.0` dropped: `12`, `12.5`.
    static func decimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded(.toNearestOrAwayFromZero)
        if tenths.truncatingRemainder(dividingBy: 10) == 0 { return count(Int64(tenths / 10)) }
        return signedTenths(value * 10)
    }

    /// Thousands separators on a whole number: `1234567` → `1,234,567`.
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value).utf8)
        var result: [UInt8] = []
        result.reserveCapacity(digits.count + digits.count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(UInt8(ascii: ",")) }
            result.append(digit)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `tenths` (already multiplied by 10) rounded half away from zero and written with one decimal.
    static func signedTenths(_ tenths: Double) -> String {
        let rounded = Int64(tenths.rounded(.toNearestOrAwayFromZero))
        return (rounded < 0 ? "−" : "") + oneDecimal(tenths: rounded.magnitude)
    }

    static func oneDecimal(tenths: UInt64) -> String {
        grouped(tenths / 10) + "." + String(tenths % 10)
    }

    static func roundedUnits(_ value: Money) -> Int64 { roundedDivision(value.cents, by: 100) }

    static func roundedTenths(_ magnitude: UInt64, per unit: UInt64) -> UInt64 {
        (magnitude * 10 + unit / 2) / unit
    }
}

// MARK: - Dates

extension Format {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `20 Nov 2026`.
    static func date(_ day: Day) -> String {
        let (year, month, dayOfMonth) = day.civil
        return "\(dayOfMonth) \(monthNames[month - 1]) \(year)"
    }

    /// `14 – 20 Nov 2026`, `28 Oct – 3 Nov 2026`, `28 Dec 2025 – 3 Jan 2026`.
    static func range(_ window: DateWindow) -> String {
        let (startYear, startMonth, startDay) = window.start.civil
        let (endYear, endMonth, _) = window.end.civil
        let end = date(window.end)
        if startYear != endYear { return date(window.start) + " – " + end }
        if startMonth != endMonth { return "\(startDay) \(monthNames[startMonth - 1]) – " + end }
        return "\(startDay) – " + end
    }
}
