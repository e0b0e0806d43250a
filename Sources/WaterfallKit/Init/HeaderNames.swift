/// Header names common CRMs give the fields Waterfall reads (Salesforce, HubSpot, Pipedrive,
/// Dynamics 365, Zoho; docs/init.md lists them), compared after `HeaderNames.normalized`.
enum HeaderNames {
    /// Per canonical field, the names that mean it, most specific first.
    static let synonyms: [(field: String, names: [String])] = [
        ("id", ["id", "record id", "deal id", "opportunity id", "lead id", "potential id", "do not modify opportunity",
                "opportunityid", "mql id", "deal record id"]),
        ("name", ["name", "deal name", "opportunity name", "deal title", "title", "topic", "potential name", "lead name",
                  "subject"]),
        ("owner", ["owner", "deal owner", "opportunity owner", "record owner", "lead owner", "sales agent", "sales rep",
                   "assigned to", "deal owner name", "owner name", "account executive"]),
        ("amount", ["amount", "deal amount", "opportunity amount", "deal value", "value", "close value", "est revenue",
                    "estimated revenue", "total contract value", "annual contract value", "revenue"]),
        ("close_date", ["close date", "closing date", "expected close date", "deal expected close date", "est close date",
                        "estimated close date", "actual close date", "close"]),
        ("lost_reason", ["lost reason", "closed lost reason", "deal lost reason", "reason for loss", "loss reason"]),
        ("source", ["source", "lead source", "original source", "original source type", "original traffic source",
                    "deal source", "opportunity source", "source origin", "deal source origin", "marketing source", "origin"]),
        ("channel", ["channel", "source channel", "marketing channel"]),
        ("won_date", ["won date", "won time", "date won", "deal won time", "closed won date"]),
        ("lost_date", ["lost date", "lost time", "date lost", "deal lost time", "closed lost date"]),
        ("inquiry_date", ["inquiry date", "became a lead date", "lead date"]),
        ("mql_date", ["mql date", "became a marketing qualified lead date"]),
        ("sal_date", ["sal date", "became a sales accepted lead date"]),
        ("sql_date", ["sql date", "became a sales qualified lead date"]),
        ("opportunity_date", ["opportunity date", "became an opportunity date", "converted date"]),
    ]

    /// Names of the column holding a deal's current status or stage, stage names first.
    static let status = ["deal stage", "stage", "dealstage", "sales stage", "opportunity stage", "deal stage name",
                                "pipeline stage", "pipeline phase", "deal status", "status", "lead status", "status reason"]

    /// Names of the column with the date a record was created (dates the open stages).
    static let opened = ["create date", "created date", "created", "created on", "created time", "created at",
                                "date created", "deal created", "deal deal created", "deal created on",
                                "opportunity created date", "engage date", "first contact date"]

    /// Names of a column holding the currency of the amounts.
    static let currency = ["currency", "deal currency", "opportunity currency", "currency code", "currency iso code"]

    /// Lower case, every run of characters other than letters and digits one space, trimmed:
    /// `Deal - Won time` → `deal won time`, `close_date` → `close date`.
    static func normalized(_ header: String) -> String {
        var words: [String] = []
        var current = ""
        for character in header.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: " ")
    }

    /// The first column whose header is one of `names`, trying the names in order.
    static func column(in header: [String], matching names: [String], excluding taken: Set<Int> = []) -> Int? {
        let normalizedHeader = header.map(normalized)
        for name in names {
            if let index = normalizedHeader.indices.first(where: { normalizedHeader[$0] == name && !taken.contains($0) }) {
                return index
            }
        }
        return nil
    }
}
