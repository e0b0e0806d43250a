import WaterfallKit

/// The built-in demo company, Northwind Robotics: a complete `content/` folder generated
/// from a seed, with weekly CRM exports of one simulated population of leads.
///
/// Each export covers the last 12 months of activity: a snapshot omits records that closed
/// (won or lost) or went quiet more than 365 days before its date.
public struct DemoCompany: Sendable {
    /// What to generate: the size of the latest export, how many weekly exports, and the seed.
    public struct Options: Sendable, Equatable {
        /// Roughly the number of rows in the latest snapshot.
        public var records: Int
        /// Number of weekly snapshots, every 7 days, the last on `lastSnapshot`.
        public var weeks: Int
        public var seed: UInt64
        public var lastSnapshot: Day

        public init(records: Int = 3000, weeks: Int = 20, seed: UInt64 = 42,
                    lastSnapshot: Day = Day(year: 2026, month: 11, day: 20)!) {
            self.records = records
            self.weeks = weeks
            self.seed = seed
            self.lastSnapshot = lastSnapshot
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Every file of the demo content folder, paths relative to it
    /// ("site.yml", "snapshots/2026-11-20.csv", ...), sorted by path.
    public func files() -> [ContentFile] {
        let plan = DemoPlan(options: options)
        let population = DemoPopulation.simulate(plan)
        let targets = DemoTargets(plan: plan, population: population)
        var files = [ContentFile(path: "site.yml", text: DemoSite.yaml(plan))]
        files.append(ContentFile(path: "targets.csv", text: targets.csv))
        let writer = DemoSnapshotWriter(plan: plan, population: population)
        for (index, day) in plan.snapshots.enumerated() {
            files.append(ContentFile(path: "snapshots/\(day.iso).csv",
                                  contents: writer.csv(at: day, isLatest: index == plan.snapshots.count - 1)))
        }
        files += DemoCommentary(plan: plan, population: population, targets: targets).files()
        return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}


/// The calendar of one generation run: snapshot days, how far history reaches, the quarters.
struct DemoPlan: Sendable {
    static let fiscalYearStartMonth = 2
    /// A snapshot keeps records whose last activity is at most this many days old.
    static let retentionDays = 365

    var options: Options
    var snapshots: [Day]
    /// The first day on which leads arrive: 15 months before the first snapshot.
    var historyStart: Day
    /// The last day on which leads arrive: the end of the last snapshot's fiscal quarter,
    /// so the plan for that quarter can be set from what the simulation would book.
    var historyEnd: Day
    /// The fiscal quarters that contain a snapshot, in order.
    var quarters: [DemoQuarter]

    typealias Options = DemoCompany.Options

    init(options: Options) {
        var options = options
        options.records = max(1, options.records)
        options.weeks = max(1, options.weeks)
        self.options = options
        snapshots = (0..<options.weeks).reversed().map { options.lastSnapshot.adding(days: -7 * $0) }
        historyStart = snapshots[0].adding(days: -455)
        var quarters: [DemoQuarter] = []
        for day in snapshots where quarters.last?.contains(day) != true {
            quarters.append(DemoQuarter(containing: day, startMonth: DemoPlan.fiscalYearStartMonth))
        }
        self.quarters = quarters
        historyEnd = quarters[quarters.count - 1].end
    }

    var lastSnapshot: Day { options.lastSnapshot }
    var seed: UInt64 { options.seed }
}
