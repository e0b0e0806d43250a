/// The Swift side of `scripts/csv-differential`: reads many CSV inputs from stdin, each framed as
/// a 4-byte little-endian length and that many bytes, and prints one JSON line per input:
/// `[[line, ["field", ...]], ...]`, the records as `CSVReader` hands them out.
/// `csv-driver CHUNK` reads each input in chunks of CHUNK bytes (default 1 MiB).
#if canImport(Glibc)
import Glibc
#endif

let chunkSize = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? (1 << 20) : 1 << 20

var input: [UInt8] = []
var stdin = try FileByteSource(path: "/dev/stdin")
while try stdin.read(into: &input, maxCount: 1 << 20) > 0 {}

var out: [UInt8] = []
out.reserveCapacity(1 << 22)

func appendJSONString(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
    let hex = Array("0123456789abcdef".utf8)
    out.append(UInt8(ascii: "\""))
    for byte in bytes {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            out.append(UInt8(ascii: "\\"))
            out.append(byte)
        case 0..<0x20:
            out += Array("\\u00".utf8)
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 15)])
        default:
            out.append(byte)
        }
    }
    out.append(UInt8(ascii: "\""))
}

var offset = 0
while offset + 4 <= input.count {
    let length = (0..<4).reduce(0) { $0 | Int(input[offset + $1]) << (8 * $1) }
    offset += 4
    let frame = Array(input[offset..<offset + length])
    offset += length
    out.append(UInt8(ascii: "["))
    for (index, row) in Harness.parse(frame, chunkSize: chunkSize).enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        out += Array("[\(row.line),[".utf8)
        for (fieldIndex, field) in row.fields.enumerated() {
            if fieldIndex > 0 { out.append(UInt8(ascii: ",")) }
            // As the validator sees it: `CSVRow.string(at:)` decodes UTF-8, invalid bytes as U+FFFD.
            appendJSONString(String(decoding: field, as: UTF8.self).utf8, to: &out)
        }
        out += Array("]]".utf8)
    }
    out += Array("]\n".utf8)
    if out.count > 1 << 21 {
        writeToStandardOutput(out)
        out.removeAll(keepingCapacity: true)
    }
}
writeToStandardOutput(out)

func writeToStandardOutput(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
        var written = 0
        while written < buffer.count {
            let count = write(1, buffer.baseAddress! + written, buffer.count - written)
            precondition(count > 0, "cannot write to standard output")
            written += count
        }
    }
}
