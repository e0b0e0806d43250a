/// The records behind one figure of `metrics.json`, named by the metric family whose membership
/// test picks them (SPEC §6), and which of the figure's numbers a path points at.
enum ExplainedSet: Equatable {
    /// Every record of the scope (`records`).
    case records
    /// Every accepted record of the snapshot file (`data_quality.accepted`).
    case accepted
    case volume(stage: Int, window: WindowName)
    case conversion(stage: Int, window: WindowName, convertedOnly: Bool)
    case velocity(stage: Int)
    case sla(rule: Int, window: WindowName, outcome: SLA.Outcome)
    case pipeline(PipelinePart)
    case bookings(window: WindowName, source: String?)
    case winRate(window: WindowName, won: Bool, source: String?)
    /// `win_rate.marketing` (sources in `marketing_sources`) or `win_rate.rest` (every other source).
    case winRateMarketing(window: WindowName, won: Bool, marketing: Bool)
    case marketingShare(window: WindowName, marketingOnly: Bool)
    case bridge(Bridge.Movement)
    /// Row problems of the snapshot file: one code, or every error (`data_quality.excluded`).
    case diagnostics(DiagnosticCode?)
    /// Rows left out by `status.ignore`: all of them, or those of one status value
    /// (`data_quality.ignored`, `data_quality.ignored_by_status.X`).
    case ignored(status: String?)

    enum PipelinePart: Equatable {
        case all, inQuarter, pastDue
        case stage(Int)
        case source(String)
    }

    enum WindowName: String {
        case week, qtd, t13

        func window(in windows: Windows) -> DateWindow {
            switch self {
            case .week: return windows.week
            case .qtd: return windows.qtd
            case .t13: return windows.t13
            }
        }
    }

    /// Whether the set is read from the snapshot file rather than from a scope.
    var isSnapshotWide: Bool {
        switch self {
        case .accepted, .diagnostics, .ignored: return true
        default: return false
        }
    }
}

/// What a path names: a set of records and the number of it that the path points at.
struct ExplainedFigure {
    enum Measure: Equatable {
        case count, amount, countAndAmount
    }

    var set: ExplainedSet
    var measure: Measure
}

/// Why a path of `metrics.json` has no records behind it, and what to explain instead.
struct NotARecordFigure: Swift.Error {
    var reason: String

    static let trend = NotARecordFigure(reason: "the trend holds each week's own figures: explain that week's field with --week "
        + "(volume.STAGE.week, sla[N].week.*, pipeline.amount, bookings.qtd.amount, marketing_share.qtd.*)")
}

// MARK: - From a path to a set

