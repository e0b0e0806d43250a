/// Reads one export file as bytes and runs the row checks on it.
public enum SnapshotLoader {
    /// Streams `file` through the CSV reader and validator. `progress` gets the bytes read so far.
    public static func load(
        _ file: ContentFolder.SnapshotFile, displayPath: String, config: SiteConfig,
        progress: ((Int) -> Void)? = nil
    ) throws -> Snapshot {
        let source = CountingByteSource(base: try FileByteSource(path: file.path), progress: progress)
        return try load(from: source, file: file.relativePath, displayPath: displayPath, date: file.date, config: config)
    }

    /// Validates an export from any byte source (tests use memory).
    public static func load<Source: ByteSource>(
        from source: Source, file: String, displayPath: String, date: Day, config: SiteConfig
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
            let layout = try ColumnLayout(headers: headers, config: config, file: displayPath)
            for stage in layout.stagesWithoutColumn(config) {
                fileDiagnostics.append(Diagnostic(
                    code: .w4, location: DiagnosticLocation(file: file, line: 1),
                    message: "no column \"\(config.header(for: stage.dateField))\" for stage \(stage.key): it gets no dates",
                    fix: "Add the column or map it under `columns:` in site.yml"))
            }
            validator = SnapshotValidator(config: config, layout: layout, file: file, snapshotDate: date)
        }
        guard let validator else { throw ColumnLayout.Error.noHeader(file: displayPath) }
        return validator.finish(fileDiagnostics: fileDiagnostics)
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
