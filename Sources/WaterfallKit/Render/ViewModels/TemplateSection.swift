/// A part of a page as its template sees it: typed, formatted values that turn into the Mustache
/// context (`Fields`) once per page, so rendering stays as fast as with hand-built dictionaries.
/// Fixed words live in the templates; a section supplies figures, names from the data and flags.
protocol TemplateSection {
    var fields: Fields { get }
}

/// A figure that may be missing: its text, or "—" with the reason it is missing
/// (`{{#figure}}{{>partials/value}}{{/figure}}`).
struct Shown: TemplateSection {
    var text: String?
    var missing: String

    init(_ text: String?, else missing: @autoclosure () -> String) {
        self.text = text
        self.missing = text == nil ? missing() : ""
    }

    var fields: Fields {
        guard let text else { return ["text": "—", "missing": missing] }
        return ["text": text, "missing": false]
    }
}

extension Array where Element: TemplateSection {
    var fields: [Fields] { map(\.fields) }
}

/// A count and an amount (`count`, `deals` as "3 deals", `amount`), for a row of a table.
struct CountAmountRow: TemplateSection {
    var label = ""
    var count: String
    var deals: String
    var amount: String

    init(_ value: CountAmount, label: String = "", format: Format, amount: String? = nil) {
        self.label = label
        count = Format.count(value.count)
        deals = Format.deals(value.count)
        self.amount = amount ?? format.money(value.amount)
    }

    var fields: Fields { ["label": label, "count": count, "deals": deals, "amount": amount] }
}