extension ExplainedFigure {
    /// The figure a path of `document` (one scope's object, with `data_quality` beside its keys)
    /// names, or why it names none.
    static func named(_ path: FieldPath, in document: JSONValue, config: SiteConfig) throws(NotARecordFigure) -> ExplainedFigure {
        let parts = path.parts
        func stage(_ key: String) throws(NotARecordFigure) -> Int {
            guard let index = config.stageIndex(of: key) else { throw NotARecordFigure(reason: "\(key) is not a stage") }
            return index
        }
        func window(_ name: String) throws(NotARecordFigure) -> ExplainedSet.WindowName {
            guard let window = ExplainedSet.WindowName(rawValue: name) else { throw NotARecordFigure(reason: "\(name) is not a window") }
            return window
        }
        /// `…` / `….count` / `….amount` of a {count, amount} object.
        func countAmount(_ set: ExplainedSet, _ rest: ArraySlice<String>) throws(NotARecordFigure) -> ExplainedFigure {
            switch rest.first {
            case nil: return ExplainedFigure(set: set, measure: .countAndAmount)
            case "count": return ExplainedFigure(set: set, measure: .count)
            case "amount": return ExplainedFigure(set: set, measure: .amount)
            default: throw NotARecordFigure(reason: "it is not a count or an amount")
            }
        }
        let sibling = { (name: String) in FieldPath(path.components.dropLast() + [.key(name)]).description }

        switch parts.first {
        case "records" where parts.count == 1:
            return ExplainedFigure(set: .records, measure: .count)
        case "volume" where parts.count == 3:
            return ExplainedFigure(set: .volume(stage: try stage(parts[1]), window: try window(parts[2])), measure: .count)
        case "conversion" where parts.count == 4:
            let stage = Int(parts[1])!
            switch parts[3] {
            case "cohort", "converted":
                return ExplainedFigure(set: .conversion(stage: stage, window: try window(parts[2]), convertedOnly: parts[3] == "converted"),
                                       measure: .count)
            case "rate":
                throw NotARecordFigure(reason: "it is a rate, converted ÷ cohort: explain \(sibling("converted")) (the numerator) and \(sibling("cohort")) (the denominator)")
            default: break
            }
        case "velocity" where parts.count == 3:
            if parts[2] == "n" { return ExplainedFigure(set: .velocity(stage: Int(parts[1])!), measure: .count) }
            if parts[2].hasSuffix("_days") {
                throw NotARecordFigure(reason: "it is a quantile of days: explain \(sibling("n")), whose rows carry each record's days")
            }
        case "sla" where parts.count == 4:
            let rule = Int(parts[1])!
            if let outcome = SLA.Outcome(rawValue: parts[3]) {
                return ExplainedFigure(set: .sla(rule: rule, window: try window(parts[2]), outcome: outcome), measure: .count)
            }
            if parts[3] == "compliance" {
                throw NotARecordFigure(reason: "it is a rate, on_time ÷ (on_time + late + breached): explain \(sibling("on_time")), \(sibling("late")) and \(sibling("breached"))")
            }
            if parts[3] == "median_response_days" {
                throw NotARecordFigure(reason: "it is a median of days: explain \(sibling("on_time")) and \(sibling("late")), whose rows carry each record's days")
            }
        case "sla" where parts.count >= 3 && parts[2] == "breached_leads":
            throw NotARecordFigure(reason: "it lists the records of sla[\(parts[1])].qtd.breached: explain that")
        case "sla" where parts.count == 3 && parts[2] == "days":
            throw NotARecordFigure(reason: "it is the rule's agreed days, set in site.yml under slas:")
        case "pipeline":
            let rest = parts.dropFirst()
            switch rest.first {
            case nil, "count", "amount": return try countAmount(.pipeline(.all), rest)
            case "in_quarter": return try countAmount(.pipeline(.inQuarter), rest.dropFirst())
            case "past_due": return try countAmount(.pipeline(.pastDue), rest.dropFirst())
            case "past_due_deals", "in_quarter_deals":
                throw NotARecordFigure(reason: "it lists the deals behind pipeline.\(rest.first!.dropLast("_deals".count)): explain that")
            case "by_stage" where rest.count >= 2: return try countAmount(.pipeline(.stage(try stage(parts[2]))), rest.dropFirst(2))
            case "by_source" where rest.count >= 2: return try countAmount(.pipeline(.source(parts[2])), rest.dropFirst(2))
            default: break
            }
        case "bookings" where parts.count >= 2:
            if parts[1] == "by_source", parts.count >= 3 {
                return try countAmount(.bookings(window: .qtd, source: parts[2]), parts.dropFirst(3))
            }
            return try countAmount(.bookings(window: try window(parts[1]), source: nil), parts.dropFirst(2))
        case "win_rate" where parts.count >= 3:
            var source: String?
            var marketing: Bool?
            var rest = parts.dropFirst()
            if rest.first == "by_source", rest.count >= 4 {
                source = rest.dropFirst().first
                rest = rest.dropFirst(2)
            } else if rest.first == "marketing" || rest.first == "rest", rest.count == 3 {
                marketing = rest.first == "marketing"
                rest = rest.dropFirst()
            }
            guard rest.count == 2 else { break }
            let window = try window(rest.first!)
            func set(won: Bool) -> ExplainedSet {
                marketing.map { .winRateMarketing(window: window, won: won, marketing: $0) } ?? .winRate(window: window, won: won, source: source)
            }
            switch rest.last! {
            case "won": return ExplainedFigure(set: set(won: true), measure: .count)
            case "lost": return ExplainedFigure(set: set(won: false), measure: .count)
            case "won_amount": return ExplainedFigure(set: set(won: true), measure: .amount)
            case "lost_amount": return ExplainedFigure(set: set(won: false), measure: .amount)
            case "rate", "amount_rate":
                let (won, lost) = rest.last! == "rate" ? ("won", "lost") : ("won_amount", "lost_amount")
                throw NotARecordFigure(reason: "it is a rate, \(won) ÷ (\(won) + \(lost)): explain \(sibling(won)) and \(sibling(lost))")
            default: break
            }
        case "marketing_share" where parts.count == 3:
            let window = try window(parts[1])
            switch parts[2] {
            case "opportunities": return ExplainedFigure(set: .marketingShare(window: window, marketingOnly: false), measure: .count)
            case "amount": return ExplainedFigure(set: .marketingShare(window: window, marketingOnly: false), measure: .amount)
            case "marketing_opportunities": return ExplainedFigure(set: .marketingShare(window: window, marketingOnly: true), measure: .count)
            case "marketing_amount": return ExplainedFigure(set: .marketingShare(window: window, marketingOnly: true), measure: .amount)
            case "count_share", "amount_share":
                let (part, whole) = parts[2] == "count_share" ? ("marketing_opportunities", "opportunities") : ("marketing_amount", "amount")
                throw NotARecordFigure(reason: "it is a share, \(part) ÷ \(whole): explain \(sibling(part)) and \(sibling(whole))")
            default: break
            }
        case "bridge" where parts.count >= 2:
            if parts.count == 2, let movement = Bridge.Movement(rawValue: parts[1]), movement != .pushed, movement != .pulledIn {
                return ExplainedFigure(set: .bridge(movement), measure: movement == .start || movement == .end ? .amount : .countAndAmount)
            }
            if parts.count == 3, parts[1] == "counts", let movement = Bridge.Movement(rawValue: parts[2]) {
                return ExplainedFigure(set: .bridge(movement), measure: .count)
            }
            if parts[1] == "pushed" || parts[1] == "pulled_in" {
                return try countAmount(.bridge(Bridge.Movement(rawValue: parts[1])!), parts.dropFirst(2))
            }
            if parts[1].hasSuffix("_deals") {
                let movement = parts[1].dropLast("_deals".count)
                throw NotARecordFigure(reason: "it lists the deals behind bridge.\(movement): explain that")
            }
        case "plan":
            if parts == ["plan", "booked"] { return ExplainedFigure(set: .bookings(window: .qtd, source: nil), measure: .amount) }
            if parts.count == 4, parts[1] == "reverse_funnel", parts[3] == "actual",
               case let .string(key)? = document.value(at: FieldPath(path.components.dropLast() + [.key("stage")])) {
                return ExplainedFigure(set: .volume(stage: try stage(key), window: .qtd), measure: .count)
            }
            throw NotARecordFigure(reason: "it comes from targets.csv and the t13 figures (SPEC §6.10), not from a set of records: "
                + "explain plan.booked, bookings.t13, win_rate.t13.won and the conversion counts it is computed from")
        case "trend":
            throw NotARecordFigure.trend
        case "data_quality":
            switch parts.dropFirst().first {
            case "accepted" where parts.count == 2: return ExplainedFigure(set: .accepted, measure: .count)
            case "excluded" where parts.count == 2: return ExplainedFigure(set: .diagnostics(nil), measure: .count)
            case "errors" where parts.count == 3, "warnings" where parts.count == 3:
                if let code = DiagnosticCode(rawValue: parts[2]) { return ExplainedFigure(set: .diagnostics(code), measure: .count) }
            case "ignored" where parts.count == 2: return ExplainedFigure(set: .ignored(status: nil), measure: .count)
            case "ignored_by_status" where parts.count == 3: return ExplainedFigure(set: .ignored(status: parts[2]), measure: .count)
            case "rows":
                throw NotARecordFigure(reason: "it is accepted + excluded + ignored: explain data_quality.accepted, "
                    + "data_quality.excluded and data_quality.ignored")
            case "examples_per_code":
                throw NotARecordFigure(reason: "it is how many row problems per code metrics.json lists, not a count of records: "
                    + "explain data_quality.errors.E3 (or another code) for every row of a code")
            default: break
            }
        default:
            break
        }
        throw NotARecordFigure(reason: "it is not a count or an amount of records")
    }
}

extension JSONValue {
    /// The value at `path`, nil when the path names nothing.
    func value(at path: FieldPath) -> JSONValue? {
        var value = self
        for component in path.components {
            switch (component, value) {
            case let (.key(key), .object(members)):
                guard let child = members.first(where: { $0.0 == key })?.1 else { return nil }
                value = child
            case let (.index(index), .array(items)) where items.indices.contains(index):
                value = items[index]
            default:
                return nil
            }
        }
        return value
    }
}
