/// What `waterfall init` infers from an export's header and first rows: the column of each field,
/// the date format, the status mapping, dimensions, source and the snapshot date. Whatever it could
/// not tell is a `todos` entry (a commented TODO in `site.yml`), never a guess presented as fact.
public struct SiteInference: Sendable {
    var sample: ExportSample
    /// Canonical field → column index, for the fields found.
    var fields: [String: Int] = [:]
    /// The format the date columns are written in (`DateSniffer`, as for E7's advice).
    var dateFormat: DateSniffer.Guess
    /// A date value, for the summary and the TODO.
    var dateExample: String?
    /// A value of a date column that does not read in the inferred format (e.g. `11/20/2026 2:05 PM`),
    /// how many do not, and how many date values there are.
    var unreadableDate: (example: String, count: Int, of: Int)?
    var status: StatusProposal?
    var stages: [Stage]
    var dimensions: [(key: String, column: Int, values: Int)] = []
    /// Source values proposed as marketing-sourced (by their words), when there is a source column.
    var marketingSources: [String] = []
    var currency: String?
    /// `snapshot_names:` when the file name holds a date among other text.
    var snapshotNames: String?
    public var snapshotDate: (day: Day, reason: String)?
    /// What could not be inferred, by setting: written as TODO comments and printed.
    var todos: [(setting: String, text: String)] = []

    /// The status column and a proposed meaning for each of its values (SPEC §1.2).
    struct StatusProposal: Sendable {
        var column: Int
        /// The closing date (nil: none found, so the mapping cannot be written).
        var date: Int?
        var opened: Int?
        var won: [String] = []
        var lost: [String] = []
        var stages: [(value: String, stage: String)] = []
        var ignore: [String] = []
        /// Values given no meaning (e.g. `Closed` alone), with their row counts.
        var unmapped: [String] = []
        var counts: [String: Int] = [:]
    }

    /// Infers everything from the sample; `date` (from `--date`) overrides the snapshot date.
    public init(sample: ExportSample, date: Day? = nil) {
        self.sample = sample
        let header = sample.header
        var taken = Set<Int>()
        var fields: [String: Int] = [:]
        for (field, names) in HeaderNames.synonyms {
            if let column = HeaderNames.column(in: header, matching: names, excluding: taken) {
                fields[field] = column
                taken.insert(column)
            }
        }
        let isDateColumn = header.indices.map { Self.isDateColumn(sample.values($0)) }
        // Date-named fields must hold dates; a `Close` column of text is not a close date.
        for (field, column) in fields where field.hasSuffix("_date") && !isDateColumn[column] {
            fields[field] = nil
            taken.remove(column)
        }
        self.fields = fields
        let dateColumns = header.indices.filter { isDateColumn[$0] }
        let dateValues = dateColumns.flatMap(sample.values).filter { !$0.isEmpty }
        let guess: DateSniffer.Guess = dateValues.isEmpty ? .unsupported : DateSniffer.guess(dateValues)
        dateFormat = guess
        let parser = DateParser(format: Self.writtenFormat(guess))
        dateExample = dateValues.first { value in
            guard case .format = guess, let parts = DateSniffer.numbers(String(value.prefix { $0 != " " && $0 != "T" }),
                                                                          separator: "/") else { return true }
            return Int(parts[0])! > 12 || Int(parts[1])! > 12
        } ?? dateValues.first
        let unreadable = dateValues.filter { parser.parse($0) == nil }
        unreadableDate = unreadable.first.map { ($0, unreadable.count, dateValues.count) }
        let opened = HeaderNames.column(in: header, matching: HeaderNames.opened, excluding: taken)
            .flatMap { isDateColumn[$0] ? $0 : nil }
        status = Self.statusProposal(sample: sample, excluding: taken, opened: opened, close: fields["close_date"],
                                     stageColumns: Stage.standardWaterfall.compactMap { fields[$0.dateField] })
        stages = Self.stages(fields: fields, hasStatus: status != nil)
        if let status { taken.formUnion([status.column] + [status.opened].compactMap { $0 }) }
        if let currencyColumn = HeaderNames.column(in: header, matching: HeaderNames.currency, excluding: taken) {
            taken.insert(currencyColumn)
            let values = sample.valueCounts(currencyColumn)
            if values.count == 1, values[0].value.count == 3 { currency = values[0].value.uppercased() }
        }
        dimensions = Self.dimensions(sample: sample, excluding: taken.union(dateColumns))
        if let source = fields["source"] {
            marketingSources = sample.valueCounts(source).map(\.value).filter(Self.soundsLikeMarketing)
        }
        (snapshotNames, snapshotDate) = Self.snapshotDate(sample: sample, override: date, parser: parser,
                                                          dateColumns: recordDateColumns)
        todos = collectTodos()
    }
}

