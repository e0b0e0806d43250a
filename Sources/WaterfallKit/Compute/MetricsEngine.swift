/// Computes the metrics of each snapshot, one at a time and in date order.
///
/// Only the previous snapshot and each scope's trend points are carried from one snapshot to
/// the next, so a build holds at most two snapshots in memory and a cache can store each result.
struct MetricsEngine: Sendable {
    enum Error: Swift.Error, CustomStringConvertible {
        case bridgeDoesNotReconcile(snapshot: Day, scope: String, computed: Money, openPipeline: Money)

        var description: String {
            switch self {
            case let .bridgeDoesNotReconcile(snapshot, scope, computed, open):
                return "internal error: the pipeline bridge of \(scope) on \(snapshot.iso) ends at \(computed.decimalString) "
                    + "but the open pipeline is \(open.decimalString). Please report this with the input files."
            }
        }
    }

    var config: SiteConfig
    var targets: Targets
    /// Trend points so far, per scope.
    private(set) var trends = TrendHistory()

    init(config: SiteConfig, targets: Targets = .none) {
        self.config = config
        self.targets = targets
    }

    /// The metrics of `current`, with `previous` (the snapshot before it) for the week window and the bridge.
    mutating func metrics(for current: Snapshot, previous: Snapshot?) throws -> SnapshotMetrics {
        let context = MetricContext(config: config, snapshot: current.date, previous: previous?.date,
                                    sources: current.sources)
        let bridgeSnapshots = previous.map { BridgeSnapshots(previous: $0, current: current, context: context) }
        var scopes: [ScopeMetrics] = []
        let (scopeList, tallies) = scopesAndTallies(current, context: context)
        // Each scope on its own thread, the trends added in scope order after.
        let engine = self
        let results = ComputeParallelism.map(scopeList.count) { index in
            Result { try engine.scopeMetrics(scopeList[index], tally: tallies[index], bridgeSnapshots: bridgeSnapshots, context: context) }
        }
        for result in results {
            var metrics = try result.get()
            trends.add(&metrics, snapshot: current.date, availability: current.availability)
            scopes.append(metrics)
        }
        let quality = DataQuality(file: current.file, rows: current.rowCount, accepted: current.records.count,
                                  diagnostics: current.diagnostics, ignored: current.ignored,
                                  availability: current.availability)
        return SnapshotMetrics(snapshot: current.date, previousSnapshot: previous?.date, windows: context.windows,
                               dataQuality: quality, scopes: scopes)
    }
}

extension MetricsEngine {
    /// A snapshot's metrics as the build cache stored them (no trends): adds its trend points and
    /// returns it with every scope's trend so far, as `metrics(for:previous:)` would have.
    mutating func restore(_ stored: SnapshotMetrics) -> SnapshotMetrics {
        var metrics = stored
        for index in metrics.scopes.indices {
            trends.add(&metrics.scopes[index], snapshot: metrics.snapshot, availability: metrics.dataQuality.availability)
        }
        return metrics
    }
}

// MARK: - Scopes

extension MetricsEngine {
    /// The company scope, then each dimension in `site.yml` order with its values in code-point order.
    func scopeRecords(of snapshot: Snapshot) -> [ScopeRecords] {
        (0...config.dimensions.count).flatMap { scopeRecords(of: snapshot, group: $0) }
    }

    /// One group of `scopeRecords(of:)`: the company (group 0), or dimension `group - 1`'s values.
    func scopeRecords(of snapshot: Snapshot, group: Int) -> [ScopeRecords] {
        let records = snapshot.records
        guard group > 0 else {
            return [ScopeRecords(scope: .company, all: records, members: nil, texts: snapshot.texts,
                                 sources: sortedSources(records.indices.lazy.map(Int32.init), snapshot))]
        }
        let dimension = group - 1
        let values = snapshot.dimensionValues[dimension]
        var groups = Array(repeating: [Int32](), count: values.count)
        for (position, record) in records.enumerated() {
            groups[Int(record.dimensionValue(dimension))].append(Int32(position))
        }
        return values.indices.sorted { values[$0].precedesByCodePoint(values[$1]) }.map { index in
            ScopeRecords(scope: Scope(dimension: config.dimensions[dimension], value: values[index]), all: records,
                         members: groups[index], texts: snapshot.texts, sources: sortedSources(groups[index], snapshot))
        }
    }

    private func sortedSources(_ positions: some Sequence<Int32>, _ snapshot: Snapshot) -> [Int32] {
        var present = Array(repeating: false, count: snapshot.sources.count)
        for position in positions { present[Int(snapshot.records[Int(position)].source)] = true }
        return snapshot.sources.indices.filter { present[$0] }
            .sorted { snapshot.sources[$0].precedesByCodePoint(snapshot.sources[$1]) }
            .map(Int32.init)
    }
}

// MARK: - One pass over the records

/// Every family's tally of one scope.
struct ScopeTally {
    var volume: VolumeTally
    var conversion: ConversionTally
    var velocity: VelocityTally
    var sla: SLATally
    var pipeline: PipelineTally
    var bookings: BookingsTally
    var winRate: WinRateTally
    var marketingShare = MarketingShareTally()

