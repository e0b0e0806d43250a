/// The records behind one figure: a table with one row per record, their count and amount, and
/// the figure as `metrics.json` publishes it.
public struct Explanation: Sendable {
    /// A column of the table; `fromData` marks text taken from the export (guarded in CSV).
    struct Column: Sendable, Equatable {
        var name: String
        var fromData: Bool
    }

    /// The figure as written in `metrics.json`: a count, an amount, or both ({count, amount}).
    struct Published: Sendable, Equatable {
        var count: Int?
        var amount: String?

        init(_ value: JSONValue, measure: ExplainedFigure.Measure) {
            func read(_ value: JSONValue?) -> (Int?, String?) {
                switch value {
                case let .int(number)?: return (Int(number), nil)
                case let .number(text)?: return (nil, text)
                default: return (nil, nil)
                }
            }
            switch measure {
            case .count: count = read(value).0
            case .amount: amount = read(value).1
            case .countAndAmount:
                if case let .object(members) = value {
                    count = read(members.first { $0.0 == "count" }?.1).0
                    amount = read(members.first { $0.0 == "amount" }?.1).1
                } else {
                    amount = read(value).1
                }
            }
        }
    }

    /// The canonical path, e.g. `sla[0].qtd.breached`.
    var field = ""
    var scope = ""
    var snapshot = Day(daysSinceEpoch: 0)
    var columns: [Column]
    var rows: [[String]]
    var count: Int
    /// The sum of the rows' amounts; nil when the rows have none (row problems).
    var amount: Money?
    var measure = ExplainedFigure.Measure.count
    var published = Published(.null, measure: .count)

    /// Whether the rows add up to the published figure, in what the field measures.
    public var reconciles: Bool {
        (published.count.map { $0 == count } ?? true) && (published.amount.map { $0 == amount?.decimalString } ?? true)
            && (published.count != nil || published.amount != nil)
    }

    /// One line for people: what was listed and how it compares with `metrics.json`.
    public var summary: String {
        var figures: [String] = []
        if let count = published.count { figures.append("count \(count)") }
        if let amount = published.amount { figures.append("amount \(amount)") }
        let listed = "\(count) record\(count == 1 ? "" : "s")" + (measure == .count ? "" : amount.map { ", amount \($0.decimalString)" } ?? "")
        let verdict = reconciles ? "matches" : "does NOT match"
        return "\(field) of \(scope) on \(snapshot.iso): \(listed); \(verdict) metrics.json (\(figures.joined(separator: ", ")))."
    }
}
