/// Guesses the `date_format` that date values are written in, for the message when (nearly)
/// every row of a snapshot fails E3 (SPEC §1.4).
enum DateSniffer {
    /// What the values look like.
    enum Guess: Equatable, Sendable {
        /// One format fits every value.
        case format(DateFormat)
        /// Day and month are both 12 or less in every value: `MM/dd/yyyy` and `dd/MM/yyyy` both fit.
        case dayOrMonthFirst
        /// None of the formats Waterfall reads.
        case unsupported
    }

    /// Reads the date part (before a space or `T`) of each value; a first number above 12 means the
    /// day comes first, a second above 12 that the month does.
    static func guess(_ values: [String]) -> Guess {
        var slashes = 0, dots = 0, iso = 0, dayFirst = false, monthFirst = false, other = 0
        for value in values {
            let date = value.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? ""
            if let parts = numbers(date, separator: "/"), parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 {
                slashes += 1
                if Int(parts[0])! > 12 { dayFirst = true }
                if Int(parts[1])! > 12 { monthFirst = true }
            } else if let parts = numbers(date, separator: "."), parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 {
                dots += 1
            } else if let parts = numbers(date, separator: "-"), parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 {
                iso += 1
            } else {
                other += 1
            }
        }
        // Most values must agree; a few stray values do not change the guess.
        let total = max(1, values.count)
        if slashes * 10 >= total * 9 {
            if dayFirst && !monthFirst { return .format(.dayMonthYear) }
            if monthFirst && !dayFirst { return .format(.monthDayYear) }
            return dayFirst ? .unsupported : .dayOrMonthFirst
        }
        if dots * 10 >= total * 9 { return .format(.dayMonthYearDots) }
        if iso * 10 >= total * 9 { return .format(.iso) }
        return .unsupported
    }

    /// The advice for the E7 message: which `date_format` to set.
    static func advice(_ values: [String], current: DateFormat) -> String {
        let example = values.first.map { " (e.g. \"\($0)\")" } ?? ""
        switch guess(values) {
        case let .format(format) where format != current:
            return "the dates look like \(format.rawValue)\(example): set `date_format: \(format.rawValue)` in site.yml"
        case .dayOrMonthFirst:
            return "the dates look like MM/dd/yyyy or dd/MM/yyyy\(example), and no day is above 12 to tell them apart: "
                + "set `date_format: MM/dd/yyyy` (US) or `date_format: dd/MM/yyyy` in site.yml, whichever the CRM writes"
        default:
            return "the dates\(example) are in none of the formats Waterfall reads (yyyy-MM-dd, MM/dd/yyyy, dd/MM/yyyy, "
                + "dd.MM.yyyy, each optionally with a time): export them in one of these"
        }
    }

    /// Three runs of digits separated by `separator`, or nil.
    static func numbers(_ text: String, separator: Character) -> [Substring]? {
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        return parts
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
