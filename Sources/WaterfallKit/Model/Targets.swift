/// The bookings plan from `targets.csv` (SPEC §6.10): one amount per quarter and scope.
public struct Targets: Sendable, Equatable {
    public struct Key: Hashable, Sendable {
        public var quarter: String
        public var scope: Scope
    }

    public var bookings: [Key: Money]
    /// The line of `targets.csv` each target came from.
    public var lines: [Key: Int]

    public init(bookings: [Key: Money] = [:], lines: [Key: Int] = [:]) {
        self.bookings = bookings
        self.lines = lines
    }

    public static let none = Targets()

    /// The bookings target of `scope` for the fiscal quarter labelled `quarter`, if planned.
    public func target(quarter: String, scope: Scope) -> Money? {
        bookings[Key(quarter: quarter, scope: scope)]
    }
}
