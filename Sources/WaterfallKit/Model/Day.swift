/// A calendar day, held as the number of days since 1970-01-01 (proleptic Gregorian).
///
/// Calendar maths never goes through `Date` and time zones: a snapshot date, a stage
/// date and a window bound are all plain days.
public struct Day: Hashable, Comparable, Sendable {
    public var daysSinceEpoch: Int32

    public init(daysSinceEpoch: Int32) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The day for a civil date, or nil when the date does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        daysSinceEpoch = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }
}

// MARK: - Arithmetic and parts

extension Day {
    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + Int32(days)) }

    /// Whole calendar days from `other` to `self` (negative when `self` is earlier).
    public func days(since other: Day) -> Int { Int(daysSinceEpoch) - Int(other.daysSinceEpoch) }

    public var civil: (year: Int, month: Int, day: Int) { Day.civilFromDays(Int(daysSinceEpoch)) }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = civil
        return String(format4: y) + "-" + String(format2: m) + "-" + String(format2: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }
}

extension Day: CustomStringConvertible {
    public var description: String { iso }
}

// MARK: - Civil conversion (Howard Hinnant's days_from_civil / civil_from_days)

private extension Day {
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension String {
    public init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
    public init(format4 value: Int) {
        let s = String(value)
        self = String(repeating: "0", count: Swift.max(0, 4 - s.count)) + s
    }
}
