/// `csv-speed READER MODE FILE`: parses FILE once and prints `rows fields seconds`.
/// READER: `waterfall` (Load/CSVReader.swift) or `csvswift` (yaslab/CSV.swift 2.5.2).
/// MODE: `scan` touches every field as the reader hands it out (Waterfall: byte ranges, CSV.swift:
/// the `String`s it always builds); `strings` makes a `String` of every field on both sides.
import CSV
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4, ["waterfall", "csvswift"].contains(arguments[1]), ["scan", "strings"].contains(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: csv-speed waterfall|csvswift scan|strings FILE\n".utf8))
    exit(2)
}
let (readerName, mode, path) = (arguments[1], arguments[2], arguments[3])

var rows = 0, fields = 0, checksum = 0
let started = DispatchTime.now().uptimeNanoseconds
if readerName == "waterfall" {
    var reader = CSVReader(source: try FileByteSource(path: path))
    try reader.forEachRow { row in
        rows += 1
        fields += row.fieldCount
        for index in 0..<row.fieldCount {
            if mode == "strings" {
                checksum &+= row.string(at: index).utf8.count
            } else {
                checksum &+= row.withValue(at: index) { $0.count }
            }
        }
    }
} else {
    guard let stream = InputStream(fileAtPath: path) else { fatalError("cannot open \(path)") }
    // `CSV` is CSV.swift's own alias of its `CSVReader` (the module name is shadowed by it, and the
    // name `CSVReader` by Waterfall's reader in this module).
    let reader = try CSV(stream: stream, hasHeaderRow: false, trimFields: true)
    while let row = reader.next() {
        rows += 1
        fields += row.count
        for field in row { checksum &+= field.utf8.count }
    }
    // On Linux, Foundation's InputStream keeps `hasBytesAvailable` true at the end of the file, so
    // CSV.swift ends every file with `cannotReadFile` after its last row; Benchmarks/csv-speed
    // checks that both readers saw the same records, fields and value bytes.
    if let error = reader.error { FileHandle.standardError.write(Data("CSV.swift: \(error)\n".utf8)) }
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
print(rows, fields, checksum, String(format: "%.3f", seconds))