    init(_ context: MetricContext) {
        volume = VolumeTally(context)
        conversion = ConversionTally(context)
        velocity = VelocityTally(context)
        sla = SLATally(context)
        pipeline = PipelineTally(context)
        bookings = BookingsTally(context)
        winRate = WinRateTally(context)
    }

    @inline(__always)
    mutating func add(_ record: Record, _ context: MetricContext, texts: RecordTexts) {
        volume.add(record, context)
        conversion.add(record, context)
        velocity.add(record, context)
        sla.add(record, context, texts: texts)
        pipeline.add(record, context)
        bookings.add(record, context)
        winRate.add(record, context)
        marketingShare.add(record, context)
    }
}

private extension MetricsEngine {
    /// What a pass over the records made: one group's record lists, or its tallies.
    enum Pass {
        case scopes([ScopeRecords])
        case tallies([ScopeTally])
    }

    /// The scopes' record lists (`scopeRecords`) and their tallies, in scope order. Each group of
    /// scopes (the company, then each dimension's values) is tallied in one pass over the records
    /// and gets its lists in another: every pass is a task of its own, all run in parallel (issue
    /// 10: the lists were made first, on one core, a fifth of the metrics' time on a 1M-row snapshot).
    func scopesAndTallies(_ snapshot: Snapshot, context: MetricContext) -> ([ScopeRecords], [ScopeTally]) {
        // Per dimension, value index → position among the dimension's scopes (values in code-point order).
        let scopeOfValue: [[Int]] = config.dimensions.indices.map { dimension in
            let values = snapshot.dimensionValues[dimension]
            var map = Array(repeating: 0, count: values.count)
            for (position, index) in values.indices.sorted(by: { values[$0].precedesByCodePoint(values[$1]) }).enumerated() {
                map[index] = position
            }
            return map
        }
        // The tallies first: they take longest, and the lists fill the gaps.
        let groups = 1 + scopeOfValue.count
        let passes = ComputeParallelism.map(2 * groups) { task -> Pass in
            task < groups ? .tallies(tally(group: task, snapshot, scopeOfValue: scopeOfValue, context: context))
                : .scopes(scopeRecords(of: snapshot, group: task - groups))
        }
        var scopes: [ScopeRecords] = [], tallies: [ScopeTally] = []
        for pass in passes {
            switch pass {
            case let .scopes(list): scopes += list
            case let .tallies(group): tallies += group
            }
        }
        return (scopes, tallies)
    }

    /// Visits each record once and adds it to the group's scope it is in: group 0 is the company,
    /// group 1 + d dimension d's values (before: one pass per family per scope, 8 × every scope).
    /// Each scope sees the records in file order.
    func tally(group: Int, _ snapshot: Snapshot, scopeOfValue: [[Int]], context: MetricContext) -> [ScopeTally] {
        let texts = snapshot.texts
        let dimension = group - 1
        var tallies = Array(repeating: ScopeTally(context), count: group == 0 ? 1 : scopeOfValue[dimension].count)
        tallies.withUnsafeMutableBufferPointer { tallies in
            if group == 0 {
                for record in snapshot.records { tallies[0].add(record, context, texts: texts) }
            } else {
                let scopeOf = scopeOfValue[dimension]
                for record in snapshot.records {
                    tallies[scopeOf[Int(record.dimensionValue(dimension))]].add(record, context, texts: texts)
                }
            }
        }
        return tallies
    }
}

// MARK: - One scope

private extension MetricsEngine {
    func scopeMetrics(_ scope: ScopeRecords, tally: ScopeTally, bridgeSnapshots: BridgeSnapshots?,
                      context: MetricContext) throws -> ScopeMetrics {
        let volume = tally.volume.counts
        let conversion = tally.conversion.steps
        var pipeline = tally.pipeline.summary(sources: scope.sources, context)
        (pipeline.pastDueDeals, pipeline.inQuarterDeals) = Pipeline.deals(of: tally.pipeline, texts: scope.texts)
        let bookings = tally.bookings.summary(sources: scope.sources, context)
        let winRate = tally.winRate.summary(sources: scope.sources, context)
        var bridgeSummary: BridgeSummary?
        if let bridgeSnapshots {
            let summary = bridge(for: scope.scope, across: bridgeSnapshots, in: context)
            guard summary.computedEnd == summary.end, summary.end == pipeline.total.amount else {
                throw Error.bridgeDoesNotReconcile(snapshot: context.snapshot, scope: scope.scope.key,
                                                   computed: summary.computedEnd, openPipeline: pipeline.total.amount)
            }
            bridgeSummary = summary
        }
        let quarter = context.windows.quarter.label
        let planSummary = targets.target(quarter: quarter, scope: scope.scope).map {
            plan(target: $0, volume: volume, conversion: conversion, bookings: bookings,
                 winRate: winRate, pipeline: pipeline, in: context)
        }
        return ScopeMetrics(
            scope: scope.scope, records: scope.count, volume: volume, conversion: conversion,
            velocity: tally.velocity.steps, sla: tally.sla.results,
            pipeline: pipeline, bookings: bookings, winRate: winRate,
            marketingShare: tally.marketingShare.summary,
            bridge: bridgeSummary, plan: planSummary, trend: [])
    }
}
