import Yams

extension YAMLReader {
    /// `marketing_band: { low: 0.20, high: 0.30 }`: both ends required, fractions 0...1, low ≤ high.
    /// A percent written as a whole number (`20`) is refused with the fraction to write instead.
    func marketingBand(_ node: Node) throws -> MarketingBand {
        let example = "Write it as `marketing_band: { low: 0.20, high: 0.30 }` (fractions: 0.20 is 20 %)."
        let map = try mapping(node, key: "marketing_band")
        try rejectUnknownKeys(map, allowed: ["low", "high"], in: "marketing_band")
        func end(_ name: String) throws -> Double {
            let key = "marketing_band.\(name)"
            guard let value = map[name] else { throw error(node, key, "missing", example) }
            guard value.scalar != nil, let number = value.float, number.isFinite else {
                throw error(value, key, "\"\(value.string ?? "")\" is not a number", example)
            }
            guard (0...1).contains(number) else {
                let fix = number > 1 && number <= 100
                    ? "Write the share as a fraction between 0 and 1: \(number.formatted) % is `\(name): \((number / 100).formatted)`."
                    : "Write the share as a fraction between 0 and 1. " + example
                throw error(value, key, "\(value.string ?? "") is not between 0 and 1", fix)
            }
            return number
        }
        let band = MarketingBand(low: try end("low"), high: try end("high"))
        guard band.low <= band.high else {
            throw error(map["low"], "marketing_band", "low (\(band.low.formatted)) is above high (\(band.high.formatted))",
                        "Put the lower share first: " + example)
        }
        return band
    }
}

private extension Double {
    /// `20`, `0.2`, `22.5`: the shortest text that reads back as the same number, no trailing `.0`.
    var formatted: String {
        let text = "\(self)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
