import Testing
@testable import WaterfallKit

/// SplitMix64: a tiny seeded generator so generated data is the same on every run.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random messy snapshots of one evolving population: skipped and out-of-order stages, future
/// dates, won-and-lost, missing amounts and values, deals that change segment or disappear.
private func randomSnapshots(seed: UInt64, weeks: Int, records: Int) -> [(String, String)] {
    var random = TestRandom(state: seed)
    let segments = ["Enterprise", "SMB", "Mid-Market", ""], regions = ["EMEA", "APAC", "NA"]
    let sources = ["Marketing", "Sales", "Partner", ""]
    let last = day("2026-11-20")
    var snapshots: [(String, String)] = []
    for week in 0..<weeks {
        let date = last.adding(days: -7 * (weeks - 1 - week) - (week == 1 ? 3 : 0))
        var lines = ["id,source,segment,region,inquiry_date,mql_date,sal_date,sql_date,opportunity_date,won_date,lost_date,amount,close_date"]
        var rowRandom = TestRandom(state: seed &+ 1)
        for index in 0..<records {
            var fields = ["R\(index)"]
            // Per-record attributes come from rowRandom (stable across snapshots) with some drift from random.
            let drift = Int.random(in: 0..<20, using: &random) == 0
            fields.append(sources.randomElement(using: &rowRandom)!)
            let segment = segments.randomElement(using: &rowRandom)!
            fields.append(drift ? segments.randomElement(using: &random)! : segment)
            fields.append(regions.randomElement(using: &rowRandom)!)
            let start = date.adding(days: -Int.random(in: 0..<200, using: &rowRandom))
            var current = start
            var stageFields: [String] = []
            let reach = Int.random(in: -1..<6, using: &rowRandom)
            for stage in 0..<6 {
                let skip = Int.random(in: 0..<4, using: &rowRandom) == 0
                current = current.adding(days: Int.random(in: -3..<25, using: &rowRandom))
                stageFields.append(stage <= reach && !skip ? current.iso : "")
            }
            fields += stageFields
            let lost = Int.random(in: 0..<4, using: &rowRandom) == 0 ? current.adding(days: Int.random(in: 0..<30, using: &rowRandom)).iso : ""
            fields.append(lost)
            let hasAmount = Int.random(in: 0..<8, using: &rowRandom) != 0
            fields.append(hasAmount ? "\(Int.random(in: 0..<100_000, using: &random)).\(Int.random(in: 0..<100, using: &random))" : "")
            fields.append(start.adding(days: Int.random(in: 0..<240, using: &random)).iso)
            if Int.random(in: 0..<15, using: &random) != 0 { lines.append(fields.joined(separator: ",")) }
        }
        snapshots.append((date.iso, lines.joined(separator: "\n") + "\n"))
    }
    return snapshots
}

private func propertyConfig() -> SiteConfig {
    var config = testConfig(dimensions: ["segment", "region"])
    config.slas.append(SLARule(name: "SQL follow-up", from: "sql", days: 5))
    return config
}

