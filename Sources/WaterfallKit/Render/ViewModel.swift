/// A template's view: names to values. Values are `String`, `Bool`, `Int`, `SafeHTML` (only under
/// names ending in `HTML`), nested `Fields`, or arrays of `Fields`; never optionals. The typed
/// sections (`TemplateSection`) build it, and supply every key they have on every page, `false`
/// for an absent part: Mustache looks a name it cannot find up in every enclosing object, which is
/// slower and could find an outer value of the same name, and a test checks each template's names
/// against the keys the sections supplied (`TemplateKeyTests`).
typealias Fields = [String: Any]

/// How a figure moved since the previous week, for a KPI tile.
struct Change {
    enum Direction: String { case up, down, flat }
    var direction: Direction
    /// `▲ $12,345`, `▼ 1.5 pts`, `no change`.
    var text: String
    /// For screen readers: `up $12,345 on the week before`.
    var spoken: String

    init(direction: Direction, magnitude: String) {
        self.direction = direction
        switch direction {
        case .up: text = "▲ " + magnitude; spoken = "up " + magnitude + " on the week before"
        case .down: text = "▼ " + magnitude; spoken = "down " + magnitude + " on the week before"
        case .flat: text = "no change"; spoken = "no change on the week before"
        }
    }

    static func money(_ now: Money, _ before: Money, format: Format) -> Change {
        let delta = now - before
        let direction: Direction = delta.cents > 0 ? .up : delta.cents < 0 ? .down : .flat
        return Change(direction: direction, magnitude: format.money(Money(cents: Int64(delta.cents.magnitude))))
    }

    static func count(_ now: Int, _ before: Int) -> Change {
        let direction: Direction = now > before ? .up : now < before ? .down : .flat
        return Change(direction: direction, magnitude: Format.count((now - before).magnitude))
    }

    static func rate(_ now: Double?, _ before: Double?) -> Change? {
        guard let now, let before else { return nil }
        let points = (now - before) * 100
        let rounded = (points * 10).rounded(.toNearestOrAwayFromZero)
        let direction: Direction = rounded > 0 ? .up : rounded < 0 ? .down : .flat
        return Change(direction: direction, magnitude: Format.decimal(abs(points)) + " pts")
    }

    var fields: Fields { ["text": text, "direction": direction.rawValue, "spoken": spoken] }
}

/// One headline figure of a scope with its change on the previous week (a KPI tile on the page,
/// a headline line in the e-mail digest).
struct KPITile {
    enum Kind { case openPipeline, bookingsQTD, bookingsWeek, stageEntries, winRate, sla, marketingShare, planAttainment }
    var kind: Kind
    var label: String
    /// The figure, or nil with `missing` saying why there is none.
    var value: String?
    var missing: String
    var detail: String
    var change: Change?
    /// Why there is no change: `first snapshot`, `new this week`, `no comparison`.
    var changeNote: String?

    var fields: Fields {
        [
            "label": label, "value": Shown(value, else: missing).fields, "detail": detail,
            "change": change?.fields ?? false, "changeNote": changeNote ?? false,
        ]
    }
}
