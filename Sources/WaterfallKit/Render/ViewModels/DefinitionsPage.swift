/// The definitions page: the stages in the company's words, the windows of the week, the SLA
/// rules and the names the formulas (written in the template) refer to.
struct DefinitionsPage: TemplateSection {
    var stages: [Stage]
    var slas: [Rule]
    var week: String
    var qtd: String
    var t13: String
    var isFirstSnapshot: Bool
    var quarter: String
    var pipelineStage: String
    var wonStage: String
    var marketingSources: String
    var band: String
    var dimensions: String
    var currency: String
    var fiscalStart: String

    struct Stage: TemplateSection {
        var name: String
        var key: String
        var owner: String
        var definition: String?
        var column: String
        var isPipeline: Bool
        var isWon: Bool

        var fields: Fields {
            ["name": name, "key": key, "owner": owner, "column": column, "isPipeline": isPipeline, "isWon": isWon,
             "definition": definition ?? false]
        }
    }

    struct Rule: TemplateSection {
        var name: String
        var stage: String
        var days: String

        var fields: Fields { ["name": name, "stage": stage, "days": days] }
    }

    var fields: Fields {
        [
            "stages": stages.fields, "slas": slas.fields, "hasSLAs": !slas.isEmpty,
            "week": week, "qtd": qtd, "t13": t13, "isFirstSnapshot": isFirstSnapshot, "quarter": quarter,
            "pipelineStage": pipelineStage, "wonStage": wonStage, "marketingSources": marketingSources, "band": band,
            "dimensions": dimensions, "currency": currency, "fiscalStart": fiscalStart,
        ]
    }
}

extension SiteRenderer {
    func definitions(_ snapshot: SnapshotMetrics) -> DefinitionsPage {
        let windows = snapshot.windows
        return DefinitionsPage(
            stages: config.stages.enumerated().map { index, stage in
                .init(name: stage.name, key: stage.key, owner: stage.owner.isEmpty ? "—" : stage.owner,
                      definition: stage.definition.isEmpty ? nil : stage.definition, column: config.header(for: stage.dateField),
                      isPipeline: index == config.pipelineStageIndex, isWon: index == config.wonStageIndex)
            },
            slas: config.slas.map { rule in
                .init(name: rule.name, stage: config.stageIndex(of: rule.from).map { config.stages[$0].name } ?? rule.from,
                      days: Format.days(Double(rule.days)) ?? "")
            },
            week: Format.range(windows.week), qtd: Format.range(windows.qtd), t13: Format.range(windows.t13),
            isFirstSnapshot: snapshot.previousSnapshot == nil, quarter: windows.quarter.label,
            pipelineStage: config.stages[config.pipelineStageIndex].name, wonStage: config.stages[config.wonStageIndex].name,
            marketingSources: config.marketingSources.joined(separator: ", "),
            band: Format.band(config.marketingBand),
            dimensions: config.dimensions.map(config.label(ofDimension:)).joined(separator: ", "),
            currency: config.currency,
            fiscalStart: Format.monthNames[max(0, min(11, config.fiscalYearStartMonth - 1))])
    }
}
