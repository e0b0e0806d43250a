import Yams

extension SiteConfig {
    /// A problem with `site.yml`: names the file, the key, what is wrong and the fix.
    enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case unreadableYAML(file: String, message: String)
        case invalid(file: String, line: Int?, key: String, problem: String, fix: String)

        var description: String {
            switch self {
            case let .unreadableYAML(file, message):
                return "\(file): not valid YAML: \(message). Fix the syntax (indentation, quotes, colons) and build again."
            case let .invalid(file, line, key, problem, fix):
                let place = line.map { "\(file):\($0)" } ?? file
                return "\(place): \(key): \(problem). \(fix)"
            }
        }
    }

    /// Parses and validates `site.yml` text. `file` names it in error messages.
    static func parse(yaml text: String, file: String = "site.yml") throws -> SiteConfig {
        let root: Node?
        do {
            try YAMLGuard.check(text, file: file)
            root = try Yams.compose(yaml: text)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw YAMLGuard.error(error, text: text, file: file)
        }
        let reader = YAMLReader(file: file)
        guard let root else {
            throw Error.invalid(file: file, line: nil, key: "company", problem: "the file is empty",
                                fix: "Add at least `company:`, `dimensions:` and `stages:` (see the README).")
        }
        let map = try reader.mapping(root, key: "site.yml")
        try reader.rejectUnknownKeys(map, allowed: [
            "company", "base_url", "currency", "fiscal_year_start_month", "dimensions", "marketing_sources",
            "marketing_band", "date_format", "columns", "status", "stages", "slas", "snapshot_names",
        ], in: "site.yml")

        var config = SiteConfig(company: try reader.string(map, "company", required: true) ?? "")
        config.baseURL = try reader.string(map, "base_url")
        if let base = config.baseURL, let problem = BaseURL.problem(with: base) {
            throw Error.invalid(file: file, line: map["base_url"]?.mark?.line, key: "base_url",
                                problem: "\"\(base)\" is not a web address: \(problem)",
                                fix: "Write the absolute address where output/ is published, such as https://reports.example.com/pipeline/, or remove the key.")
        }
        config.currency = try reader.string(map, "currency") ?? "USD"
        config.fiscalYearStartMonth = try reader.int(map, "fiscal_year_start_month") ?? 1
        let dimensions = try reader.dimensions(map)
        config.dimensions = dimensions.map(\.key)
        config.dimensionLabels = Dictionary(dimensions.compactMap { item in item.label.map { (item.key, $0) } }, uniquingKeysWith: { first, _ in first })
        config.marketingSources = try reader.strings(map, "marketing_sources") ?? ["Marketing"]
        if let band = map["marketing_band"] { config.marketingBand = try reader.marketingBand(band) }
        if let format = try reader.string(map, "date_format") {
            guard let parsed = DateFormat(rawValue: format) else {
                throw Error.invalid(file: file, line: map["date_format"]?.mark?.line, key: "date_format",
                                    problem: "unknown date format \"\(format)\"",
                                    fix: "Use one of: " + DateFormat.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            config.dateFormat = parsed
        }
        if let columns = map["columns"] {
            let columnsMap = try reader.mapping(columns, key: "columns")
            for (key, value) in columnsMap {
                guard let field = key.string, let header = value.string, !header.isEmpty else {
                    throw Error.invalid(file: file, line: value.mark?.line, key: "columns",
                                        problem: "each entry must be `field: \"Export Header\"`",
                                        fix: "Write the canonical field name, a colon, and the export's column header.")
                }
                config.columns[field] = header
            }
        }
        if let status = map["status"] {
            config.status = try reader.statusMapping(status)
        }
        if let pattern = try reader.string(map, "snapshot_names") {
            guard let parsed = SnapshotNamePattern(pattern), !pattern.contains("/") else {
                throw Error.invalid(file: file, line: map["snapshot_names"]?.mark?.line, key: "snapshot_names",
                                    problem: "\"\(pattern)\" must hold `{date}` exactly once and no `/`",
                                    fix: "Write the export's file name with `{date}` where its YYYY-MM-DD date stands, "
                                        + "e.g. `snapshot_names: \"hubspot-crm-exports-all-deals-{date}.csv\"`.")
            }
            config.snapshotNames = parsed
        }
        if let stages = map["stages"] {
            config.stages = try reader.sequence(stages, key: "stages").map(reader.stage)
        }
        if let slas = map["slas"] {
            config.slas = try reader.sequence(slas, key: "slas").map(reader.slaRule)
        }
        try config.validate(file: file, marks: YAMLMarks(root: map))
        try config.validateColumnKeys(file: file, node: map["columns"])
        if !config.stages.contains(where: \.isPipeline) {
            config.stages[config.stages.count - 2].isPipeline = true   // SPEC §2 default
        }
        return config
    }
}

// MARK: - Validation

extension SiteConfig {
    /// The canonical fields a `columns:` key may name (SPEC §1.1): id, each stage's date, lost and close
    /// dates, amount, source, the list-only fields, each dimension and the status adapter's columns.
    var columnKeys: [String] {
        ["id"] + stages.map(\.dateField) + ["lost_date", "close_date", "amount", "source", "owner", "name", "lost_reason", "channel"]
            + dimensions + (status.map { [$0.column, $0.date] } ?? [])
    }

    /// E8: a `columns:` key that is none of `columnKeys` would be ignored and its figures left at 0 (Found 3).
    func validateColumnKeys(file: String, node: Node?) throws {
        let allowed = columnKeys
        for key in columns.keys.sorted() where !allowed.contains(key) {
            let line = node?.mapping?.first { $0.key.string == key }?.key.mark?.line
            let suggestion = key.nearest(in: allowed).map { "Did you mean `\($0)`? " } ?? ""
            throw DiagnosticError(Diagnostic(
                code: .e8, location: DiagnosticLocation(file: file, line: line, setting: "columns.\(key)"),
                message: "\"\(key)\" is not a field Waterfall reads, so the column \"\(columns[key] ?? "")\" would be ignored",
                fix: suggestion + "The keys are the canonical fields: " + allowed.joined(separator: ", ")))
        }
    }
}

/// Line numbers of the top-level keys, for validation messages.
struct YAMLMarks {
    var lines: [String: Int] = [:]

    init(root: Node.Mapping?) {
        for (key, value) in root ?? [:] {
            if let name = key.string { lines[name] = value.mark?.line ?? key.mark?.line }
        }
    }
}

extension SiteConfig {
    func validate(file: String, marks: YAMLMarks) throws {
        func fail(_ key: String, _ problem: String, _ fix: String) -> Error {
            .invalid(file: file, line: marks.lines[key.split(separator: ".").first.map(String.init) ?? key],
                     key: key, problem: problem, fix: fix)
        }
        guard (1...12).contains(fiscalYearStartMonth) else {
            throw fail("fiscal_year_start_month", "\(fiscalYearStartMonth) is not a month",
                       "Use a number from 1 (January) to 12 (December).")
        }
        guard stages.count >= 2 else {
            throw fail("stages", "the waterfall needs at least two stages (a pipeline stage and the won stage)",
                       "List the stages in order, the won stage last.")
        }
        guard stages.count <= Record.maxStages else {
            throw fail("stages", "\(stages.count) stages are more than the \(Record.maxStages) Waterfall supports",
                       "Merge stages that are not decision points of the waterfall.")
        }
        guard dimensions.count <= Record.maxDimensions else {
            throw fail("dimensions", "\(dimensions.count) dimensions are more than the \(Record.maxDimensions) Waterfall supports",
                       "Keep the dimensions people read pages for (segment, region, …).")
        }
        var seen = Set<String>()
        for stage in stages {
            guard stage.key.isStageKey else {
                throw fail("stages", "stage key \"\(stage.key)\" is not a lower-case identifier",
                           "Use lower-case letters, digits and underscores, starting with a letter (e.g. `mql`).")
            }
            guard seen.insert(stage.key).inserted else {
                throw fail("stages", "stage key \"\(stage.key)\" appears twice", "Give every stage its own key.")
            }
        }
        let pipelineCount = stages.filter(\.isPipeline).count
        guard pipelineCount <= 1 else {
            throw fail("stages", "\(pipelineCount) stages have `pipeline: true`",
                       "Mark exactly one stage (the one that creates an opportunity) with `pipeline: true`.")
        }
        if stages.last?.isPipeline == true {
            throw fail("stages", "the last stage (\(stages[stages.count - 1].key)) is the won stage and cannot be the pipeline stage",
                       "Mark an earlier stage with `pipeline: true`.")
        }
        var ruleNames = Set<String>()
        for rule in slas {
            guard let index = stageIndex(of: rule.from) else {
                throw fail("slas", "rule \"\(rule.name)\" starts from unknown stage \"\(rule.from)\"",
                           "Use one of the stage keys: " + stages.map(\.key).joined(separator: ", ") + ".")
            }
            guard index < wonStageIndex else {
                throw fail("slas", "rule \"\(rule.name)\" starts from the won stage, which has no later response",
                           "Start the rule from an earlier stage.")
            }
            guard rule.days >= 0 else {
                throw fail("slas", "rule \"\(rule.name)\" allows \(rule.days) days", "Use zero or more days.")
            }
            guard ruleNames.insert(rule.name).inserted else {
                throw fail("slas", "rule name \"\(rule.name)\" appears twice", "Give every SLA rule its own name.")
            }
        }
        var dimensionNames = Set<String>()
        for dimension in dimensions {
            guard !dimension.isEmpty, dimensionNames.insert(dimension).inserted else {
                throw fail("dimensions", "dimension \"\(dimension)\" is empty or listed twice", "List each dimension once.")
            }
        }
        guard !company.trimmingSpaces.isEmpty else {
            throw fail("company", "the company name is empty", "Write the company name, e.g. `company: Northwind Robotics`.")
        }
        if let status { try validate(status, fail: fail) }
    }

    /// `status.stages` name stages before the won stage; no value is listed twice (SPEC §1.2).
    private func validate(_ status: StatusMapping, fail: (String, String, String) -> Error) throws {
        let openStages = stages.dropLast().map(\.key)
        for entry in status.stages where !openStages.contains(entry.stage) {
            let problem = entry.stage == stages.last?.key
                ? "maps \"\(entry.value)\" to the won stage \(entry.stage)"
                : "maps \"\(entry.value)\" to \"\(entry.stage)\", which is not a stage key"
            throw fail("status.stages", problem,
                       "Map open status values to one of " + openStages.joined(separator: ", ")
                        + "; list won values under `status.won`.")
        }
        if !status.stages.isEmpty, status.opened == nil {
            throw fail("status.opened", "`status.stages` maps status values to stages, but nothing dates them",
                       "Name the export's date column for them, e.g. `opened: \"Create Date\"`.")
        }
        var seen: [String: String] = [:]
        for (value, key) in status.listedValues {
            let trimmed = value.trimmingSpaces
            if let first = seen[trimmed] {
                throw fail("status.\(key)", "\"\(trimmed)\" is also listed under `status.\(first)`",
                           "List each status value once, under the one list that says what it means.")
            }
            seen[trimmed] = key
        }
    }
}

extension String {
    var isStageKey: Bool {
        guard let first = unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isSpaceLike }),
              let end = scalars.lastIndex(where: { !$0.isSpaceLike }) else { return "" }
        return String(scalars[start...end])
    }
}

