/// Parses a plain decimal amount into integer cents, rounded half away from zero (SPEC §1.1).
enum AmountParser {
    enum Result: Equatable {
        case amount(Money)
        case negative
        case notADecimal
        /// Beyond what 64-bit integer cents hold.
        case tooLarge
    }

    /// `1234`, `1234.5`, `-0`: an optional minus, digits, and optionally `.` and more digits.
    /// No plus sign, bare `.5` or `7.`, thousands separators, exponents or currency signs.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var units: Int64 = 0
        var integerDigits = 0
        var tooLarge = false
        var nonZero = false
        while index < bytes.count, bytes[index] &- 48 < 10 {
            let digit = Int64(bytes[index] &- 48)
            let (times10, overflow1) = units.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(digit)
            if overflow1 || overflow2 || sum > Int64.max / 100 - 1 { tooLarge = true }
            units = tooLarge ? units : sum
            nonZero = nonZero || digit != 0
            integerDigits += 1
            index += 1
        }
        var cents: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var position = 0
            var roundUp = false
            guard integerDigits > 0 else { return .notADecimal }
            while index < bytes.count, bytes[index] &- 48 < 10 {
                let digit = Int64(bytes[index] &- 48)
                if position < 2 { cents = cents * 10 + digit }
                if position == 2 { roundUp = digit >= 5 }
                nonZero = nonZero || digit != 0
                position += 1
                index += 1
            }
            guard position > 0 else { return .notADecimal }
            if position == 1 { cents *= 10 }
            if roundUp { cents += 1 }
        }
        guard integerDigits > 0, index == bytes.count else { return .notADecimal }
        if negative && nonZero { return .negative }
        if tooLarge { return .tooLarge }
        return .amount(Money(cents: units * 100 + cents))
    }

    static func parse(_ text: String) -> Result {
        var text = text
        return text.withUTF8 { parse($0) }
    }
}