// MARK: - Inference steps

extension SiteInference {
    /// The format written to `site.yml`: the inferred one, or `MM/dd/yyyy` when slashed dates are ambiguous.
    var writtenDateFormat: DateFormat { Self.writtenFormat(dateFormat) }

    static func writtenFormat(_ guess: DateSniffer.Guess) -> DateFormat {
        switch guess {
        case let .format(format): return format
        case .dayOrMonthFirst: return .monthDayYear
        case .unsupported: return .iso
        }
    }

    /// Columns whose dates say when something happened to a record (not an expected close date).
    var recordDateColumns: [(column: Int, onlyWhere: Set<String>?)] {
        var columns: [(Int, Set<String>?)] = Stage.standardWaterfall.compactMap { fields[$0.dateField] }.map { ($0, nil) }
        if let lost = fields["lost_date"] { columns.append((lost, nil)) }
        if let status {
            if let opened = status.opened { columns.append((opened, nil)) }
            if let date = status.date { columns.append((date, Set(status.won + status.lost))) }
        }
        return columns
    }

    static func isDateColumn(_ values: [String]) -> Bool {
        let filled = values.filter { !$0.isEmpty }
        guard !filled.isEmpty else { return false }
        return filled.filter { DateSniffer.guess([$0]) != .unsupported }.count * 10 >= filled.count * 9
    }

    static func words(_ value: String) -> [String] { HeaderNames.normalized(value).split(separator: " ").map(String.init) }

    static func isWon(_ value: String) -> Bool { words(value).contains { $0 == "won" || $0.hasSuffix("won") } }
    static func isLost(_ value: String) -> Bool { words(value).contains { $0 == "lost" || $0.hasSuffix("lost") } }

    static func soundsLikeMarketing(_ value: String) -> Bool {
        let cues = ["marketing", "organic", "paid", "social", "email", "inbound", "web", "search", "campaign", "advert",
                    "seo", "ppc", "webinar", "display", "content"]
        return words(value).contains { word in cues.contains { word.hasPrefix($0) } }
    }

    static func statusProposal(sample: ExportSample, excluding taken: Set<Int>, opened: Int?, close: Int?,
                               stageColumns: [Int]) -> StatusProposal? {
        let normalizedHeader = sample.header.map(HeaderNames.normalized)
        let candidates = HeaderNames.status.flatMap { name in
            normalizedHeader.indices.filter { normalizedHeader[$0] == name && !taken.contains($0) }
        }.filter { (1...50).contains(sample.valueCounts($0).count) }
        let column = candidates.first { sample.valueCounts($0).contains { isWon($0.value) || isLost($0.value) } }
            ?? candidates.first
        guard let column else { return nil }
        var proposal = StatusProposal(column: column, date: close, opened: opened)
        let pipeline = "opportunity"
        for (value, count) in sample.valueCounts(column) {
            proposal.counts[value] = count
            if isWon(value) && !isLost(value) {
                proposal.won.append(value)
            } else if isLost(value) && !isWon(value) {
                proposal.lost.append(value)
            } else if let opened, words(value) != ["closed"] {
                let rows = sample.rows.filter { $0[column] == value }
                let undated = rows.allSatisfy { row in row[opened].isEmpty && stageColumns.allSatisfy { row[$0].isEmpty } }
                let junk = words(value).contains { ["duplicate", "test", "spam", "junk", "invalid"].contains($0) }
                if undated || junk { proposal.ignore.append(value) } else { proposal.stages.append((value, pipeline)) }
            } else {
                proposal.unmapped.append(value)
            }
        }
        return proposal
    }

