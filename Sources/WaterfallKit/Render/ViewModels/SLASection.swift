/// One SLA rule: compliance and median days to respond, outcomes this week and quarter to date,
/// and the leads waiting past the agreed days (the first few shown, the rest under a disclosure).
struct SLASection: TemplateSection {
    var name: String
    var stage: String
    var agreed: String
    var week: Window
    var qtd: Window
    var chartHTML: SafeHTML
    var breachedCount: String
    var breachedFirst: [Lead]
    var breachedRest: [Lead]
    /// How many are left out of the page beyond `ScopeViewModel.breachedListLimit`, nil when none.
    var breachedMore: String?
    /// Why no lead is listed when the page was built from warehouse results; nil otherwise.
    var listsUnavailable: String?

    struct Window: TemplateSection {
        var compliance: Shown
        var median: Shown
        var onTime: String
        var late: String
        var pending: String
        var breached: String

        var fields: Fields {
            ["compliance": compliance.fields, "median": median.fields, "onTime": onTime, "late": late,
             "pending": pending, "breached": breached]
        }
    }

    struct Lead: TemplateSection {
        var id: String
        var name: String
        var owner: String
        var entered: String
        var daysWaiting: String

        var fields: Fields { ["id": id, "name": name, "owner": owner, "entered": entered, "daysWaiting": daysWaiting] }
    }

    var fields: Fields {
        var fields: Fields = [
            "name": name, "stage": stage, "agreed": agreed, "week": week.fields, "qtd": qtd.fields,
            "chartHTML": chartHTML, "breachedCount": breachedCount,
        ]
        fields["breachedFirst"] = breachedFirst.isEmpty ? false : ["agreed": agreed, "leads": breachedFirst.fields] as Fields
        fields["breachedRest"] = breachedRest.isEmpty ? false
            : ["agreed": agreed, "count": Format.count(breachedRest.count), "leads": breachedRest.fields] as Fields
        fields["breachedMore"] = breachedMore ?? false
        fields["listsUnavailable"] = listsUnavailable ?? false
        return fields
    }
}

extension SLASection {
    init(_ result: SLAResult, index: Int, in model: ScopeViewModel) {
        let config = model.config
        name = result.rule.name
        stage = config.stageIndex(of: result.rule.from).map { config.stages[$0].name } ?? result.rule.from
        agreed = Format.days(Double(result.rule.days)) ?? ""
        func window(_ window: SLAWindow, _ when: String) -> Window {
            Window(compliance: Shown(Format.percent(window.compliance), else: "no lead was due for a response \(when)"),
                   median: Shown(Format.days(window.medianResponseDays), else: "no lead has been responded to \(when)"),
                   onTime: Format.count(window.onTime), late: Format.count(window.late),
                   pending: Format.count(window.pending), breached: Format.count(window.breached))
        }
        week = window(result.week, "this week")
        qtd = window(result.qtd, "this quarter")
        chartHTML = SLABarChart.render(onTime: result.qtd.onTime, late: result.qtd.late, pending: result.qtd.pending,
                                       breached: result.qtd.breached, rule: result.rule.name,
                                       window: "quarter to date", id: "sla-\(index)")
        breachedCount = Format.count(result.qtd.breached)
        listsUnavailable = model.recordListsAvailable ? nil : ScopeViewModel.noRecordLists
        let leads = result.breachedLeads.prefix(ScopeViewModel.breachedListLimit).map { lead in
            Lead(id: lead.id, name: lead.name, owner: lead.owner.isEmpty ? "Unassigned" : lead.owner,
                 entered: Format.date(lead.enteredOn), daysWaiting: Format.count(lead.daysWaiting))
        }
        breachedFirst = Array(leads.prefix(ScopeViewModel.breachedShownFirst))
        breachedRest = Array(leads.dropFirst(ScopeViewModel.breachedShownFirst))
        breachedMore = result.breachedLeads.count > ScopeViewModel.breachedListLimit
            ? Format.count(result.breachedLeads.count - ScopeViewModel.breachedListLimit) : nil
    }
}
