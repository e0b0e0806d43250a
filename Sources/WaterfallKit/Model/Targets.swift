/// The bookings plan from `targets.csv` (SPEC §6.10): one amount per quarter and scope.
struct Targets: Sendable, Equatable {
    struct Key: Hashable, Sendable {
        var quarter: String
        var scope: Scope
    }

    var bookings: [Key: Money]
    /// The line of `targets.csv` each target came from.
    var lines: [Key: Int]

    init(bookings: [Key: Money] = [:], lines: [Key: Int] = [:]) {
        self.bookings = bookings
        self.lines = lines
    }

    static let none = Targets()

    /// The bookings target of `scope` for the fiscal quarter labelled `quarter`, if planned.
    func target(quarter: String, scope: Scope) -> Money? {
        bookings[Key(quarter: quarter, scope: scope)]
    }
}