@Test(arguments: [1, 2, 3] as [UInt64])
func dimensionScopesSumToTheCompanyForEveryCount(seed: UInt64) throws {
    let sequence = try metricsSequence(randomSnapshots(seed: seed, weeks: 6, records: 400), config: propertyConfig())
    for snapshot in sequence {
        let company = snapshot.company
        for dimension in ["segment", "region"] {
            let parts = snapshot.scopes.filter { $0.scope.dimension == dimension }
            #expect(parts.reduce(0) { $0 + $1.records } == company.records)
            for stage in 0..<6 {
                #expect(parts.reduce(0) { $0 + $1.volume[stage].week } == company.volume[stage].week)
                #expect(parts.reduce(0) { $0 + $1.volume[stage].qtd } == company.volume[stage].qtd)
                #expect(parts.reduce(0) { $0 + $1.volume[stage].t13 } == company.volume[stage].t13)
            }
            for stage in 0..<5 {
                #expect(parts.reduce(0) { $0 + $1.conversion[stage].t13.converted } == company.conversion[stage].t13.converted)
                #expect(parts.reduce(0) { $0 + $1.conversion[stage].qtd.cohort } == company.conversion[stage].qtd.cohort)
                #expect(parts.reduce(0) { $0 + $1.velocity[stage].n } == company.velocity[stage].n)
            }
            for rule in 0..<2 {
                #expect(parts.reduce(0) { $0 + $1.sla[rule].qtd.population } == company.sla[rule].qtd.population)
                #expect(parts.reduce(0) { $0 + $1.sla[rule].week.breached } == company.sla[rule].week.breached)
            }
            #expect(parts.reduce(Money.zero) { $0 + $1.pipeline.total.amount } == company.pipeline.total.amount)
            #expect(parts.reduce(0) { $0 + $1.pipeline.inQuarter.count } == company.pipeline.inQuarter.count)
            #expect(parts.reduce(Money.zero) { $0 + $1.pipeline.pastDue.amount } == company.pipeline.pastDue.amount)
            #expect(parts.reduce(Money.zero) { $0 + $1.bookings.qtd.amount } == company.bookings.qtd.amount)
            #expect(parts.reduce(0) { $0 + $1.bookings.week.count } == company.bookings.week.count)
            #expect(parts.reduce(0) { $0 + $1.winRate.t13.lost } == company.winRate.t13.lost)
            #expect(parts.reduce(Money.zero) { $0 + $1.winRate.qtd.wonAmount } == company.winRate.qtd.wonAmount)
            #expect(parts.reduce(0) { $0 + $1.marketingShare.t13.marketing.count } == company.marketingShare.t13.marketing.count)
            if let bridge = company.bridge {
                #expect(parts.reduce(Money.zero) { $0 + ($1.bridge?.start ?? .zero) } == bridge.start)
                #expect(parts.reduce(Money.zero) { $0 + ($1.bridge?.end ?? .zero) } == bridge.end)
                #expect(parts.reduce(0) { $0 + ($1.bridge?.won.count ?? 0) } == bridge.won.count)
            }
        }
    }
}

@Test(arguments: [4, 5] as [UInt64])
func bridgesReconcileAndRatesLieBetweenZeroAndOne(seed: UInt64) throws {
    let sequence = try metricsSequence(randomSnapshots(seed: seed, weeks: 5, records: 300), config: propertyConfig())
    var bridges = 0
    for snapshot in sequence {
        for scope in snapshot.scopes {
            if let bridge = scope.bridge {
                bridges += 1
                #expect(bridge.computedEnd == bridge.end)
                #expect(bridge.end == scope.pipeline.total.amount)
                for (deals, movement) in [(bridge.wonDeals, bridge.won), (bridge.lostDeals, bridge.lost), (bridge.removedDeals, bridge.removed)] {
                    #expect(CountAmount(count: deals.count, amount: deals.reduce(Money.zero) { $0 + $1.amount }) == movement)
                }
            }
            var rates: [Double?] = scope.conversion.flatMap { [$0.qtd.rate, $0.t13.rate] }
            rates += scope.sla.flatMap { [$0.week.compliance, $0.qtd.compliance] }
            rates += [scope.winRate.qtd.rate, scope.winRate.t13.amountRate, scope.marketingShare.qtd.countShare,
                      scope.marketingShare.t13.amountShare]
            rates += scope.winRate.bySource.flatMap { [$0.value.qtd.rate, $0.value.t13.amountRate] }
            for rate in rates.compactMap({ $0 }) {
                #expect((0...1).contains(rate))
            }
        }
    }
    #expect(bridges > 0)
}

@Test func generatedDataExercisesTheMessyCorners() throws {
    let config = propertyConfig()
    let snapshots = randomSnapshots(seed: 9, weeks: 2, records: 400)
    let last = try snapshot(snapshots[1].1, date: snapshots[1].0, config: config)
    #expect(last.count(of: .w1) > 0)
    #expect(last.count(of: .w2) > 0)
    #expect(last.count(of: .w3) > 0)
    #expect(last.count(of: .e6) > 0)
    #expect(last.sources.contains("Unassigned"))
}
