/// An inclusive range of days, `start` through `end`.
struct DateWindow: Codable, Hashable, Sendable {
    var start: Day
    var end: Day

    init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }

    @inline(__always)
    func contains(_ day: Day) -> Bool { start <= day && day <= end }

    @inline(__always)
    func contains(_ day: Day?) -> Bool {
        guard let day else { return false }
        return start <= day && day <= end
    }

    var dayCount: Int { end.days(since: start) + 1 }
}

/// The three windows of SPEC §3, all ending at the snapshot date.
struct Windows: Codable, Hashable, Sendable {
    /// From the day after the previous snapshot (first snapshot: d−6) to d.
    var week: DateWindow
    /// From the first day of the fiscal quarter containing d to d.
    var qtd: DateWindow
    /// d−90 to d: thirteen weeks.
    var t13: DateWindow
    var quarter: FiscalQuarter

    init(snapshot: Day, previous: Day?, calendar: FiscalCalendar) {
        week = DateWindow(start: previous.map { $0.adding(days: 1) } ?? snapshot.adding(days: -6), end: snapshot)
        quarter = calendar.quarter(containing: snapshot)
        qtd = DateWindow(start: quarter.start, end: snapshot)
        t13 = DateWindow(start: snapshot.adding(days: -90), end: snapshot)
    }
}
