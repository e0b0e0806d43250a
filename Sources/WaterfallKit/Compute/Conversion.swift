/// A cohort and how many of it converted.
struct Cohort: Codable, Equatable, Sendable {
    var cohort = 0
    var converted = 0
    var rate: Double? { WaterfallKit.rate(converted, cohort) }
}

/// Conversion out of one stage, in the quarter-to-date and thirteen-week cohorts.
struct ConversionStep: Codable, Equatable, Sendable {
    var from: Int
    var qtd = Cohort()
    var t13 = Cohort()
}

/// Who is in which conversion cohort; `conversion(of:in:)`, velocity and `Explainer` ask here.
enum Conversion {
    /// In the cohort of `stage` for a window: an explicit `stage` date in the window.
    @inline(__always)
    static func inCohort(_ record: Record, stage: Int, window: DateWindow) -> Bool {
        window.contains(record.stageDate(stage))
    }

    /// Converted out of `stage`: an explicit date at any later stage.
    @inline(__always)
    static func converted(_ record: Record, stage: Int) -> Bool { record.hasDate(after: stage) }
}

/// Conversion (SPEC §6.2), for every stage s but the last, windows `qtd` and `t13`:
/// cohort = records with an explicit `s` date in the window; converted = cohort records with an
/// explicit date at any later stage; rate = converted / cohort.
func conversion(of scope: ScopeRecords, in context: MetricContext) -> [ConversionStep] {
    var tally = ConversionTally(context)
    for record in scope { tally.add(record, context) }
    return tally.steps
}

/// Conversion counted one record at a time (`MetricsEngine` feeds every scope of a record in one pass).
struct ConversionTally {
    var steps: [ConversionStep]

    init(_ context: MetricContext) { steps = (0..<context.wonStage).map { ConversionStep(from: $0) } }

    @inline(__always)
    mutating func add(_ record: Record, _ context: MetricContext) {
        let windows = context.windows
        for stage in 0..<context.wonStage {
            let converted = Conversion.converted(record, stage: stage)
            if Conversion.inCohort(record, stage: stage, window: windows.qtd) {
                steps[stage].qtd.cohort += 1
                if converted { steps[stage].qtd.converted += 1 }
            }
            if Conversion.inCohort(record, stage: stage, window: windows.t13) {
                steps[stage].t13.cohort += 1
                if converted { steps[stage].t13.converted += 1 }
            }
        }
    }
}
