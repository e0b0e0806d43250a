
/// The longest slug kept as it is; a longer one is cut here and gets `-` and `slugHashLength` hex
/// digits of the SHA-256 of the full value, so any value gives a valid file name (255 bytes at most).
let slugMaxBytes = 80
/// How many hex digits of the value's SHA-256 a cut slug ends with.
let slugHashLength = 8

/// URL slugs for dimension values (SPEC §8): lower-case ASCII letters and digits kept, every other
/// run of characters one `-`, leading and trailing `-` dropped, `value` when nothing is left.
/// A slug longer than `slugMaxBytes` is cut there and ends with a short hash of the whole value.
public func slug(_ text: String) -> String {
    var result: [UInt8] = []
    result.reserveCapacity(min(text.utf8.count, slugMaxBytes + 1))
    var pendingDash = false
    for byte in text.utf8 {
        let lower: UInt8
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): lower = byte
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): lower = byte + 32
        default:
            pendingDash = true
            continue
        }
        if pendingDash, !result.isEmpty { result.append(UInt8(ascii: "-")) }
        pendingDash = false
        result.append(lower)
        if result.count > slugMaxBytes { break }
    }
    guard result.count > slugMaxBytes else {
        return result.isEmpty ? "value" : String(decoding: result, as: UTF8.self)
    }
    var cut = result.prefix(slugMaxBytes)
    while cut.last == UInt8(ascii: "-") { cut.removeLast() }
    return String(decoding: cut, as: UTF8.self) + "-" + SHA256Digest(of: text.utf8).hex.prefix(slugHashLength)
}

/// The slugs of a set of values: where slugs collide, the values in code-point order get the plain
/// slug, then `-2`, `-3`, … (skipping any suffix another value already owns).
func uniqueSlugs(for values: [String]) -> [String: String] {
    let ordered = Set(values).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var taken: Set<String> = []
    var result: [String: String] = [:]
    // Plain slugs first, so a value whose own slug is `x-2` keeps it ahead of a collision suffix.
    var collided: [(value: String, base: String)] = []
    for value in ordered {
        let base = slug(value)
        if taken.insert(base).inserted {
            result[value] = base
        } else {
            collided.append((value, base))
        }
    }
    for (value, base) in collided {
        var number = 2
        while !taken.insert("\(base)-\(number)").inserted { number += 1 }
        result[value] = "\(base)-\(number)"
    }
    return result
}
