extension LongFormat {
    /// Every snapshot's metrics from its leaf rows (SPEC §11), in date order: each scope's figures
    /// from its own leaves, derived figures (rates, shares, attainment, coverage, pace gap) recomputed
    /// from their counts and checked against the rows that carry them, the bridge checked to
    /// reconcile, and the trend rebuilt from each snapshot's own leaves (SPEC §6.11). The records
    /// behind the figures are not in the results: `availability.recordLists` is false.
    static func assemble(_ rows: [LeafRow], config: SiteConfig, file: String) throws -> [SnapshotMetrics] {
        var assembler = Assembler(config: config, file: file)
        return try assembler.assemble(rows)
    }
}

private struct Assembler {
    typealias Error = LongFormat.Error

    let config: SiteConfig
    let file: String
    var problems: [Error] = []
    var problemCount = 0

    init(config: SiteConfig, file: String) {
        self.config = config
        self.file = file
    }

    /// A leaf's value and the line it came from.
    struct Cell {
        var value: String?
        var line: Int
    }

    mutating func assemble(_ rows: [LeafRow]) throws -> [SnapshotMetrics] {
        var bySnapshot: [Day: [String: [String: Cell]]] = [:]
        var scopeLines: [String: Int] = [:]
        for row in rows {
            if scopeLines[row.scope] == nil { scopeLines[row.scope] = row.line }
            if let earlier = bySnapshot[row.snapshot]?[row.scope]?[row.path] {
                report(row.line, "path", "a second row for \(row.path) of \(row.scope) on \(row.snapshot.iso) (the first is on line \(earlier.line))",
                       "Export each leaf once: the statement of `waterfall sql` returns one row per leaf")
                continue
            }
            bySnapshot[row.snapshot, default: [:]][row.scope, default: [:]][row.path] = Cell(value: row.value, line: row.line)
        }
        var scopes: [String: Scope] = [:]
        for (key, line) in scopeLines.sorted(by: { $0.value < $1.value }) {
            if let scope = scope(key) { scopes[key] = scope } else {
                report(line, "scope", "unknown scope \"\(key)\"",
                       "A scope is `company` or DIM=VALUE, DIM one of site.yml's dimensions ("
                       + (config.dimensions.isEmpty ? "none" : config.dimensions.joined(separator: ", "))
                       + "): build with the site.yml the statement was generated from")
            }
        }
        if bySnapshot.isEmpty {
            report(nil, nil, "no leaf rows", "Export the result of `waterfall sql` run on a table with at least one snapshot")
        }
        var snapshots: [SnapshotMetrics] = []
        var trends = TrendHistory()
        var previous: Day?
        for date in bySnapshot.keys.sorted() {
            let windows = Windows(snapshot: date, previous: previous, calendar: FiscalCalendar(startMonth: config.fiscalYearStartMonth))
            var leaves = bySnapshot[date]!
            var company = leaves[Scope.company.key] ?? [:]
            var quality = DataQuality(file: file, rows: 0, accepted: 0, diagnostics: [],
                                      availability: InputAvailability(recordLists: false), rowCounts: [:])
            fill(&quality, with: LongFormatLeaves.snapshot(), from: &company, snapshot: date, scope: Scope.company.key, part: "the data-quality page")
            leaves[Scope.company.key] = company
            var metrics: [ScopeMetrics] = []
            for (key, cells) in leaves where scopes[key] != nil {
                guard var scope = scopeMetrics(scopes[key]!, cells: cells, snapshot: date, windows: windows) else { continue }
                trends.add(&scope, snapshot: date, availability: quality.availability)
                metrics.append(scope)
            }
            if bySnapshot[date]![Scope.company.key] == nil {
                report(nil, "scope", "snapshot \(date.iso) has no `company` scope", "Export every row the statement returns for \(date.iso)")
            }
            snapshots.append(SnapshotMetrics(snapshot: date, previousSnapshot: previous, windows: windows, dataQuality: quality,
                                             scopes: metrics.sorted { order($0.scope, $1.scope) }))
            previous = date
        }
        if !problems.isEmpty {
            throw problems.count == 1 && problemCount == 1 ? problems[0] : Error.several(problems, total: problemCount)
        }
        return snapshots
    }
}

