import Testing
@testable import WaterfallKit

/// The two descriptions of the §11 leaves, `MetricLeaves` (what `waterfall sql` returns) and
/// `LongFormatLeaves` (what `build --metrics` reads back), name the same paths for every site.yml.
@Suite struct LeafDescriptionsTests {
    static let sites: [String] = [
        // Three stages, no SLA, no dimension, no marketing source.
        """
        company: Small
        stages:
          - { key: mql, name: MQL }
          - { key: opportunity, name: Opportunity, pipeline: true }
          - { key: won, name: Won }
        """,
        // The demo's shape: six stages, two SLAs, two dimensions, one marketing source.
        """
        company: Demo
        dimensions: [segment, region]
        marketing_sources: [Marketing]
        stages:
          - { key: inquiry, name: Inquiry }
          - { key: mql, name: MQL }
          - { key: sal, name: SAL }
          - { key: sql, name: SQL }
          - { key: opportunity, name: Opportunity, pipeline: true }
          - { key: won, name: Won }
        slas:
          - { name: Lead acceptance, from: mql, days: 2 }
          - { name: SQL follow-up, from: sql, days: 5 }
        """,
        // The pipeline stage first, names that need RFC 6901 escapes, a fiscal year from July.
        """
        company: Odd
        fiscal_year_start_month: 7
        dimensions: [team/unit]
        marketing_sources: [Web, Events, "a~b/c"]
        stages:
          - { key: deal, name: Deal, pipeline: true }
          - { key: signed, name: Signed }
        slas:
          - { name: "Triage ~ 1/2 day", from: deal, days: 1 }
        """,
        // Pipeline in the middle, three SLAs on different stages.
        """
        company: Wide
        dimensions: [segment]
        marketing_sources: [Marketing, Partner]
        stages:
          - { key: lead, name: Lead }
          - { key: opp, name: Opportunity, pipeline: true }
          - { key: proposal, name: Proposal }
          - { key: closed, name: Closed Won }
        slas:
          - { name: First touch, from: lead, days: 3 }
          - { name: Qualify, from: opp, days: 7 }
          - { name: Propose, from: proposal, days: 10 }
        """,
    ]

    static let shapes: [(sources: [String], bridge: Bool, plan: Bool)] = [
        ([], false, false), (["Marketing"], true, false), (["(none)", "Marketing", "Partner", "a/b~c"], true, true), (["Web"], false, true),
    ]

    @Test func theStatementReturnsExactlyTheLeavesBuildFromResultsReads() throws {
        var compared = 0
        for yaml in Self.sites {
            let config = try SiteConfig.parse(yaml: yaml + "\n")
            for dialect in SQLDialect.allCases {
                let sql = try WarehouseSQL(config: config, dialect: dialect)
                for shape in Self.shapes {
                    for company in [true, false] {
                        let statement = sql.paths(sources: shape.sources, bridge: shape.bridge, plan: shape.plan, company: company)
                        let readBack = LongFormatLeaves.scope(.init(sources: shape.sources, bridge: shape.bridge, plan: shape.plan), config: config)
                        var read = readBack.map(\.path)
                        if company { read += LongFormatLeaves.snapshot().map(\.path) }
                        // Leaves the results may leave out (recomputed or absent from SQL): every one
                        // the assembler needs to write is returned, and nothing it does not know.
                        let needed = readBack.filter { $0.write != nil && !$0.optional }.map(\.path)
                            + (company ? LongFormatLeaves.snapshot().filter { $0.write != nil && !$0.optional }.map(\.path) : [])
                        #expect(Set(statement).count == statement.count, "a path twice in \(config.company)")
                        #expect(Set(statement).isSubset(of: Set(read)), "\(config.company) \(shape): \(Set(statement).subtracting(read).sorted())")
                        #expect(Set(needed).isSubset(of: Set(statement)), "\(config.company) \(shape): \(Set(needed).subtracting(statement).sorted())")
                        // Only the snapshot-level extras no engine computes may be missing from the statement.
                        let unreturned = Set(read).subtracting(statement)
                        #expect(unreturned.isSubset(of: ["/data_quality/excluded", "/availability/amounts", "/availability/sources"]),
                                "\(config.company) \(shape): \(unreturned.sorted())")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == Self.sites.count * SQLDialect.allCases.count * Self.shapes.count * 2)
    }

    @Test func theScopeLeavesAreTheSameInBothDescriptions() throws {
        // Per-scope paths (sources aside, which the statement groups apart), as sets.
        for yaml in Self.sites {
            let config = try SiteConfig.parse(yaml: yaml + "\n")
            for (bridge, plan) in [(false, false), (true, true), (true, false)] {
                let statement = try WarehouseSQL(config: config, dialect: .duckdb).paths(sources: [], bridge: bridge, plan: plan, company: false)
                let read = LongFormatLeaves.scope(.init(sources: [], bridge: bridge, plan: plan), config: config).map(\.path)
                #expect(statement.sorted() == read.sorted(), "\(config.company) bridge \(bridge) plan \(plan)")
            }
        }
    }
}
