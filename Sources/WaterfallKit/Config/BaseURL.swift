/// The `base_url` of `site.yml`: where `output/` is published, for the e-mail's absolute links.
/// Only `http://` or `https://`, a host name (and port), and a path of URL characters; no user
/// name, query or fragment. The path always ends in `/`.
struct BaseURL: Equatable, Sendable {
    /// `https` or `http`.
    var scheme: String
    /// Lower-case host name, without the port.
    var host: String
    /// `:8443` or empty.
    var port: String
    /// `/pipeline/`: starts and ends with `/`.
    var path: String

    /// `https://reports.example.internal/pipeline/`.
    var string: String { scheme + "://" + host + port + path }

    /// Parses `text`, or nil when `problem(with:)` finds one.
    init?(_ text: String) {
        guard BaseURL.problem(with: text) == nil else { return nil }
        let schemeEnd = text.range(of: "://")!
        scheme = text[..<schemeEnd.lowerBound].lowercased()
        let rest = text[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        var pathPart = String(rest.dropFirst(authority.count))
        if !pathPart.hasSuffix("/") { pathPart += "/" }
        path = pathPart
        let colon = authority.firstIndex(of: ":")
        host = String(authority[..<(colon ?? authority.endIndex)]).lowercased()
        port = colon.map { String(authority[$0...]) } ?? ""
    }

    /// What is wrong with `text` as a base URL, or nil.
    static func problem(with text: String) -> String? {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return "it must start with https:// or http://" }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        let authority = rest.prefix { $0 != "/" }
        let pathPart = rest.dropFirst(authority.count)
        let hostCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
        let hostPart = authority.prefix { $0 != ":" }
        let portPart = authority.dropFirst(hostPart.count)
        guard !hostPart.isEmpty, hostPart.allSatisfy(hostCharacters.contains), !hostPart.hasPrefix("."), !hostPart.hasPrefix("-") else {
            return "the host name may hold only letters, digits, hyphens and dots (no user name or password)"
        }
        guard hostPart.count <= 253 else { return "the host name is longer than 253 characters" }
        guard portPart.isEmpty || portPart.count > 1 && portPart.dropFirst().allSatisfy(\.isASCIIDigit) && portPart.count <= 6 else {
            return "the port after the host name must be a number"
        }
        let pathCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%")
        guard pathPart.allSatisfy(pathCharacters.contains) else {
            return "the path may hold only URL characters (no spaces, line breaks, ? or #; write other characters as %XX)"
        }
        return nil
    }
}