// MARK: - One scope

private extension Assembler {
    mutating func scopeMetrics(_ scope: Scope, cells: [String: Cell], snapshot: Day, windows: Windows) -> ScopeMetrics? {
        var cells = cells
        let shape = shape(of: cells)
        let stages = config.stages.indices
        let won = config.wonStageIndex, pipelineStage = config.pipelineStageIndex
        func perSource<Value>(_ value: Value) -> [SourceValue<Value>] { shape.sources.map { SourceValue(source: $0, value: value) } }
        var metrics = ScopeMetrics(
            scope: scope, records: 0, volume: stages.map { _ in WindowCounts() },
            conversion: (0..<won).map { ConversionStep(from: $0) },
            velocity: (0..<won).map { VelocityStep(from: $0, days: []) },
            sla: config.slas.map { SLAResult(rule: $0) },
            pipeline: PipelineSummary(byStage: (pipelineStage..<won).map { StageValue(stage: $0, value: CountAmount()) },
                                      bySource: perSource(CountAmount())),
            bookings: BookingsSummary(bySource: perSource(CountAmount())),
            winRate: WinRateSummary(bySource: perSource(WinRateWindows())),
            marketingShare: MarketingShareSummary(),
            bridge: shape.bridge ? BridgeSummary() : nil,
            plan: shape.plan ? PlanSummary(
                quarter: windows.quarter.label, target: .zero, booked: .zero, remaining: .zero, inQuarterPipeline: .zero,
                avgDeal: nil, reverseFunnel: LongFormatLeaves.reverseFunnelStages(config).map {
                    ReverseFunnelStep(stage: $0, need: nil, actual: 0, expectedByNow: nil)
                }, elapsedFraction: PlanSummary.elapsedFraction(of: windows)) : nil,
            trend: [])
        let before = problemCount
        fill(&metrics, with: LongFormatLeaves.scope(shape, config: config), from: &cells, snapshot: snapshot, scope: scope.key,
             part: nil) { $0.plan?.inQuarterPipeline = $0.pipeline.inQuarter.amount }
        if let bridge = metrics.bridge, bridge.computedEnd != bridge.end || bridge.end != metrics.pipeline.total.amount {
            report(nil, "value", "the bridge of \(scope.key) on \(snapshot.iso) does not reconcile: start + added + increased − decreased − won − lost − removed = "
                   + "\(bridge.computedEnd.decimalString), end = \(bridge.end.decimalString), open pipeline = \(metrics.pipeline.total.amount.decimalString)",
                   "Re-run the statement of `waterfall sql` on the whole table: both snapshots of a bridge must be in it")
        }
        for (path, cell) in cells.sorted(by: { $0.value.line < $1.value.line }) {
            unknownPath(path, cell: cell, scope: scope.key, shape: shape)
        }
        return problemCount == before ? metrics : nil
    }

    /// Sources from any `by_source` key; bridge and plan when any of their leaves is present.
    func shape(of cells: [String: Cell]) -> LongFormatLeaves.Shape {
        var sources = Set<String>()
        for path in cells.keys {
            let tokens = path.split(separator: "/", omittingEmptySubsequences: false)
            if tokens.count > 3, tokens[2] == "by_source", ["pipeline", "bookings", "win_rate"].contains(tokens[1]) {
                sources.insert(JSONPointer.token(tokens[3]))
            }
        }
        return LongFormatLeaves.Shape(sources: sources.sorted { $0.precedesByCodePoint($1) },
                                  bridge: cells.keys.contains { $0.hasPrefix("/bridge/") },
                                  plan: cells.keys.contains { $0.hasPrefix("/plan/") })
    }

    mutating func unknownPath(_ path: String, cell: Cell, scope: String, shape: LongFormatLeaves.Shape) {
        let known = LongFormatLeaves.scope(shape, config: config).map(\.path)
            + (scope == Scope.company.key ? LongFormatLeaves.snapshot().map(\.path) : [])
        let near = FieldPath.suggestions(for: path, among: known, limit: 3)
        report(cell.line, "path", "unknown path \"\(path)\" for scope \(scope)"
               + (near.isEmpty ? "" : " (did you mean \(near.joined(separator: ", "))?)"),
               "Paths follow the leaves of metrics.json (SPEC §11), with stage keys, SLA names and sources as in site.yml "
               + "and the data: build with the site.yml the statement was generated from")
    }
}

