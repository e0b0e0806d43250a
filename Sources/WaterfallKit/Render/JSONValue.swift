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

    /// Compact JSON with two-space indentation, objects in insertion order, and a final newline.
    func serialized() -> String {
        var output = ""
        output.reserveCapacity(1 << 16)
        write(to: &output, indent: 0)
        output.append("\n")
        return output
    }

    private func write(to output: inout String, indent: Int) {
        switch self {
        case .null: output.append("null")
        case let .bool(value): output.append(value ? "true" : "false")
        case let .int(value): output.append(String(value))
        case let .double(value): output.append(JSONValue.format(value))
        case let .number(text): output.append(text)
        case let .string(text): JSONValue.writeString(text, to: &output)
        case let .array(items):
            guard !items.isEmpty else { output.append("[]"); return }
            if items.allSatisfy(\.isScalar) {
                output.append("[")
                for (index, item) in items.enumerated() {
                    if index > 0 { output.append(", ") }
                    item.write(to: &output, indent: indent)
                }
                output.append("]")
                return
            }
            output.append("[\n")
            for (index, item) in items.enumerated() {
                JSONValue.indent(indent + 2, into: &output)
                item.write(to: &output, indent: indent + 2)
                output.append(index == items.count - 1 ? "\n" : ",\n")
            }
            JSONValue.indent(indent, into: &output)
            output.append("]")
        case let .object(members):
            guard !members.isEmpty else { output.append("{}"); return }
            output.append("{\n")
            for (index, (key, value)) in members.enumerated() {
                JSONValue.indent(indent + 2, into: &output)
                JSONValue.writeString(key, to: &output)
                output.append(": ")
                value.write(to: &output, indent: indent + 2)
                output.append(index == members.count - 1 ? "\n" : ",\n")
            }
            JSONValue.indent(indent, into: &output)
            output.append("}")
        }
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

    /// Indentation strings by depth, built once.
    private static let indents = (0...64).map { String(repeating: " ", count: $0 * 2) }

    static func indent(_ count: Int, into output: inout String) {
        output.append(count / 2 < indents.count ? indents[count / 2] : String(repeating: " ", count: count))
    }

    static func writeString(_ text: String, to output: inout String) {
        // Most strings need no escaping: append them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }) {
            output.append("\"")
            output.append(text)
            output.append("\"")
            return
        }
        output.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case "\u{2028}": output.append("\\u2028")
            case "\u{2029}": output.append("\\u2029")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.append("\"")
    }
}