extension Unicode.Scalar {
    var isSpaceLike: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" }
}

// MARK: - Node reading with errors that name the key and line

struct YAMLReader {
    var file: String

    func error(_ node: Node?, _ key: String, _ problem: String, _ fix: String) -> SiteConfig.Error {
        .invalid(file: file, line: node?.mark?.line, key: key, problem: problem, fix: fix)
    }

    func mapping(_ node: Node, key: String) throws -> Node.Mapping {
        guard let map = node.mapping else {
            throw error(node, key, "expected a mapping of `key: value` lines", "Indent the entries under `\(key):`.")
        }
        return map
    }

    func sequence(_ node: Node, key: String) throws -> [Node] {
        guard let items = node.sequence else {
            throw error(node, key, "expected a list", "Write it as `[a, b]` or one `- item` per line.")
        }
        return Array(items)
    }

    func rejectUnknownKeys(_ map: Node.Mapping, allowed: [String], in context: String) throws {
        for (key, _) in map {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                throw error(key, name, "unknown key in \(context)",
                            "Use one of: " + allowed.joined(separator: ", ") + " (check the spelling).")
            }
        }
    }

    func string(_ map: Node.Mapping, _ key: String, required: Bool = false) throws -> String? {
        guard let node = map[key], node != Node("~"), node.null == nil else {
            if required {
                throw error(nil, key, "missing", "Add `\(key):` to site.yml.")
            }
            return nil
        }
        guard node.scalar != nil, let value = node.string else {
            throw error(node, key, "expected a single value", "Write `\(key): value`.")
        }
        return value
    }

    func int(_ map: Node.Mapping, _ key: String) throws -> Int? {
        guard let node = map[key] else { return nil }
        guard node.scalar != nil, let value = node.int else {
            throw error(node, key, "\"\(node.string ?? "")\" is not a whole number", "Write a whole number, e.g. `\(key): 2`.")
        }
        return value
    }

    func bool(_ map: Node.Mapping, _ key: String) throws -> Bool? {
        guard let node = map[key] else { return nil }
        guard let value = node.bool else {
            throw error(node, key, "\"\(node.string ?? "")\" is not true or false", "Write `\(key): true` or leave it out.")
        }
        return value
    }

    func strings(_ map: Node.Mapping, _ key: String) throws -> [String]? {
        guard let node = map[key] else { return nil }
        if node.null != nil { return [] }
        return try sequence(node, key: key).map { item in
            guard item.scalar != nil, let value = item.string else {
                throw error(item, key, "expected a list of names", "Write it as `\(key): [A, B]`.")
            }
            return value
        }
    }

    /// `dimensions:` as a list of keys (`[segment, region]`), of `{ key: regional_office, label: Region }`
    /// mappings, or a mix; a label is optional and defaults to the key.
    func dimensions(_ map: Node.Mapping) throws -> [(key: String, label: String?)] {
        guard let node = map["dimensions"] else { return [] }
        if node.null != nil { return [] }
        let fix = "Write each dimension as its column key (`segment`) or as `{ key: regional_office, label: Region }`."
        return try sequence(node, key: "dimensions").map { item in
            if item.scalar != nil, let key = item.string { return (key, nil) }
            guard let entry = item.mapping else { throw error(item, "dimensions", "expected a key or a `{key, label}` mapping", fix) }
            try rejectUnknownKeys(entry, allowed: ["key", "label"], in: "a dimension")
            guard let key = try string(entry, "key"), !key.trimmingSpaces.isEmpty else {
                throw error(item, "dimensions", "a dimension has no `key`", fix)
            }
            let label = try string(entry, "label")
            if let label, label.trimmingSpaces.isEmpty {
                throw error(entry["label"], "dimensions.\(key).label", "the label is empty", "Write the name pages should show, e.g. `label: Region`, or leave `label:` out.")
            }
            return (key, label)
        }
    }

    func stage(_ node: Node) throws -> Stage {
        let map = try mapping(node, key: "stages")
        try rejectUnknownKeys(map, allowed: ["key", "name", "owner", "definition", "pipeline"], in: "a stage")
        guard let key = try string(map, "key") else {
            throw error(node, "stages", "a stage has no `key`", "Give every stage a `key:` such as `mql`.")
        }
        return Stage(key: key, name: try string(map, "name") ?? key, owner: try string(map, "owner") ?? "",
                     definition: try string(map, "definition") ?? "", isPipeline: try bool(map, "pipeline") ?? false)
    }

    func slaRule(_ node: Node) throws -> SLARule {
        let map = try mapping(node, key: "slas")
        try rejectUnknownKeys(map, allowed: ["name", "from", "days"], in: "an SLA rule")
        guard let from = try string(map, "from"), let days = try int(map, "days") else {
            throw error(node, "slas", "an SLA rule needs `from` and `days`",
                        "Write it as `{ name: Lead acceptance, from: mql, days: 2 }`.")
        }
        return SLARule(name: try string(map, "name") ?? from, from: from, days: days)
    }

    func statusMapping(_ node: Node) throws -> StatusMapping {
        let map = try mapping(node, key: "status")
        try rejectUnknownKeys(map, allowed: ["column", "date", "opened", "won", "lost", "stages", "ignore"], in: "status")
        guard let column = try string(map, "column"), let date = try string(map, "date") else {
            throw error(node, "status", "the status adapter needs `column` and `date`",
                        "Name the export's status column and the date column that goes with a closing status.")
        }
        var stages: [StatusMapping.StageValue] = []
        if let node = map["stages"], node.null == nil {
            for (key, value) in try mapping(node, key: "status.stages") {
                guard let status = key.string, value.scalar != nil, let stage = value.string else {
                    throw error(value, "status.stages", "each entry must be `\"Status value\": stage_key`",
                                "Write the export's status value, a colon, and the key of the stage it means.")
                }
                stages.append(StatusMapping.StageValue(value: status, stage: stage))
            }
        }
        return StatusMapping(column: column, date: date, won: try strings(map, "won") ?? [], lost: try strings(map, "lost") ?? [],
                             opened: try string(map, "opened"), stages: stages, ignore: try strings(map, "ignore") ?? [])
    }
}