    /// The standard stages with a date column, and the pipeline and won stages when a status maps onto them.
    static func stages(fields: [String: Int], hasStatus: Bool) -> [Stage] {
        var keys = Set(Stage.standardWaterfall.map(\.key).filter { fields[$0 + "_date"] != nil })
        if hasStatus || keys.count < 2 { keys.formUnion(["opportunity", "won"]) }
        return Stage.standardWaterfall.filter { keys.contains($0.key) }.map { stage in
            var stage = stage
            stage.isPipeline = stage.key == "opportunity"
            return stage
        }
    }

    /// Text columns with 2 to 12 values that repeat (each on two rows on average), filled on at
    /// least half the rows: likely dimensions.
    static func dimensions(sample: ExportSample, excluding taken: Set<Int>) -> [(key: String, column: Int, values: Int)] {
        let reserved = Set(HeaderNames.synonyms.map(\.field) + ["status", "lost_date", "won_date"])
        var keys = Set<String>()
        var result: [(key: String, column: Int, values: Int)] = []
        for column in sample.header.indices where !taken.contains(column) && result.count < Record.maxDimensions {
            let values = sample.values(column)
            let filled = values.filter { !$0.isEmpty }
            let distinct = Set(filled).count
            let key = HeaderNames.normalized(sample.header[column]).replacingOccurrences(of: " ", with: "_")
            guard (2...12).contains(distinct), filled.count * 2 >= values.count, distinct * 2 <= filled.count, !key.isEmpty, key.isStageKey,
                  !reserved.contains(key), !key.hasSuffix("_date"), keys.insert(key).inserted,
                  filled.filter({ AmountParser.parse($0) != .notADecimal }).count * 2 < filled.count
            else { continue }
            result.append((key, column, distinct))
        }
        return result
    }

