/// A drill-down list of a scope page (SPEC §8, issue 9): the first `shownFirst` rows in a table, up to
/// `pageLimit` in all with the rest under a disclosure, and every row in a CSV file beside the page
/// (`file`, linked from the list). An empty list has no file and no link.
struct DealList {
    /// One column: its CSV header, its page header (nil: CSV only), and how its cells are shown.
    struct Column {
        var name: String
        var label: String?
        var isNumber = false
        /// Text from the export, guarded against spreadsheet formulas in the CSV (`CSV.field`).
        var fromData = true
    }

    /// One cell: the value written to the CSV and the text shown on the page.
    struct Cell {
        var csv: String
        var page: String

        init(_ csv: String, page: String? = nil) {
            self.csv = csv
            self.page = page ?? csv
        }

        /// A cell whose page text is made only for a row the page lists (`row < pageLimit`): the
        /// other rows go to the CSV alone (a 1M-row week formatted ~100,000 amounts and dates
        /// that no page showed).
        init(_ csv: String, row: Int, page: @autoclosure () -> String) {
            self.init(csv, page: row < DealList.pageLimit ? page() : nil)
        }
    }

    var title: String
    var caption: String
    /// The CSV file's name, beside the page: `past-due-deals.csv`.
    var file: String
    var columns: [Column]
    var rows: [[Cell]]

    /// How many rows show before the "Show more" disclosure.
    static let shownFirst = 10
    /// How many rows a page lists in all; the CSV file holds every one.
    static let pageLimit = 50

    /// Every row as RFC 4180 CSV with a header line, CRLF line ends (as `diagnostics.csv`).
    var csv: String { String(decoding: csvBytes, as: UTF8.self) }

    /// The list's CSV file, as bytes.
    var csvBytes: [UInt8] {
        var out: [UInt8] = []
        CSV.appendRecord(columns.lazy.map { (value: $0.name, fromData: false) }, lineEnd: "\r\n", to: &out)
        for row in rows {
            CSV.appendRecord(zip(columns, row).lazy.map { (value: $1.csv, fromData: $0.fromData) }, lineEnd: "\r\n", to: &out)
        }
        return out
    }

    /// The list's part of the page, nil when it is empty.
    var fields: Fields? {
        guard !rows.isEmpty else { return nil }
        let shownColumns = columns.indices.filter { columns[$0].label != nil }
        func table(_ rows: ArraySlice<[Cell]>, caption: String) -> Fields {
            [
                "caption": caption,
                "columns": shownColumns.map { ["label": columns[$0].label!, "css": columns[$0].isNumber ? "num" : "text"] as Fields },
                "rows": rows.map { row in
                    ["cells": shownColumns.map { index in
                        ["text": row[index].page, "css": columns[index].isNumber ? "num" : index == 0 ? "id" : "text"] as Fields
                    }] as Fields
                },
            ]
        }
        let listed = rows.prefix(Self.pageLimit)
        var fields: Fields = [
            "title": title, "count": Format.count(rows.count), "file": file.urlPathEncoded,
            "first": table(listed.prefix(Self.shownFirst), caption: caption),
            "rest": false, "more": false,
        ]
        if listed.count > Self.shownFirst {
            fields["rest"] = ["count": Format.count(listed.count - Self.shownFirst),
                              "table": table(listed.dropFirst(Self.shownFirst), caption: caption + " (continued)")] as Fields
        }
        if rows.count > Self.pageLimit { fields["more"] = Format.count(rows.count - Self.pageLimit) }
        return fields
    }
}

// MARK: - The lists of a scope page

