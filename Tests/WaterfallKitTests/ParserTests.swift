import Testing
@testable import WaterfallKit

@Test func parsesISODatesAndTimestampsByTheirDatePart() {
    let parser = DateParser(format: .iso)
    #expect(parser.parse("2026-11-20") == Day(year: 2026, month: 11, day: 20))
    #expect(parser.parse("2026-11-20T09:30:00Z") == Day(year: 2026, month: 11, day: 20))
    #expect(parser.parse("2017-12-05 02:00:00") == Day(year: 2017, month: 12, day: 5))
    #expect(parser.parse("2026-11-20T23:30:00-08:00") == Day(year: 2026, month: 11, day: 20))
    #expect(parser.parse("2026-11-20T09:30:00.123+0100") == Day(year: 2026, month: 11, day: 20))
}

@Test func rejectsDatesThatDoNotExistOrAreMalformed() {
    let parser = DateParser(format: .iso)
    for text in ["2026-13-45", "2026-02-30", "2026-1-5", "20261120", "2026-11-20x", "2026-11-20 noon", "11/20/2026", "", "2026-11-20T25:00"] {
        #expect(parser.parse(text) == nil, "\(text)")
    }
    #expect(parser.parse("2024-02-29") != nil)
    #expect(parser.parse("2023-02-29") == nil)
}

@Test func parsesTheAlternativeDateFormatsWithOneOrTwoDigits() {
    #expect(DateParser(format: .monthDayYear).parse("3/7/2026") == Day(year: 2026, month: 3, day: 7))
    #expect(DateParser(format: .monthDayYear).parse("12/31/2026 14:05") == Day(year: 2026, month: 12, day: 31))
    #expect(DateParser(format: .dayMonthYear).parse("3/7/2026") == Day(year: 2026, month: 7, day: 3))
    #expect(DateParser(format: .dayMonthYearDots).parse("31.12.2026") == Day(year: 2026, month: 12, day: 31))
    #expect(DateParser(format: .dayMonthYear).parse("31/12/26") == nil)
    #expect(DateParser(format: .monthDayYear).parse("2026-03-07") == nil)
}

@Test func roundsAmountsToCentsHalfAwayFromZero() {
    #expect(AmountParser.parse("1234") == .amount(Money(cents: 123_400)))
    #expect(AmountParser.parse("1234.5") == .amount(Money(cents: 123_450)))
    #expect(AmountParser.parse("0.005") == .amount(Money(cents: 1)))
    #expect(AmountParser.parse("0.0049999") == .amount(Money(cents: 0)))
    #expect(AmountParser.parse("2.675") == .amount(Money(cents: 268)))
    #expect(AmountParser.parse("19.999") == .amount(Money(cents: 2000)))
}

@Test func treatsMinusZeroAsZeroAndOtherNegativesAsNegative() {
    #expect(AmountParser.parse("-0") == .amount(.zero))
    #expect(AmountParser.parse("-0.00") == .amount(.zero))
    #expect(AmountParser.parse("-5") == .negative)
    #expect(AmountParser.parse("-0.004") == .negative)
}

@Test func rejectsAmountsThatAreNotPlainDecimals() {
    for text in ["12,5", "1e3", "$100", "1 000", "abc", ".", "-", "1.2.3", "+5", ".5", "7.", "-.5", "NaN"] {
        #expect(AmountParser.parse(text) == .notADecimal, "\(text)")
    }
}

@Test func writesMoneyWithAtMostTwoDecimals() {
    #expect(Money(cents: 123_400).decimalString == "1234")
    #expect(Money(cents: 123_450).decimalString == "1234.5")
    #expect(Money(cents: 123_405).decimalString == "1234.05")
    #expect(Money(cents: -7).decimalString == "-0.07")
}

@Test func rejectsAmountsBeyondSixtyFourBitCentsAsTooLarge() {
    #expect(AmountParser.parse("99999999999999999.995") == .tooLarge)
    #expect(AmountParser.parse("99999999999999999999") == .tooLarge)
    #expect(AmountParser.parse("90000000000000000") == .amount(Money(cents: 9_000_000_000_000_000_000)))
}