    /// `--date`, else a `YYYY-MM-DD` in the file name, else the latest date a record reached something.
    static func snapshotDate(sample: ExportSample, override: Day?, parser: DateParser,
                             dateColumns: [(column: Int, onlyWhere: Set<String>?)]) -> (String?, (Day, String)?) {
        let name = sample.fileName
        var pattern: String?
        var fromName: Day?
        let scalars = Array(name.unicodeScalars)
        if scalars.count >= 10 {
            for start in 0...(scalars.count - 10) {
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars[start..<(start + 10)])
                if let day = DateParser(format: .iso).parse(text) {
                    fromName = day
                    var rest = ""
                    rest.unicodeScalars.append(contentsOf: scalars[..<start])
                    rest += "{date}"
                    rest.unicodeScalars.append(contentsOf: scalars[(start + 10)...])
                    if rest != "{date}.csv", !rest.contains("/") { pattern = rest }
                    break
                }
            }
        }
        if let override { return (pattern, (override, "from --date")) }
        if let fromName { return (pattern, (fromName, "from the file name")) }
        var latest: Day?
        for row in sample.rows {
            for (column, onlyWhere) in dateColumns {
                if let onlyWhere, !row.contains(where: onlyWhere.contains) { continue }
                if let day = parser.parse(row[column]), latest.map({ day > $0 }) ?? true { latest = day }
            }
        }
        return (pattern, latest.map { ($0, "the latest date a record was created, reached a stage or closed, "
            + "as the file name holds no date; pass --date YYYY-MM-DD if the export was taken on another day") })
    }

    func collectTodos() -> [(setting: String, text: String)] {
        var todos: [(String, String)] = [("company", "your company's name, shown on every page")]
        if currency == nil { todos.append(("currency", "the currency of the amounts (the export names none)")) }
        todos.append(("fiscal_year_start_month", "the month your fiscal year starts (1 = January)"))
        switch dateFormat {
        case .dayOrMonthFirst:
            todos.append(("date_format", "no date has a day above 12, so MM/dd and dd/MM both read them (e.g. "
                + "\(dateExample ?? "")); MM/dd/yyyy is assumed: set dd/MM/yyyy if days come first"))
        case .unsupported:
            todos.append(("date_format", dateExample.map { "the dates (e.g. \($0)) are in none of the formats Waterfall reads, or in more than one: " }
                ?? "no column holds dates: " + "export them as YYYY-MM-DD, MM/dd/yyyy, dd/MM/yyyy or dd.MM.yyyy (optionally with a 24-hour time)"))
        case .format:
            if let unreadableDate {
                todos.append(("date_format", "\(Format.count(unreadableDate.count)) of \(Format.count(unreadableDate.of)) date values, "
                    + "such as \"\(unreadableDate.example)\", do not read as \(writtenDateFormat.rawValue) (an impossible date, "
                    + "a time with AM/PM, or a second format?): their rows will be E3 unless the export writes them otherwise"))
            }
        }
        if fields["id"] == nil { todos.append(("columns.id", "no column looks like the record id: name it under `columns:`")) }
        if fields["amount"] == nil {
            todos.append(("columns.amount", "no amount column found: pipeline and bookings amounts will not be available"))
        } else if let amount = fields["amount"] {
            let filled = sample.values(amount).filter { !$0.isEmpty }
            let bad = filled.filter { AmountParser.parse($0) == .notADecimal }
            if let example = bad.first {
                todos.append(("columns.amount", "\(Format.count(bad.count)) of \(Format.count(filled.count)) amounts, such as "
                    + "\"\(example)\", are not plain decimals (their rows will be E4): export them without currency signs or "
                    + "thousands separators"))
            }
        }
        if fields["source"] == nil {
            todos.append(("marketing_sources", "no source column found: marketing-sourced figures will show as not available"))
        } else {
            todos.append(("marketing_sources", "proposed from the words in the source values; list the ones Marketing sourced"))
        }
        if let status {
            if status.date == nil {
                todos.append(("status.date", "no close date column found for the closing statuses: name it, then uncomment `status:`"))
            }
            if status.opened == nil {
                todos.append(("status.opened", "no create date column found: open statuses cannot be dated by stage"))
            }
            if !status.stages.isEmpty {
                todos.append(("status.stages", "every open status is mapped to the pipeline stage (opportunity); "
                    + "map early ones to an earlier stage (add it under `stages:`), e.g. `\"\(status.stages[0].value)\": sql`"))
            }
            if !status.unmapped.isEmpty {
                todos.append(("status", "no meaning inferred for " + status.unmapped.map { "\"\($0)\"" }.joined(separator: ", ")
                    + ": list each under won, lost, stages or ignore"))
            }
        } else if fields["won_date"] == nil {
            todos.append(("status", "no status column and no won date column found: nothing can count as won"))
        }
        let undated = stages.filter { stage in
            fields[stage.dateField] == nil && !(status != nil && (stage.key == "won" || (stage.key == "opportunity" && status?.opened != nil)))
        }
        if !undated.isEmpty {
            todos.append(("stages", "no date column found for " + undated.map(\.key).joined(separator: ", ")
                + " (each gets no dates, warning W4): map its column under `columns:` (e.g. `opportunity_date: \"Created Date\"`) or drop the stage"))
        }
        if snapshotDate == nil {
            todos.append(("snapshot", "no date found for the export: pass --date YYYY-MM-DD"))
        }
        return todos
    }
}
