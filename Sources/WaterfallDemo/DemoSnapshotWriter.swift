import WaterfallKit

/// Cuts the weekly CRM export for one snapshot day out of the simulated population:
/// the records that exist by then, as they stood then, plus a few deliberately messy rows.
struct DemoSnapshotWriter: Sendable {
    let plan: DemoPlan
    let population: DemoPopulation
    private let owners: [[UInt8]]
    private let sources: [[UInt8]]
    private let channels: [[UInt8]]
    private let segments: [[UInt8]]
    private let regions: [[UInt8]]
    private let reasons: [[UInt8]]
    /// `YYYY-MM-DD` bytes for every day from `firstTableDay`, ten bytes each.
    private let dateTable: [UInt8]
    private let firstTableDay: Day

    init(plan: DemoPlan, population: DemoPopulation) {
        self.plan = plan
        self.population = population
        owners = DemoCatalog.owners.map(CSV.escaped)
        sources = DemoCatalog.sources.map(CSV.escaped)
        channels = DemoCatalog.channels.map { CSV.escaped($0.name) }
        segments = DemoCatalog.segments.map(CSV.escaped)
        regions = DemoCatalog.regions.map(CSV.escaped)
        reasons = DemoCatalog.lostReasons.map(CSV.escaped)
        firstTableDay = plan.historyStart.adding(days: -60)
        let days = plan.historyEnd.adding(days: 400).days(since: firstTableDay)
        var table: [UInt8] = []
        table.reserveCapacity(days * 10)
        for offset in 0..<days {
            table += firstTableDay.adding(days: offset).iso.utf8
        }
        dateTable = table
    }

    /// The export on `day`, header first, in id order.
    func csv(at day: Day, isLatest: Bool) -> [UInt8] {
        let exported = population.leads.indices.filter { population.leads[$0].isExported(on: day) }
        let patches = messyRows(exported: exported, day: day, isLatest: isLatest)
        var out = DemoCSV.line(DemoCSV.columns)
        out.reserveCapacity(exported.count * 100 + 200)
        var next = 0
        for (position, leadIndex) in exported.enumerated() {
            let lead = population.leads[leadIndex]
            var extras: [[(column: Int, value: [UInt8]?)]] = []
            var overrides: [(column: Int, value: [UInt8]?)] = []
            while next < patches.count, patches[next].position == position {
                if patches[next].isExtraRow {
                    extras.append(patches[next].overrides)
                } else {
                    overrides += patches[next].overrides
                }
                next += 1
            }
            write(lead, on: day, overrides: overrides, into: &out)
            for extra in extras {
                write(lead, on: day, overrides: extra, into: &out)
            }
        }
        return out
    }

    /// One row; `overrides` replace a column's field, or drop it when the value is nil.
    func write(_ lead: DemoLead, on day: Day, overrides: [(column: Int, value: [UInt8]?)], into out: inout [UInt8]) {
        let deal = lead.deal >= 0 && lead.dates.opportunity.map({ $0 <= day }) == true
            ? population.deals[lead.deal] : nil
        let lost = lead.lost.flatMap { $0 <= day ? $0 : nil }
        var first = true
        for column in 0..<DemoCSV.columns.count {
            if !overrides.isEmpty, let override = overrides.last(where: { $0.column == column }) {
                guard let value = override.value else { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out += value
                continue
            }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            switch column {
            case DemoCSV.Column.id:
                appendID(lead.number, into: &out)
            case DemoCSV.Column.name:
                out += lead.name
            case DemoCSV.Column.owner:
                if let owner = lead.owner(on: day) { out += owners[owner] }
            case DemoCSV.Column.source:
                out += sources[lead.source]
            case DemoCSV.Column.channel:
                out += channels[lead.channel]
            case DemoCSV.Column.segment:
                out += segments[lead.segment]
            case DemoCSV.Column.region:
                out += regions[lead.region]
            case DemoCSV.Column.lostDate:
                if let lost { appendDate(lost, into: &out) }
            case DemoCSV.Column.lostReason:
                if lost != nil, lead.lostReason >= 0 { out += reasons[lead.lostReason] }
            case DemoCSV.Column.amount:
                if let amount = deal?.amount(asOf: day) { out += amount.decimalString.utf8 }
            case DemoCSV.Column.closeDate:
                if let close = deal?.closeDate(asOf: day) { appendDate(close, into: &out) }
            default:
                if let date = lead.dates[column - DemoCSV.Column.firstStageDate], date <= day {
                    appendDate(date, into: &out)
                }
            }
        }
        out.append(10)
    }

    func appendDate(_ day: Day, into out: inout [UInt8]) {
        let offset = day.days(since: firstTableDay)
        if offset >= 0, offset * 10 < dateTable.count {
            out += dateTable[offset * 10 ..< offset * 10 + 10]
        } else {
            out += day.iso.utf8
        }
    }

    func appendID(_ number: Int, into out: inout [UInt8]) {
        out += "NW-".utf8
        out += String(number).utf8
    }

    func idBytes(_ number: Int) -> [UInt8] {
        var out: [UInt8] = []
        appendID(number, into: &out)
        return out
    }

    func dateBytes(_ day: Day) -> [UInt8] {
        var out: [UInt8] = []
        appendDate(day, into: &out)
        return out
    }
}
