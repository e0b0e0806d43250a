/// What the weekly e-mail digest of one snapshot says (SPEC §10), every figure already formatted
/// from the computed metrics. `DigestText` and `DigestHTML` lay it out; `Digest+Message` wraps
/// both in a MIME message. Holds no markup and no encoding.
struct Digest {
    /// A line of the service-level section: one SLA rule of the company scope.
    struct ServiceLevel {
        var name: String
        /// `2 days`.
        var agreed: String
        /// This week's compliance, or nil with `missing` saying why.
        var thisWeek: String?
        var missing: String
        var change: Change?
        var quarterToDate: String?
        /// Leads still waiting past the agreed days (quarter to date): `3 leads`.
        var breached: String
    }

    /// One stage of the reverse funnel: how it is pacing against the plan.
    struct Pace {
        var stage: String
        var actual: String
        var need: String?
        var expected: String?
        /// `+2.5` / `−3.2`; nil when the need is unknown.
        var gap: String?
        var isBehind: Bool
    }

    struct Plan {
        var quarter: String
        var attainment: String?
        var booked: String
        var target: String
        var coverage: String?
        var pace: [Pace]
    }

    /// A dimension value whose open pipeline moved most this week.
    struct Mover {
        var value: String
        var change: Change
        var pipeline: String
        var url: String?
    }

    struct MoverGroup {
        var dimension: String
        var movers: [Mover]
    }

    /// One term of the bridge equation: `+ $800,000 added`.
    struct BridgeTerm {
        var sign: String
        var amount: String
        var label: String
    }

    struct Link {
        var label: String
        var url: String
    }

    var company: String
    var snapshot: Day
    /// `20 Nov 2026`.
    var date: String
    /// `14 – 20 Nov 2026`.
    var weekRange: String
    var quarter: String
    var headlines: [KPITile]
    var serviceLevels: [ServiceLevel]
    /// `start`, the movements, `end`; empty for the first snapshot.
    var bridge: [BridgeTerm]
    /// `13 Nov 2026`, the previous snapshot, or nil for the first one.
    var previousDate: String?
    var plan: Plan?
    var noPlan: String
    var movers: [MoverGroup]
    var commentary: Commentary?
    /// The week's overview page first, then the other pages; empty without `base_url`.
    var links: [Link]
    /// Resolves a link written in commentary to an absolute address, or nil (no base URL, or a
    /// scheme other than http, https and mailto).
    var resolveCommentaryLink: (String) -> String?

    /// `Northwind Robotics — revenue waterfall, week of 20 Nov 2026`.
    var subject: String { "\(company) — revenue waterfall, week of \(date)" }
}
