import Testing
@testable import WaterfallKit

@Suite struct FormatTests {
    @Test func moneyIsWholeUnitsWithThousandsSeparatorsInTheSiteCurrency() {
        let usd = Format(currency: "USD"), eur = Format(currency: "EUR")
        #expect(usd.money(Money(cents: 123_456_789)) == "$1,234,568")
        #expect(usd.money(Money(cents: 50)) == "$1")
        #expect(usd.money(Money(cents: -123_456_700)) == "−$1,234,567")
        #expect(usd.money(.zero) == "$0")
        #expect(eur.money(Money(cents: 123_400)) == "EUR 1,234")
        #expect(usd.moneyChange(Money(cents: 1_000_00)) == "+$1,000")
        #expect(usd.moneyChange(Money(cents: -20)) == "$0")
    }

    @Test func compactMoneyKeepsOneDecimal() {
        let usd = Format(currency: "USD")
        #expect(usd.compactMoney(Money(cents: 95_000)) == "$950")
        #expect(usd.compactMoney(Money(cents: 1_234_500)) == "$12.3K")
        #expect(usd.compactMoney(Money(cents: 450_000_000)) == "$4.5M")
        #expect(usd.compactMoney(Money(cents: 120_000_000_000)) == "$1.2B")
    }

    @Test func percentagesHaveOneDecimalAndNullStaysNull() {
        #expect(Format.percent(0.42) == "42.0%")
        #expect(Format.percent(0.12345) == "12.3%")
        #expect(Format.percent(1) == "100.0%")
        #expect(Format.percent(0.00049) == "0.0%")
        #expect(Format.percent(nil) == nil)
        #expect(Format.points(0.015) == "+1.5 pts")
    }

    @Test func countsDaysAndDatesReadNaturally() {
        #expect(Format.count(1_234_567) == "1,234,567")
        #expect(Format.count(0) == "0")
        #expect(Format.days(1) == "1 day")
        #expect(Format.days(2.5) == "2.5 days")
        #expect(Format.days(2) == "2 days")
        #expect(Format.days(nil) == nil)
        let day = Day(year: 2026, month: 11, day: 20)!
        #expect(Format.date(day) == "20 Nov 2026")
        #expect(Format.range(DateWindow(start: Day(year: 2026, month: 11, day: 14)!, end: day)) == "14 – 20 Nov 2026")
        #expect(Format.range(DateWindow(start: Day(year: 2026, month: 8, day: 22)!, end: day)) == "22 Aug – 20 Nov 2026")
        #expect(Format.range(DateWindow(start: Day(year: 2025, month: 12, day: 28)!, end: Day(year: 2026, month: 1, day: 3)!))
            == "28 Dec 2025 – 3 Jan 2026")
    }
}