// MARK: - Leaves

private extension Assembler {
    /// Writes every leaf found in `cells` (removing it), reports those missing, and checks derived ones.
    mutating func fill<Root>(_ root: inout Root, with leaves: [MetricLeaf<Root>], from cells: inout [String: Cell],
                             snapshot: Day, scope: String, part: String?, finish: (inout Root) -> Void = { _ in }) {
        var derived: [(MetricLeaf<Root>, Cell)] = []
        for leaf in leaves {
            guard let cell = cells.removeValue(forKey: leaf.path) else {
                if leaf.write != nil, !leaf.optional {
                    report(nil, nil, "no row for \(leaf.path) of \(scope) on \(snapshot.iso): \(part ?? Self.part(of: leaf.path)) needs it",
                           "Export every row the statement of `waterfall sql` returns, generated from this site.yml")
                }
                continue
            }
            switch leaf.kind.parse(cell.value, nullable: leaf.nullable) {
            case let .failure(problem):
                report(cell.line, "value", "\(leaf.path) of \(scope) on \(snapshot.iso) \(problem.problem)",
                       leaf.kind == .money ? "Export amounts as DECIMAL(18,2), not floating point" : "Export the value as the statement computes it")
            case let .success(value):
                if let write = leaf.write { write(&root, value) } else { derived.append((leaf, cell)) }
            }
        }
        finish(&root)
        for (leaf, cell) in derived where !Self.same(cell.value, leaf.read(root)) {
            report(cell.line, "value", "\(leaf.path) of \(scope) on \(snapshot.iso) is \(cell.value ?? "null") but its counts give "
                   + (leaf.read(root) ?? "null"), "Re-run the statement of `waterfall sql`: the results disagree with themselves")
        }
    }

    /// Equal as numbers, within 1e-9 relative (rates computed in another engine).
    static func same(_ given: String?, _ computed: String?) -> Bool {
        guard let given, let computed else { return given == nil && computed == nil }
        guard let a = Double(given), let b = Double(computed) else { return false }
        return abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    /// The part of the pages a leaf feeds, for the missing-leaf message.
    static func part(of path: String) -> String {
        let parts = ["records": "the scope's record count", "volume": "the funnel", "conversion": "the funnel's conversion rates",
                     "velocity": "the velocity table", "sla": "the SLA section", "pipeline": "the open pipeline section",
                     "bookings": "the bookings section", "win_rate": "the win-rate section", "marketing_share": "the marketing-sourced share",
                     "bridge": "the pipeline bridge", "plan": "the plan and reverse funnel"]
        let first = path.split(separator: "/").first.map(String.init) ?? ""
        return parts[first] ?? "the page"
    }

    mutating func report(_ line: Int?, _ column: String?, _ problem: String, _ fix: String) {
        problemCount += 1
        if problems.count < LongFormat.shownProblems {
            problems.append(.invalid(file: file, line: line, column: column, problem: problem, fix: fix))
        }
    }
}

// MARK: - Scopes

private extension Assembler {
    /// `company`, or `DIM=VALUE` with DIM one of site.yml's dimensions (the longest that matches).
    func scope(_ key: String) -> Scope? {
        if key == Scope.company.key { return .company }
        let dimension = config.dimensions.filter { key.hasPrefix($0 + "=") }.max { $0.count < $1.count }
        return dimension.map { Scope(dimension: $0, value: String(key.dropFirst($0.count + 1))) }
    }

    /// Company first, then each dimension in site.yml order, values in code-point order (SPEC §7).
    func order(_ a: Scope, _ b: Scope) -> Bool {
        let rank = { (scope: Scope) in scope.dimension.flatMap { self.config.dimensions.firstIndex(of: $0) }.map { $0 + 1 } ?? 0 }
        if rank(a) != rank(b) { return rank(a) < rank(b) }
        return (a.value ?? "").precedesByCodePoint(b.value ?? "")
    }
}