extension ScopeViewModel {
    /// Every drill-down list of the scope, in page order: breached leads per SLA rule, the open
    /// pipeline's past-due and in-quarter deals, then the bridge's won, lost, removed, pushed and
    /// pulled-in deals. Empty lists included (they have no file).
    func dealLists(_ scope: ScopeMetrics) -> DealLists {
        var lists = DealLists()
        for (index, result) in scope.sla.enumerated() {
            lists.breached.append(DealList(
                title: "Breached leads", caption: "\(result.rule.name): leads waiting with no response, longest first",
                file: "breached-leads-\(index + 1)-\(slug(result.rule.name)).csv",
                columns: [.init(name: "id", label: "Lead"), .init(name: "name", label: nil), .init(name: "owner", label: nil),
                          .init(name: "entered", label: nil, fromData: false),
                          .init(name: "days_waiting", label: nil, isNumber: true, fromData: false)],
                rows: result.breachedLeads.map { lead in
                    [.init(lead.id), .init(lead.name), .init(lead.owner), .init(lead.enteredOn.iso), .init(String(lead.daysWaiting))]
                }))
        }
        let stages = config.stages
        func pipelineList(_ title: String, _ caption: String, _ file: String, _ deals: [PipelineDeal]) -> DealList {
            DealList(title: title, caption: caption, file: file,
                     columns: [.init(name: "id", label: "Deal"), amountColumn, .init(name: "owner", label: "Owner"),
                               .init(name: "name", label: "Name"), .init(name: "stage", label: "Stage"),
                               .init(name: "close_date", label: "Close date", fromData: false)],
                     rows: deals.enumerated().map { row, deal in
                         [.init(deal.id), amountCell(deal.amount, row: row), .init(deal.owner), .init(deal.name),
                          .init(stages[deal.stage].key, page: stages[deal.stage].name),
                          .init(deal.closeDate.iso, row: row, page: Format.date(deal.closeDate))]
                     })
        }
        lists.pastDue = pipelineList("Past due", "Open deals whose close date has passed, largest first",
                                     "past-due-deals.csv", scope.pipeline.pastDueDeals)
        lists.inQuarter = pipelineList("Closing this quarter", "Open deals closing in \(snapshot.windows.quarter.label), largest first",
                                       "in-quarter-deals.csv", scope.pipeline.inQuarterDeals)
        guard let bridge = scope.bridge else { return lists }
        let from = snapshot.previousSnapshot.map(Format.date) ?? ""
        func bridgeList(_ title: String, _ file: String, _ deals: [BridgeDeal], reasons: Bool) -> DealList {
            var columns: [DealList.Column] = [.init(name: "id", label: "Deal"), amountColumn, .init(name: "owner", label: "Owner"),
                                              .init(name: "name", label: "Name")]
            if reasons { columns.append(.init(name: "lost_reason", label: "Lost reason")) }
            return DealList(title: title, caption: "\(title), largest first, amounts as in the earlier snapshot", file: file,
                            columns: columns, rows: deals.enumerated().map { row, deal in
                                [.init(deal.id), amountCell(deal.amount, row: row), .init(deal.owner), .init(deal.name)]
                                    + (reasons ? [.init(deal.lostReason, page: deal.lostReason.isEmpty ? "not recorded" : deal.lostReason)] : [])
                            })
        }
        func shiftedList(_ title: String, _ file: String, _ deals: [ShiftedDeal]) -> DealList {
            DealList(title: title, caption: "\(title), largest first, amounts as in this snapshot", file: file,
                     columns: [.init(name: "id", label: "Deal"), amountColumn, .init(name: "owner", label: "Owner"),
                               .init(name: "name", label: "Name"),
                               .init(name: "close_date_before", label: nil, fromData: false),
                               .init(name: "quarter_before", label: "Quarter before", fromData: false),
                               .init(name: "close_date_after", label: "Close date now", fromData: false),
                               .init(name: "quarter_after", label: "Quarter now", fromData: false)],
                     rows: deals.enumerated().map { row, deal in
                         [.init(deal.id), amountCell(deal.amount, row: row), .init(deal.owner), .init(deal.name),
                          .init(deal.closeBefore.iso), .init(deal.quarterBefore.label),
                          .init(deal.closeAfter.iso, row: row, page: Format.date(deal.closeAfter)), .init(deal.quarterAfter.label)]
                     })
        }
        lists.bridge = [
            bridgeList("Won since \(from)", "won-deals.csv", bridge.wonDeals, reasons: false),
            bridgeList("Lost since \(from)", "lost-deals.csv", bridge.lostDeals, reasons: true),
            bridgeList("Removed since \(from): no longer open pipeline in this scope, neither won nor lost",
                       "removed-deals.csv", bridge.removedDeals, reasons: false),
            shiftedList("Pushed to a later quarter since \(from)", "pushed-deals.csv", bridge.pushedDeals),
            shiftedList("Pulled into an earlier quarter since \(from)", "pulled-in-deals.csv", bridge.pulledInDeals),
        ]
        return lists
    }

    /// Amounts as numbers in the CSV and formatted on the page; "not available" without amounts (W5).
    private var amountColumn: DealList.Column { .init(name: "amount", label: "Amount", isNumber: true, fromData: false) }

    private func amountCell(_ amount: Money, row: Int) -> DealList.Cell {
        amountsAvailable ? .init(amount.decimalString, row: row, page: format.money(amount)) : .init("", page: "not available")
    }
}

/// The drill-down lists of one scope page, grouped by the section that shows them.
struct DealLists {
    /// One per SLA rule, in `site.yml` order.
    var breached: [DealList] = []
    var pastDue: DealList?
    var inQuarter: DealList?
    /// Won, lost, removed, pushed, pulled in; empty for the first snapshot.
    var bridge: [DealList] = []

    /// Every list, in page order.
    var all: [DealList] { breached + [pastDue, inQuarter].compactMap { $0 } + bridge }

    /// The CSV files beside the page: one per list that has rows.
    var files: [(name: String, contents: [UInt8])] { all.filter { !$0.rows.isEmpty }.map { ($0.file, $0.csvBytes) } }
}

extension DealLists {
    /// Adds the lists to a scope page's sections (`ScopeViewModel.fields(for:)`): `dealLists` under
    /// `pipeline`, `dealGroups` under `bridge`, and `csv` (file and count) under each SLA rule.
    func add(to fields: inout Fields) {
        if var pipeline = fields["pipeline"] as? Fields {
            pipeline["dealLists"] = [pastDue, inQuarter].compactMap { $0?.fields }
            fields["pipeline"] = pipeline
        }
        if var section = fields["bridge"] as? Fields {
            section["dealGroups"] = bridge.compactMap(\.fields)
            fields["bridge"] = section
        }
        if var slas = fields["slas"] as? [Fields] {
            for (index, list) in zip(slas.indices, breached) {
                slas[index]["csv"] = list.rows.isEmpty ? false
                    : ["file": list.file.urlPathEncoded, "count": Format.count(list.rows.count)] as Fields
            }
            fields["slas"] = slas
        }
    }
}
