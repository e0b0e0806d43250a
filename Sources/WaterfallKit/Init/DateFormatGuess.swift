/// Which `date_format` an export's date values are written in (SPEC §1.1), judged from the values:
/// `MM/dd` against `dd/MM` is settled by a first or second part above 12, else left open.
public struct DateFormatGuess: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable {
        /// Every date value reads in this format.
        case certain(DateFormat)
        /// Slashed dates with no day above 12: either order reads them all.
        case ambiguous
        /// Values in more than one format, or a first part above 12 in some and a second in others.
        case mixed
        /// No value looks like a date.
        case none
    }

    public var verdict: Verdict
    /// A value that shows the verdict, for the summary (e.g. `20/11/2026 14:05`).
    public var example: String?

    /// Whether a value looks like a date in one of the supported families at all.
    static func isDateLike(_ value: String) -> Bool { family(of: value) != nil }

    /// Judges every value of the date columns.
    public init(values: [String]) {
        var families = Set<Family>()
        var dayFirst: String?, monthFirst: String?
        var example: String?
        for value in values where !value.isEmpty {
            guard let family = Self.family(of: value) else { continue }
            families.insert(family)
            example = example ?? value
            if family == .slashes, let (first, second) = Self.slashParts(value) {
                if first > 12, dayFirst == nil { dayFirst = value }
                if second > 12, monthFirst == nil { monthFirst = value }
            }
        }
        self.example = example
        switch (families.count, families.first) {
        case (0, _): verdict = .none
        case (1, .iso?): verdict = .certain(.iso)
        case (1, .dots?): verdict = .certain(.dayMonthYearDots)
        case (1, .slashes?):
            switch (dayFirst, monthFirst) {
            case let (day?, nil): verdict = .certain(.dayMonthYear); self.example = day
            case let (nil, month?): verdict = .certain(.monthDayYear); self.example = month
            case (nil, nil): verdict = .ambiguous
            default: verdict = .mixed; self.example = dayFirst
            }
        default: verdict = .mixed
        }
    }

    enum Family: Hashable { case iso, slashes, dots }

    static func family(of value: String) -> Family? {
        if DateParser(format: .iso).parse(value) != nil { return .iso }
        if DateParser(format: .dayMonthYearDots).parse(value) != nil { return .dots }
        if DateParser(format: .monthDayYear).parse(value) != nil || DateParser(format: .dayMonthYear).parse(value) != nil {
            return .slashes
        }
        return nil
    }

    /// The first two numbers of `a/b/yyyy`.
    static func slashParts(_ value: String) -> (Int, Int)? {
        let parts = value.split(separator: " ").first?.split(separator: "/") ?? []
        guard parts.count == 3, let first = Int(parts[0]), let second = Int(parts[1]) else { return nil }
        return (first, second)
    }
}
