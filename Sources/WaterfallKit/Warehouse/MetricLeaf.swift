/// One leaf of `metrics.json` in the long format of SPEC §11: its RFC 6901 path (list items
/// addressed by key), how to read it from the metrics and, unless it is derived, how to write it back.
///
/// `LongFormatLeaves` is the one description of every leaf: flattening (`LongFormat.rows`) and
/// assembling (`LongFormat.assemble`) both walk it, so the two directions cannot drift apart.
struct MetricLeaf<Root> {
    enum Kind: Sendable {
        /// A whole number (`records`, counts, `need`).
        case count
        /// An amount in currency units, exact to the cent.
        case money
        /// A rate, share, quantile or other real number.
        case real
        /// `1` or `0` (`true` and `false` are read too).
        case flag
    }

    var path: String
    var kind: Kind
    var nullable: Bool
    /// The leaf's value as written: a number as text, nil for null.
    let read: (Root) -> String?
    /// Nil for a derived leaf (a rate from its counts): recomputed when assembling, and only
    /// checked against the results when they carry it.
    let write: ((inout Root, LeafNumber) -> Void)?
    /// A leaf the results may leave out; `defaultValue` is used instead.
    var optional = false
}

/// A parsed leaf value.
enum LeafNumber {
    case null
    case count(Int64)
    case money(Money)
    case real(Double)
    case flag(Bool)

    var int: Int { if case let .count(value) = self { return Int(value) } else { return 0 } }
    var int64: Int64? { if case let .count(value) = self { return value } else { return nil } }
    var money: Money { if case let .money(value) = self { return value } else { return .zero } }
    var optionalMoney: Money? { if case let .money(value) = self { return value } else { return nil } }
    var real: Double? { if case let .real(value) = self { return value } else { return nil } }
    var flag: Bool { if case let .flag(value) = self { return value } else { return true } }
}

// MARK: - Building leaves from key paths

extension MetricLeaf {
    static func count(_ path: String, _ keyPath: WritableKeyPath<Root, Int>) -> MetricLeaf {
        MetricLeaf(path: path, kind: .count, nullable: false, read: { String($0[keyPath: keyPath]) },
                   write: { $0[keyPath: keyPath] = $1.int })
    }

    static func optionalCount(_ path: String, _ keyPath: WritableKeyPath<Root, Int64?>) -> MetricLeaf {
        MetricLeaf(path: path, kind: .count, nullable: true, read: { $0[keyPath: keyPath].map { String($0) } },
                   write: { $0[keyPath: keyPath] = $1.int64 })
    }

    static func money(_ path: String, _ keyPath: WritableKeyPath<Root, Money>) -> MetricLeaf {
        MetricLeaf(path: path, kind: .money, nullable: false, read: { $0[keyPath: keyPath].decimalString },
                   write: { $0[keyPath: keyPath] = $1.money })
    }

    static func optionalMoney(_ path: String, _ keyPath: WritableKeyPath<Root, Money?>) -> MetricLeaf {
        MetricLeaf(path: path, kind: .money, nullable: true, read: { $0[keyPath: keyPath]?.decimalString },
                   write: { $0[keyPath: keyPath] = $1.optionalMoney })
    }

    static func real(_ path: String, _ keyPath: WritableKeyPath<Root, Double?>) -> MetricLeaf {
        MetricLeaf(path: path, kind: .real, nullable: true, read: { $0[keyPath: keyPath].map(JSONValue.format) },
                   write: { $0[keyPath: keyPath] = $1.real })
    }

    /// A leaf computed from others (a rate from its counts): flattened, never assembled from.
    static func derived(_ path: String, _ keyPath: KeyPath<Root, Double?>) -> MetricLeaf {
        MetricLeaf(path: path, kind: .real, nullable: true, read: { $0[keyPath: keyPath].map(JSONValue.format) }, write: nil)
    }

    static func derivedCount(_ path: String, _ keyPath: KeyPath<Root, Int>) -> MetricLeaf {
        MetricLeaf(path: path, kind: .count, nullable: false, read: { String($0[keyPath: keyPath]) }, write: nil)
    }

    /// An object that is null (`bridge` on the first snapshot, `plan` without a target): one row
    /// with a null value, which the results may leave out.
    static func absent(_ path: String) -> MetricLeaf {
        var leaf = MetricLeaf(path: path, kind: .count, nullable: true, read: { _ in nil }, write: nil)
        leaf.optional = true
        return leaf
    }
}

// MARK: - RFC 6901

enum JSONPointer {
    /// `/`-joined reference tokens, `~` written `~0` and `/` written `~1` (RFC 6901).
    static func path(_ tokens: String...) -> String { path(tokens) }

    static func path(_ tokens: [String]) -> String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }

    /// One reference token as written in a path, decoded: `~1` is `/`, then `~0` is `~`.
    static func token(_ written: Substring) -> String {
        written.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
}
