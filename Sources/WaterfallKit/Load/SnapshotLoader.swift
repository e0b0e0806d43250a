import Dispatch

/// Reads one export file as bytes and runs the row checks on it.
enum SnapshotLoader {
    /// Streams `file` through the CSV reader and validator. `progress` gets the bytes read so far.
    static func load(
        _ file: ContentFolder.SnapshotFile, displayPath: String, config: SiteConfig, today: Day? = nil,
        progress: ((Int) -> Void)? = nil
    ) throws -> Snapshot {
        let source = CountingByteSource(base: try FileByteSource(path: file.path), progress: progress)
        return try load(from: source, file: file.relativePath, displayPath: displayPath, date: file.date, config: config, today: today)
    }

    /// How the rows of one file are spread over the cores; a build (or a test) sets it with
    /// `SnapshotLoader.$parallelism.withValue(_:operation:)`.
    @TaskLocal static var parallelism = ParseParallelism.automatic

    /// Validates an export from any byte source (tests use memory).
    ///
    /// The bytes are read in pieces of about `parallelism.chunkBytes`, cut where a record ends
    /// (`CSVRecordBoundaries`, which follows quoted line breaks and counts every line feed, so each
    /// piece knows the physical line it starts on). Up to `parallelism.workers` threads check the
    /// pieces of a batch at once; `SnapshotValidator.merge(_:)` then takes them in file order, so
    /// the snapshot and its diagnostics are the same, byte for byte, however the file was cut.
    static func load<Source: ByteSource>(
        from source: Source, file: String, displayPath: String, date: Day, config: SiteConfig, today: Day? = nil
    ) throws -> Snapshot {
        var input = PieceReader(source: source, settings: parallelism)
        var fileDiagnostics: [Diagnostic] = []
        guard let header = try input.header(displayPath: displayPath) else { throw ColumnLayout.Error.noHeader(file: displayPath) }
        try rejectUnreadableLayout(header, file: displayPath)
        let layout: ColumnLayout
        do {
            layout = try ColumnLayout(headers: header, config: config, file: displayPath)
        } catch let error as ColumnLayout.Error where header.count <= 2 {
            try rejectOtherDelimiters(header, file: displayPath)
            throw error
        }
        for miss in layout.nearMisses {
            fileDiagnostics.append(Diagnostic(
                code: .w7, location: DiagnosticLocation(file: file, line: 1),
                message: "no column \"\(miss.wanted)\", but there is \"\(miss.found)\" (it differs in case or spaces, so it is not used)",
                fix: "Did you mean \"\(miss.found)\"? Write it exactly so under `columns:` in site.yml"))
        }
        for stage in layout.stagesWithoutColumn(config) {
            fileDiagnostics.append(Diagnostic(
                code: .w4, location: DiagnosticLocation(file: file, line: 1),
                message: "no column \"\(config.header(for: stage.dateField))\" for stage \(stage.key): it gets no dates",
                fix: "Add the column or map it under `columns:` in site.yml"))
        }
        let validator = SnapshotValidator(config: config, layout: layout, file: file, snapshotDate: date)
        try input.forEachBatch(checker: validator.checker) { checked in
            for rows in checked {
                if let line = rows.notUTF8Line { throw ContentError.notUTF8(path: displayPath, line: line) }
                validator.merge(rows)
            }
        }
        return validator.finish(fileDiagnostics: fileDiagnostics, today: today)
    }
}

// MARK: - Files that are not comma-separated with LF or CRLF line ends (E9)

extension SnapshotLoader {
    /// A header that holds a carriage return: the file ends its lines with CR alone (old Mac Excel),
    /// which would read as one row.
    static func rejectUnreadableLayout(_ headers: [String], file: String) throws {
        guard headers.contains(where: { $0.contains("\r") }) else { return }
        throw DiagnosticError(Diagnostic(
            code: .e9, location: DiagnosticLocation(file: file, line: 1),
            message: "the file ends its lines with a carriage return alone (CR, from old Mac software), so it reads as one line",
            fix: "Save it again as \"CSV UTF-8\" with LF or CRLF line ends, or convert it: tr '\\r' '\\n' < IN.csv > OUT.csv"))
    }

    /// A header of one or two fields that splits on `;` or tabs into many: the wrong delimiter.
    static func rejectOtherDelimiters(_ headers: [String], file: String) throws {
        let line = headers.joined(separator: ",")
        for (delimiter, name, fix) in [(";", "semicolon (;)", "In Excel choose \"CSV UTF-8 (comma delimited)\""),
                                       ("\t", "tab", "Export it as CSV rather than tab-separated text")]
        where line.split(separator: Character(delimiter)).count > headers.count + 1 {
            throw DiagnosticError(Diagnostic(
                code: .e9, location: DiagnosticLocation(file: file, line: 1),
                message: "the file looks \(name)-separated (its header splits into "
                    + "\(line.split(separator: Character(delimiter)).count) columns at each \(name)); Waterfall reads comma-separated CSV",
                fix: fix + ", or convert it, e.g. with `csvformat -d '\(delimiter == "\t" ? "\\t" : delimiter)'` from csvkit"))
        }
    }
}

/// Counts the bytes passing through, for the progress line.
struct CountingByteSource<Base: ByteSource>: ByteSource {
    var base: Base
    var progress: ((Int) -> Void)?
    var total = 0

    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let count = try base.read(into: &buffer, maxCount: maxCount)
        total += count
        progress?(total)
        return count
    }
}
