import Testing
@testable import WaterfallKit

@Test func namesTheFiscalYearByTheCalendarYearInWhichItEnds() {
    let calendar = FiscalCalendar(startMonth: 2)
    let q4 = calendar.quarter(containing: day("2026-11-20"))
    #expect(q4.label == "FY2027-Q4")
    #expect(q4.start == day("2026-11-01"))
    #expect(q4.end == day("2027-01-31"))
    #expect(calendar.quarter(containing: day("2027-01-31")).label == "FY2027-Q4")
    #expect(calendar.quarter(containing: day("2026-02-01")).label == "FY2027-Q1")
    #expect(calendar.quarter(containing: day("2026-01-31")).label == "FY2026-Q4")
    #expect(calendar.quarter(containing: day("2026-10-31")).label == "FY2027-Q3")
    #expect(calendar.quarter(containing: day("2026-10-31")).start == day("2026-08-01"))
}

@Test func usesCalendarQuartersWhenTheYearStartsInJanuary() {
    let calendar = FiscalCalendar(startMonth: 1)
    #expect(calendar.quarter(containing: day("2026-11-20")).label == "FY2026-Q4")
    #expect(calendar.quarter(containing: day("2026-01-01")).label == "FY2026-Q1")
    #expect(calendar.quarter(containing: day("2024-02-29")).end == day("2024-03-31"))
}

@Test func coversEveryMonthOfEveryStartMonthWithoutGaps() {
    for startMonth in 1...12 {
        let calendar = FiscalCalendar(startMonth: startMonth)
        var day = day("2025-01-01")
        var previous = calendar.quarter(containing: day)
        while day < Day(year: 2027, month: 1, day: 1)! {
            day = day.adding(days: 1)
            let quarter = calendar.quarter(containing: day)
            #expect(quarter.contains(day))
            if quarter != previous {
                #expect(quarter.start == previous.end.adding(days: 1))
                #expect(quarter.quarter == previous.quarter % 4 + 1)
            }
            previous = quarter
        }
    }
}

@Test func startsTheWeekTheDayAfterThePreviousSnapshot() {
    let calendar = FiscalCalendar(startMonth: 2)
    let first = Windows(snapshot: day("2026-11-20"), previous: nil, calendar: calendar)
    #expect(first.week == DateWindow(start: day("2026-11-14"), end: day("2026-11-20")))
    let skipped = Windows(snapshot: day("2026-11-20"), previous: day("2026-11-06"), calendar: calendar)
    #expect(skipped.week == DateWindow(start: day("2026-11-07"), end: day("2026-11-20")))
    #expect(skipped.week.dayCount == 14)
    #expect(first.t13 == DateWindow(start: day("2026-08-22"), end: day("2026-11-20")))
    #expect(first.t13.dayCount == 91)
    #expect(first.qtd == DateWindow(start: day("2026-11-01"), end: day("2026-11-20")))
}

@Test func convertsCivilDatesBothWays() {
    #expect(Day(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
    #expect(day("2000-03-01").days(since: day("2000-02-28")) == 2)
    #expect(day("2026-11-20").iso == "2026-11-20")
    #expect(Day(year: 1, month: 1, day: 1)!.iso == "0001-01-01")
}

@Test func computesQuantilesByLinearInterpolation() {
    #expect(quantile([], 0.5) == nil)
    #expect(quantile([7], 0.9) == 7)
    #expect(quantile([1, 2, 3, 4], 0.5) == 2.5)
    #expect(quantile([10, 1, 5], 0.5) == 5)
    // h = 9 × 0.9 = 8.1 → 9 + 0.1 × (100 − 9)
    #expect(abs(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 0.9)! - 18.1) < 1e-9)
    #expect(quantile([-3, 5], 0.5) == 1)
}
