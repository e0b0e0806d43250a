import WaterfallKit

/// The vocabulary of the demo company: segments, regions, channels, people, reasons, names.
enum DemoCatalog {
    static let company = "Northwind Robotics"

    enum Stage {
        static let inquiry = 0, mql = 1, sal = 2, sql = 3, opportunity = 4, won = 5
        static let count = 6
    }

    enum Segment {
        static let enterprise = 0, midMarket = 1, smb = 2
    }

    enum Source {
        static let marketing = 0, sales = 1, partner = 2
    }

    static let segments = ["Enterprise", "Mid-Market", "SMB"]
    static let regions = ["North America", "EMEA", "APAC", "LATAM"]
    static let regionWeights = [0.45, 0.30, 0.15, 0.10]
    static let sources = ["Marketing", "Sales", "Partner"]

    /// Channels with the source they belong to, the share of that source's records,
    /// and (marketing only) the chance an inquiry becomes an MQL.
    static let channels: [(name: String, source: Int, weight: Double, mqlRate: Double)] = [
        ("Paid Search", Source.marketing, 0.28, 0.14),
        ("Webinar", Source.marketing, 0.15, 0.22),
        ("Events", Source.marketing, 0.10, 0.24),
        ("Content", Source.marketing, 0.25, 0.11),
        ("Paid Social", Source.marketing, 0.12, 0.09),
        ("Website", Source.marketing, 0.10, 0.38),
        ("Outbound", Source.sales, 0.70, 0),
        ("Referral", Source.sales, 0.20, 0),
        ("Expansion", Source.sales, 0.10, 0),
        ("Partner Portal", Source.partner, 0.70, 0),
        ("Reseller", Source.partner, 0.30, 0),
    ]

    /// Account executives, each with the segment and regions they cover.
    static let accountExecutives: [(name: String, segment: Int, regions: [Int])] = [
        ("Jordan Ellis", Segment.enterprise, [0]),
        ("Priya Raman", Segment.enterprise, [0]),
        ("Lukas Brenner", Segment.enterprise, [1]),
        ("Mei Tanaka", Segment.enterprise, [2, 3]),
        ("Carlos Medina", Segment.midMarket, [0]),
        ("Hannah Okafor", Segment.midMarket, [0]),
        ("Sophie Laurent", Segment.midMarket, [1]),
        ("Arjun Mehta", Segment.midMarket, [2]),
        ("Valentina Rojas", Segment.midMarket, [3]),
        ("Tyler Brooks", Segment.smb, [0]),
        ("Grace Kim", Segment.smb, [0, 3]),
        ("Nils Andersen", Segment.smb, [1, 2]),
    ]

    /// Sales development reps who work MQLs until they are accepted, by region.
    static let developmentReps: [(name: String, region: Int)] = [
        ("Ava Thompson", 0), ("Ben Carter", 0), ("Chloe Dubois", 1), ("Kenji Watanabe", 2), ("Diego Alvarez", 3),
    ]

    static var owners: [String] { accountExecutives.map(\.name) + developmentReps.map(\.name) }

    /// Deal size by segment: median and spread of a log-normal, clamp range, rounding step (dollars).
    static let dealSize: [(median: Double, sigma: Double, range: ClosedRange<Double>, step: Double)] = [
        (140_000, 0.32, 70_000...420_000, 500),
        (36_000, 0.30, 15_000...90_000, 250),
        (8_500, 0.33, 3_500...18_000, 50),
    ]

    /// Days from opportunity to close by segment: median, spread, clamp range.
    static let salesCycle: [(median: Double, sigma: Double, range: ClosedRange<Double>)] = [
        (92, 0.28, 50...170),
        (62, 0.28, 32...120),
        (38, 0.30, 21...80),
    ]

    static let winRate = [0.23, 0.27, 0.30]

    static let lostReasons = [
        // Rejected MQLs (0..<5)
        "Not a fit", "Student or job seeker", "Duplicate lead", "Competitor", "Consultant, no buying role",
        // Accepted leads and SQLs that do not go on (5..<9)
        "No project", "No budget, revisit next FY", "Unresponsive", "Chose to wait",
        // Opportunities (9..<16)
        "Lost to competitor", "No decision", "Budget cut, project postponed", "Price", "Timing, revisit next year",
        "Chose in-house automation", "Integration concerns",
        // Data quality fix-ups (16)
        "Duplicate opportunity",
    ]
    static let mqlRejectionReasons = 0..<5
    static let qualificationReasons = 5..<9
    static let opportunityReasons = 9..<16
    static let duplicateReason = 16

    static let namePrefixes = [
        "Acme", "Apex", "Atlas", "Baltic", "Beacon", "Blue Ridge", "Cascade", "Cobalt", "Copperline", "Crescent",
        "Delta", "Eastgate", "Evergreen", "Falcon", "Fjord", "Granite", "Harbor", "Helix", "Highland", "Ironwood",
        "Juniper", "Keystone", "Lakeside", "Lumen", "Magnolia", "Meridian", "Northstar", "Oakridge", "Orion", "Pacific",
        "Pinnacle", "Prairie", "Quarry", "Redwood", "Riverside", "Sable", "Sierra", "Silverline", "Summit", "Tamarack",
        "Tidewater", "Trident", "Union", "Vantage", "Vertex", "Westfield", "Willow", "Zenith", "O'Neill", "St. Clair",
    ]
    static let nameIndustries = [
        "Logistics", "Packaging", "Foods", "Auto", "Metals", "Pharma", "Plastics", "Electric", "Aero",
        "Freight", "Drinks", "Textiles", "Parts", "Steel", "Medical", "Paper", "Glass", "Tooling",
        "Supply", "Cold Chain", "Machining", "Battery", "Chemical", "Furniture", "Dairy",
    ]
    /// Legal suffixes by region (often left out); some contain a comma, so the name is quoted in the CSV.
    static let nameSuffixes: [[String]] = [
        ["", "", "", "", "", "Inc.", ", Inc.", "LLC", "Corp.", "Co."],
        ["", "", "", "", "", "GmbH", "AG", "Ltd", "S.A.", "B.V.", "plc", "S.p.A."],
        ["", "", "", "", "", "Pte Ltd", "Co., Ltd.", "K.K.", "Pty Ltd", "Ltd"],
        ["", "", "", "", "", "S.A. de C.V.", "Ltda.", "S.A.", "S.R.L."],
    ]
}
