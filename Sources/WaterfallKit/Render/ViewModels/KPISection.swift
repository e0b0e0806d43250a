/// The KPI tiles at the top of a scope page. Their labels are written in Swift, not the template,
/// because the e-mail digest shows the same tiles (`ScopeViewModel.kpiTiles`) and says the same.
struct KPISection {
    var tiles: [KPITile]

    /// The list of tiles, as `{{#kpis}}` has always seen it (themes keep working).
    var fields: [Fields] { tiles.fields }
}

extension KPITile: TemplateSection {}
