/// A fiscal quarter: `FY2027-Q1` and its first and last day.
struct FiscalQuarter: Codable, Hashable, Comparable, Sendable {
    var fiscalYear: Int
    var quarter: Int
    var start: Day
    var end: Day

    var label: String { "FY\(fiscalYear)-Q\(quarter)" }
    var dayCount: Int { end.days(since: start) + 1 }
    func contains(_ day: Day) -> Bool { start <= day && day <= end }

    static func < (lhs: FiscalQuarter, rhs: FiscalQuarter) -> Bool { lhs.start < rhs.start }
}

/// The company's fiscal calendar (SPEC §3): the year starts on day 1 of `startMonth`
/// and is named by the calendar year in which it ends; quarters are three months.
struct FiscalCalendar: Sendable, Equatable {
    var startMonth: Int

    init(startMonth: Int) { self.startMonth = startMonth }

    /// The fiscal quarter containing `day`.
    func quarter(containing day: Day) -> FiscalQuarter {
        let (year, month, _) = day.civil
        let monthsIntoYear = (month - startMonth + 12) % 12
        let quarterIndex = monthsIntoYear / 3
        // The fiscal year is named by the calendar year of its last month.
        let fiscalYearStartYear = month >= startMonth ? year : year - 1
        let fiscalYear = startMonth == 1 ? fiscalYearStartYear : fiscalYearStartYear + 1
        let firstMonthOffset = startMonth - 1 + quarterIndex * 3
        let startYear = fiscalYearStartYear + firstMonthOffset / 12
        let startMonthOfQuarter = firstMonthOffset % 12 + 1
        let endOffset = firstMonthOffset + 2
        let endYear = fiscalYearStartYear + endOffset / 12
        let endMonth = endOffset % 12 + 1
        return FiscalQuarter(
            fiscalYear: fiscalYear, quarter: quarterIndex + 1,
            start: Day(year: startYear, month: startMonthOfQuarter, day: 1)!,
            end: Day(year: endYear, month: endMonth, day: Day.daysIn(month: endMonth, year: endYear))!)
    }
}
