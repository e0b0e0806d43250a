/// Parses the date of a field's bytes in the site's `date_format` (SPEC §1.1).
///
/// `yyyy-MM-dd` also takes an ISO 8601 / RFC 3339 time after `T` or a space; the other
/// formats take one- or two-digit day and month and an optional time after a space.
/// The date part is used as written: no time-zone conversion.
public struct DateParser: Sendable {
    var format: DateFormat

    public init(format: DateFormat) { self.format = format }

    /// The day, or nil when the bytes are not a date in this format.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        var cursor = ByteCursor(bytes)
        let year: Int, month: Int, day: Int
        switch format {
        case .iso:
            guard let y = cursor.digits(exactly: 4), cursor.skip("-"),
                  let m = cursor.digits(exactly: 2), cursor.skip("-"),
                  let d = cursor.digits(exactly: 2) else { return nil }
            (year, month, day) = (y, m, d)
            if !cursor.atEnd {
                guard cursor.skip("T") || cursor.skip(" ") || cursor.skip("t"), cursor.isTimeOfDay() else { return nil }
            }
        case .monthDayYear, .dayMonthYear, .dayMonthYearDots:
            let separator: UInt8 = format == .dayMonthYearDots ? UInt8(ascii: ".") : UInt8(ascii: "/")
            guard let first = cursor.digits(1...2), cursor.skip(separator),
                  let second = cursor.digits(1...2), cursor.skip(separator),
                  let y = cursor.digits(exactly: 4) else { return nil }
            (year, month, day) = format == .monthDayYear ? (y, first, second) : (y, second, first)
            if !cursor.atEnd {
                guard cursor.skip(" "), cursor.isTimeOfDay() else { return nil }
            }
        }
        return Day(year: year, month: month, day: day)
    }

    public func parse(_ text: String) -> Day? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// How the format reads, for error messages.
    var expected: String {
        switch format {
        case .iso: return "YYYY-MM-DD"
        case .monthDayYear: return "MM/DD/YYYY"
        case .dayMonthYear: return "DD/MM/YYYY"
        case .dayMonthYearDots: return "DD.MM.YYYY"
        }
    }
}

/// Reads ASCII digits and punctuation from a byte buffer.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool { skip(UInt8(ascii: character)) }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func digits(exactly count: Int) -> Int? { digits(count...count) }

    /// Reads a run of digits whose length lies in `lengths`.
    mutating func digits(_ lengths: ClosedRange<Int>) -> Int? {
        let start = index
        var value = 0, length = 0
        while index < bytes.count, length < lengths.upperBound, bytes[index] &- 48 < 10 {
            value = value * 10 + Int(bytes[index] &- 48)
            index += 1
            length += 1
        }
        guard lengths.contains(length), index >= bytes.count || bytes[index] &- 48 >= 10 else {
            index = start
            return nil
        }
        return value
    }

    /// `HH:MM`, optional `:SS` and fraction, optional `Z` or `±HH:MM` / `±HHMM`, to the end.
    mutating func isTimeOfDay() -> Bool {
        guard let hour = digits(exactly: 2), hour < 24, skip(":"), let minute = digits(exactly: 2), minute < 60
        else { return false }
        if skip(":") {
            guard let second = digits(exactly: 2), second <= 60 else { return false }
            if skip(".") || skip(",") {
                guard digits(1...9) != nil else { return false }
            }
        }
        if skip("Z") || skip("z") { return atEnd }
        if skip("+") || skip("-") {
            if digits(exactly: 4) != nil { return atEnd }
            guard digits(exactly: 2) != nil else { return false }
            if skip(":") { guard digits(exactly: 2) != nil else { return false } }
        }
        return atEnd
    }
}
