/// Where each field the build uses sits in one export's header row.
struct ColumnLayout: Sendable {
    var headerCount: Int
    var id: Int
    /// Per stage, the column of its date (nil: the export has no such column).
    var stages: [Int?]
    var lostDate: Int?
    var closeDate: Int?
    var amount: Int?
    var source: Int?
    var dimensions: [Int]
    var owner: Int?
    var name: Int?
    var lostReason: Int?
    var channel: Int?
    /// The status adapter's columns: status value, closing date, and the date of mapped open stages.
    var status: (column: Int, date: Int, opened: Int?)?
    /// Header text of each column, for messages.
    var headers: [String]
    /// Wanted headers found only when case, spaces, `_` and `-` are ignored: wanted → the file's header
    /// (W7; the column is not used, so a typo in `columns:` is reported rather than guessed).
    var nearMisses: [(wanted: String, found: String)] = []

    /// A problem with a whole export file: it stops the build.
    enum Error: Swift.Error, Equatable, CustomStringConvertible {
        /// `suggestions`: for a missing header, the file's header that matches it ignoring case and spaces.
        case missingColumns(file: String, missing: [String], available: [String], fromMapping: Bool, suggestions: [String: String] = [:])
        case noHeader(file: String)

        var description: String {
            switch self {
            case let .missingColumns(file, missing, available, fromMapping, suggestions):
                let list = missing.map { name in
                    "\"\(name)\"" + (suggestions[name].map { " (did you mean \"\($0)\"?)" } ?? "")
                }.joined(separator: ", ")
                let fix = fromMapping
                    ? "Fix the header name under `columns:` / `status:` in site.yml, or add the column to the export."
                    : "Add the column to the export, or map it to one of the file's columns with `columns:` in site.yml."
                return "\(file):1: missing column\(missing.count == 1 ? "" : "s") \(list). The file has: "
                    + available.map { "\"\($0)\"" }.joined(separator: ", ") + ". " + fix
            case let .noHeader(file):
                return "\(file): the file is empty: it needs a header row and one row per record. Export it again from the CRM."
            }
        }
    }
}

extension ColumnLayout {
    /// Resolves the header row against the configuration, or names what is missing.
    init(headers rawHeaders: [String], config: SiteConfig, file: String) throws {
        let headers = rawHeaders
        var position: [String: Int] = [:]
        for (index, header) in headers.enumerated() where position[header] == nil {
            position[header] = index
        }
        var missingRequired: [String] = []
        var missingMapped: [String] = []
        var looseHeaders: [String: String] = [:]
        for header in headers where looseHeaders[header.looseKey] == nil { looseHeaders[header.looseKey] = header }
        var nearMisses: [(wanted: String, found: String)] = []
        func column(_ field: String, required: Bool = false) -> Int? {
            let header = config.header(for: field)
            if let index = position[header] { return index }
            if let found = looseHeaders[header.looseKey] { nearMisses.append((header, found)) }
            if required { missingRequired.append(header) }
            else if config.columns[field] != nil { missingMapped.append(header) }
            return nil
        }
        /// A header named in `status:`; a canonical field name renamed under `columns:` also works.
        func exportColumn(_ header: String) -> Int? {
            if let index = position[header] ?? config.columns[header].flatMap({ position[$0] }) { return index }
            if let found = looseHeaders[header.looseKey] { nearMisses.append((header, found)) }
            missingMapped.append(header)
            return nil
        }
        let idColumn = column("id", required: true)
        let dimensionColumns = config.dimensions.map { column($0, required: true) }
        self.headerCount = headers.count
        self.id = idColumn ?? 0
        self.stages = config.stages.map { column($0.dateField) }
        self.lostDate = column("lost_date")
        self.closeDate = column("close_date")
        self.amount = column("amount")
        self.source = column("source")
        self.dimensions = dimensionColumns.map { $0 ?? 0 }
        self.owner = column("owner")
        self.name = column("name")
        self.lostReason = column("lost_reason")
        self.channel = column("channel")
        if let mapping = config.status {
            let statusColumn = exportColumn(mapping.column)
            let dateColumn = exportColumn(mapping.date)
            let openedColumn = mapping.opened.flatMap(exportColumn)
            if let statusColumn, let dateColumn { status = (statusColumn, dateColumn, openedColumn) }
        }
        self.headers = headers
        var listed = Set<String>()
        let missing = (missingRequired + missingMapped).filter { listed.insert($0).inserted }
        if !missing.isEmpty {
            throw Error.missingColumns(file: file, missing: missing, available: headers, fromMapping: missingRequired.isEmpty,
                                       suggestions: Dictionary(nearMisses.map { ($0.wanted, $0.found) }, uniquingKeysWith: { a, _ in a }))
        }
        self.nearMisses = nearMisses
    }

    /// Stages that have no column in this export: a build warning, and no dates for them.
    func stagesWithoutColumn(_ config: SiteConfig) -> [Stage] {
        let fromStatus = datesFromOpened(config)
        return zip(config.stages.indices, stages).compactMap { index, column in
            if column == nil, !(index == config.wonStageIndex && status != nil), !fromStatus.contains(index) {
                return config.stages[index]
            }
            return nil
        }
    }

    /// Stages without a column of their own that the status adapter dates by `status.opened`: the
    /// stages open values map to, and the pipeline stage of won and lost records.
    func datesFromOpened(_ config: SiteConfig) -> Set<Int> {
        guard let mapping = config.status, status?.opened != nil else { return [] }
        var indices = Set(mapping.stages.compactMap { config.stageIndex(of: $0.stage) })
        if !mapping.won.isEmpty || !mapping.lost.isEmpty { indices.insert(config.pipelineStageIndex) }
        return indices.filter { stages[$0] == nil }
    }
}
