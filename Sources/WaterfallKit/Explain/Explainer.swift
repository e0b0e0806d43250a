/// Lists the records behind any count or amount of one snapshot's `metrics.json`
/// (`waterfall explain`), picked by the same membership tests the metrics count with.
///
/// Holds the snapshot and the one before it (for the week window and the bridge), and that
/// snapshot's metrics, so each explanation can be checked against the published figure.
public struct Explainer: Sendable {
    enum Error: Swift.Error, CustomStringConvertible, Equatable {
        case unknownField(field: String, week: Day, scope: String, suggestions: [String])
        case notARecordFigure(field: String, reason: String, suggestions: [String])
        case unknownScope(scope: String, week: Day, suggestions: [String], scopes: [String])
        case noBridge(field: String, week: Day)
        case snapshotWideField(field: String, scope: String)
        case unknownWeek(week: String, snapshots: [Day])

        var description: String {
            switch self {
            case let .unknownField(field, week, scope, suggestions):
                return "\"\(field)\" is not a field of \(scope) in metrics.json of \(week.iso)."
                    + Error.didYouMean(suggestions) + " Run `waterfall explain --list` for every field it can explain."
            case let .notARecordFigure(field, reason, suggestions):
                return "\(field) has no records of its own to list: \(reason)." + Error.didYouMean(suggestions)
            case let .unknownScope(scope, week, suggestions, scopes):
                let listed = scopes.count > 12 ? scopes.prefix(12).joined(separator: ", ") + ", …" : scopes.joined(separator: ", ")
                return "no scope \"\(scope)\" in the snapshot of \(week.iso)." + Error.didYouMean(suggestions)
                    + " Write it as company or DIMENSION=VALUE; the scopes of that week are: \(listed)."
            case let .noBridge(field, week):
                return "\(field): \(week.iso) is the first snapshot, so it has no bridge (bridge is null in its metrics.json). Pick a later week with --week."
            case let .snapshotWideField(field, scope):
                return "\(field) counts the rows of the snapshot file, not of a scope: run it without --scope \(scope)."
            case let .unknownWeek(week, snapshots):
                let dates = snapshots.map(\.iso)
                let shown = dates.count > 6 ? dates.prefix(3) + ["…"] + dates.suffix(3) : dates[...]
                return "--week \(week): no snapshot of that date. Give the date of a file in snapshots/ (or of a snapshot "
                    + "archived under the --output folder's archive/) as YYYY-MM-DD: " + shown.joined(separator: ", ") + "."
            }
        }

        static func didYouMean(_ suggestions: [String]) -> String {
            suggestions.isEmpty ? "" : " Did you mean " + suggestions.joined(separator: ", ") + "?"
        }
    }

    let config: SiteConfig
    let current: Snapshot
    let previous: Snapshot?
    /// The metrics of `current`, as its `metrics.json` publishes them (the trend excepted).
    let metrics: SnapshotMetrics
    let context: MetricContext
    let scopes: [ScopeRecords]

    init(config: SiteConfig, targets: Targets = .none, current: Snapshot, previous: Snapshot?) throws {
        var engine = MetricsEngine(config: config, targets: targets)
        self.config = config
        self.current = current
        self.previous = previous
        metrics = try engine.metrics(for: current, previous: previous)
        context = MetricContext(config: config, snapshot: current.date, previous: previous?.date, sources: current.sources)
        scopes = engine.scopeRecords(of: current)
    }

    /// The scopes of the snapshot, company first, as `metrics.json` lists them.
    var scopeKeys: [String] { scopes.map(\.scope.key) }

    /// The records behind `field` in `scope` (`company` or `DIM=VALUE`).
    public func explain(_ field: String, scope key: String = "company") throws -> Explanation {
        let (records, scopeMetrics) = try scope(key)
        let document = self.document(for: scopeMetrics)
        if field == "trend" || field.hasPrefix("trend[") || field.hasPrefix("trend.") {
            throw Error.notARecordFigure(field: field, reason: NotARecordFigure.trend.reason, suggestions: [])
        }
        guard let (path, value) = FieldPath.resolve(field, in: document) else {
            if previous == nil, field == "bridge" || field.hasPrefix("bridge.") { throw Error.noBridge(field: field, week: current.date) }
            throw Error.unknownField(field: field, week: current.date, scope: key,
                                     suggestions: FieldPath.suggestions(for: field, among: fields(in: document)))
        }
        let figure: ExplainedFigure
        do {
            figure = try ExplainedFigure.named(path, in: document, config: config)
        } catch {
            let below = fields(in: document).filter { $0.hasPrefix(path.description + ".") || $0.hasPrefix(path.description + "[") }
            throw Error.notARecordFigure(field: path.description, reason: error.reason, suggestions: Array(below.prefix(8)))
        }
        if figure.set.isSnapshotWide, key != Scope.company.key {
            throw Error.snapshotWideField(field: path.description, scope: key)
        }
        var explanation = rows(of: figure.set, in: records)
        explanation.field = path.description
        explanation.scope = key
        explanation.snapshot = current.date
        explanation.measure = figure.measure
        explanation.published = Explanation.Published(value, measure: figure.measure)
        return explanation
    }

    /// Every field of `scope` that `explain` lists records for, in document order.
    public func fields(scope key: String = "company") throws -> [String] {
        fields(in: document(for: try scope(key).metrics))
    }
}

// MARK: - Scopes and the document

extension Explainer {
    func scope(_ key: String) throws -> (records: ScopeRecords, metrics: ScopeMetrics) {
        guard let index = scopes.firstIndex(where: { $0.scope.key == key }) else {
            throw Error.unknownScope(scope: key, week: current.date, suggestions: FieldPath.suggestions(for: key, among: scopeKeys),
                                     scopes: scopeKeys)
        }
        return (scopes[index], metrics.scopes[index])
    }

    /// The scope's object of `metrics.json` with the snapshot's `data_quality` beside its keys.
    func document(for scope: ScopeMetrics) -> JSONValue {
        guard case let .object(members) = MetricsJSON.scope(scope, config: config) else { return .null }
        return .object(members + [("data_quality", MetricsJSON.dataQuality(metrics.dataQuality, snapshot: metrics.snapshot))])
    }

    /// The paths of `document` that name a figure with records behind it.
    func fields(in document: JSONValue) -> [String] {
        var found: [String] = []
        func walk(_ value: JSONValue, _ path: FieldPath) {
            switch value {
            case let .object(members):
                if members.contains(where: { $0.0 == "count" }), (try? ExplainedFigure.named(path, in: document, config: config)) != nil {
                    found.append(path.description)
                }
                for (key, child) in members { walk(child, path.appending(.key(key))) }
            case let .array(items):
                for (index, item) in items.enumerated() { walk(item, path.appending(.index(index))) }
            case .int, .number:
                if (try? ExplainedFigure.named(path, in: document, config: config)) != nil { found.append(path.description) }
            default:
                break
            }
        }
        walk(document, FieldPath([]))
        return found
    }
}
