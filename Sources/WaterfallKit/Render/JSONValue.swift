/// A JSON document with ordered object keys, written byte-for-byte the same on every run.
///
/// Written by hand because `JSONEncoder` neither keeps the key order of SPEC §7 (only sorted
/// or unspecified) nor writes amounts from integer cents as exact decimals.
indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// A number already formatted, such as an amount from cents.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

    static func int(_ value: Int) -> JSONValue { .int(Int64(value)) }
    static func money(_ value: Money) -> JSONValue { .number(value.decimalString) }
    static func money(_ value: Money?) -> JSONValue { value.map { .number($0.decimalString) } ?? .null }
    static func double(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }
    static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// Compact JSON with two-space indentation, objects in insertion order, and a final newline; a
    /// list of plain values, and an object of plain values inside a list, on one line.
    func serialized() -> String {
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// `serialized()` as UTF-8 bytes. Written into one byte array rather than a `String`: the
    /// 20 MB metrics.json of a 1M-row week took 0.3 s as `String` appends (issue 10).
    func serializedBytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        write(to: &output, indent: 0)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    private func write(to output: inout [UInt8], indent: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case let .bool(value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case let .int(value): JSONValue.writeInteger(value, to: &output)
        case let .double(value): output.append(contentsOf: JSONValue.format(value).utf8)
        case let .number(text): output.append(contentsOf: text.utf8)
        case let .string(text): JSONValue.writeString(text, to: &output)
        case let .array(items):
            guard !items.isEmpty else { output.append(contentsOf: "[]".utf8); return }
            if items.allSatisfy(\.isScalar) {
                output.append(UInt8(ascii: "["))
                for (index, item) in items.enumerated() {
                    if index > 0 { output.append(contentsOf: ", ".utf8) }
                    item.write(to: &output, indent: indent)
                }
                output.append(UInt8(ascii: "]"))
                return
            }
            output.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                JSONValue.indent(indent + 2, into: &output)
                if case let .object(members) = item, members.allSatisfy(\.1.isScalar) {
                    JSONValue.writeOnOneLine(members, to: &output)
                } else {
                    item.write(to: &output, indent: indent + 2)
                }
                output.append(contentsOf: (index == items.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.indent(indent, into: &output)
            output.append(UInt8(ascii: "]"))
        case let .object(members):
            guard !members.isEmpty else { output.append(contentsOf: "{}".utf8); return }
            output.append(contentsOf: "{\n".utf8)
            for (index, (key, value)) in members.enumerated() {
                JSONValue.indent(indent + 2, into: &output)
                JSONValue.writeString(key, to: &output)
                output.append(contentsOf: ": ".utf8)
                value.write(to: &output, indent: indent + 2)
                output.append(contentsOf: (index == members.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.indent(indent, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// An object of plain values in a list (a deal, a lead, a diagnostic) on one line, so a list of
    /// them reads and diffs one entry a line (issue 10: written over seven indented lines each, the
    /// deal lists made 44 % of a 1M-row week's 21 MB of `metrics.json` spaces).
    private static func writeOnOneLine(_ members: [(String, JSONValue)], to output: inout [UInt8]) {
        guard !members.isEmpty else { output.append(contentsOf: "{}".utf8); return }
        output.append(UInt8(ascii: "{"))
        for (index, (key, value)) in members.enumerated() {
            if index > 0 { output.append(contentsOf: ", ".utf8) }
            JSONValue.writeString(key, to: &output)
            output.append(contentsOf: ": ".utf8)
            value.write(to: &output, indent: 0)
        }
        output.append(UInt8(ascii: "}"))
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// Shortest text that reads back as the same double; integers without a fraction.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    static func indent(_ count: Int, into output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// Decimal digits of an integer, without a `String` in between.
    static func writeInteger(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // room for 20 digits, the most a UInt64 has
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            output.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, and U+2028 and U+2029
    /// too (JavaScript reads them as line ends). Other bytes are copied as they are.
    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Most strings need no escaping: append them whole.
            guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }) else {
                output.append(contentsOf: bytes)
                return
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
                case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
                case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
                case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    output.append(contentsOf: (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    index += 2
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: "\\u00".utf8)
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 0xF)])
                default:
                    output.append(byte)
                }
                index += 1
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
