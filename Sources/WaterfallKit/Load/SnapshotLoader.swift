/// Reads one export file as bytes and runs the row checks on it.
public enum SnapshotLoader {
    /// Streams `file` through the CSV reader and validator. `progress` gets the bytes read so far.
    public static func load(
        _ file: ContentFolder.SnapshotFile, displayPath: String, config: SiteConfig, today: Day? = nil,
        progress: ((Int) -> Void)? = nil
    ) throws -> Snapshot {
        let source = CountingByteSource(base: try FileByteSource(path: file.path), progress: progress)
        return try load(from: source, file: file.relativePath, displayPath: displayPath, date: file.date, config: config, today: today)
    }

    /// Validates an export from any byte source (tests use memory).
    public static func load<Source: ByteSource>(
        from source: Source, file: String, displayPath: String, date: Day, config: SiteConfig, today: Day? = nil
    ) throws -> Snapshot {
        var reader = CSVReader(source: source)
        var validator: SnapshotValidator?
        var fileDiagnostics: [Diagnostic] = []
        try reader.forEachRow { row in
            guard row.isValidUTF8 else { throw ContentError.notUTF8(path: displayPath, line: row.line) }
            if validator != nil {
                validator!.check(row)
                return
            }
            let headers = (0..<row.fieldCount).map { row.string(at: $0) }
            try rejectUnreadableLayout(headers, file: displayPath)
            let layout: ColumnLayout
            do {
                layout = try ColumnLayout(headers: headers, config: config, file: displayPath)
            } catch let error as ColumnLayout.Error where headers.count <= 2 {
                try rejectOtherDelimiters(headers, file: displayPath)
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
            validator = SnapshotValidator(config: config, layout: layout, file: file, snapshotDate: date)
        }
        guard let validator else { throw ColumnLayout.Error.noHeader(file: displayPath) }
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
