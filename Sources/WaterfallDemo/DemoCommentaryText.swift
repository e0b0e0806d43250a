import WaterfallKit

/// Number, date and name formatting for the commentary, without locale or Foundation.
enum DemoCommentaryText {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// `20 November 2026`.
    static func prose(_ day: Day) -> String {
        let (year, month, dayOfMonth) = day.civil
        return "\(dayOfMonth) \(monthNames[month - 1]) \(year)"
    }

    /// `$1.24M`, `$485k`, `$9.5k`, `$750`.
    static func money(_ cents: Int64) -> String {
        let dollars = (cents + 50) / 100
        if dollars >= 1_000_000 {
            let hundredths = (dollars + 5_000) / 10_000
            return "$\(hundredths / 100).\(String(format2: Int(hundredths % 100)))M"
        }
        if dollars >= 10_000 { return "$\((dollars + 500) / 1000)k" }
        if dollars >= 1_000 {
            let tenths = (dollars + 50) / 100
            return tenths % 10 == 0 ? "$\(tenths / 10)k" : "$\(tenths / 10).\(tenths % 10)k"
        }
        return "$\(dollars)"
    }

    /// Whole percent, rounded half up; nil when `whole` is zero.
    static func percent(_ part: Int64, of whole: Int64) -> Int? {
        guard whole > 0 else { return nil }
        return Int((part * 200 + whole) / (whole * 2))
    }

    static func percent(_ part: Int, of whole: Int) -> Int? {
        percent(Int64(part), of: Int64(whole))
    }

    /// `1 deal`, `3 deals`.
    static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(value) " + (value == 1 ? singular : plural ?? singular + "s")
    }

    /// `2.4`: a ratio with one decimal.
    static func ratio(_ part: Int64, _ whole: Int64) -> String {
        guard whole > 0 else { return "n/a" }
        let tenths = (part * 20 + whole) / (whole * 2)
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// The name as a reader sees it: a quoted CSV field unquoted.
    static func plainName(_ field: [UInt8]) -> String {
        guard field.first == UInt8(ascii: "\""), field.count >= 2 else { return String(decoding: field, as: UTF8.self) }
        var bytes: [UInt8] = []
        var index = 1
        while index < field.count - 1 {
            bytes.append(field[index])
            index += field[index] == UInt8(ascii: "\"") ? 2 : 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A double-quoted YAML scalar.
    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" { out += "\\" }
            out.append(character)
        }
        return out + "\""
    }
}
