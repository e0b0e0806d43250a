/// The KPI tiles at the top of a scope page. Their labels are written in Swift, not the template,
/// because the e-mail digest shows the same tiles (`ScopeViewModel.kpiTiles`) and says the same.
struct KPISection: TemplateSection {
    var tiles: [KPITile]

    var fields: Fields { ["tiles": tiles.fields] }
}

extension KPITile: TemplateSection {}
