import WaterfallKit

// Calendar helpers the demo generator needs beyond `Day` itself.

extension Day {
    /// 0 for Monday through 6 for Sunday (1970-01-01 was a Thursday).
    var weekdayFromMonday: Int {
        let value = (Int(daysSinceEpoch) + 3) % 7
        return value < 0 ? value + 7 : value
    }

    var isWeekend: Bool { weekdayFromMonday >= 5 }

    /// The day itself on a weekday, else the following Monday.
    var businessDayOnOrAfter: Day {
        switch weekdayFromMonday {
        case 5: return adding(days: 2)
        case 6: return adding(days: 1)
        default: return self
        }
    }

    var lastDayOfMonth: Day {
        let (year, month, _) = civil
        return Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
    }
}

/// A fiscal quarter of the demo company (the engine has its own `FiscalCalendar`).
struct DemoQuarter: Equatable, Sendable {
    var fiscalYear: Int
    var quarter: Int
    var start: Day
    var end: Day

    /// The quarter containing `day` for a fiscal year starting on day 1 of `startMonth`.
    init(containing day: Day, startMonth: Int) {
        let (year, month, _) = day.civil
        let monthsIntoYear = (month - startMonth + 12) % 12
        quarter = monthsIntoYear / 3 + 1
        let yearStart = month >= startMonth ? year : year - 1
        fiscalYear = startMonth == 1 ? yearStart : yearStart + 1
        let firstMonthOffset = startMonth - 1 + (quarter - 1) * 3
        start = Day(year: yearStart + firstMonthOffset / 12, month: firstMonthOffset % 12 + 1, day: 1)!
        let lastMonthOffset = firstMonthOffset + 2
        end = Day(year: yearStart + lastMonthOffset / 12, month: lastMonthOffset % 12 + 1, day: 1)!.lastDayOfMonth
    }

    var label: String { "FY\(fiscalYear)-Q\(quarter)" }
    var next: DemoQuarter { DemoQuarter(containing: end.adding(days: 1), startMonth: startMonth) }
    var dayCount: Int { end.days(since: start) + 1 }
    func contains(_ day: Day) -> Bool { start <= day && day <= end }

    private var startMonth: Int {
        let month = start.civil.month - (quarter - 1) * 3
        return month < 1 ? month + 12 : month
    }
}
