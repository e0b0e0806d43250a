import Foundation

/// A link destination written in commentary, read the way the site needs it: external (a scheme
/// such as `https:` or `mailto:`, or `//host`), the same page (`#part`), from the site root
/// (`/definitions/`) or relative to the page (`definitions/`).
struct SiteLink: Equatable {
    /// The part before `?` or `#`.
    var path: Substring
    /// `?query#fragment` as written, kept as it is.
    var suffix: Substring

    init(_ url: String) {
        let end = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
        path = url[..<end]
        suffix = url[end...]
    }

    /// A scheme (RFC 3986: a letter, then letters, digits, `+ - .`, then `:`) or a `//` authority.
    var isExternal: Bool {
        if path.hasPrefix("//") { return true }
        guard let colon = path.firstIndex(of: ":"), let first = path.first, first.isASCII, first.isLetter else { return false }
        return path[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// A link that leads to a file of the site (not another site, not only a part of this page).
    var isInternal: Bool { !isExternal && !path.isEmpty }

    var isFromRoot: Bool { path.hasPrefix("/") && !path.hasPrefix("//") }

    /// A link from the site root made relative for a page whose way back to the root is `rootPrefix`;
    /// a folder gets `index.html`, so the link also works from `file://`. Nil for every other link.
    func relative(rootPrefix: String) -> String? {
        guard isFromRoot else { return nil }
        var rest = String(path.dropFirst())
        if rest.isEmpty || rest.hasSuffix("/") { rest += "index.html" }
        // At the root, `/javascript:x` must not become a link with a scheme.
        if rootPrefix.isEmpty, rest.prefix(while: { $0 != "/" }).contains(":") { rest = "./" + rest }
        return rootPrefix + rest + suffix
    }

    /// The site files this link may name, followed from a page in `folders` (a folder named without
    /// its trailing `/` counts as its `index.html`); nil when it climbs out of the site root.
    func targets(fromPageIn folders: [String]) -> [String]? {
        guard isInternal else { return nil }
        var resolved = isFromRoot ? [] : folders
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var namesFolder = path.hasSuffix("/")
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case "", ".":
                if isLast { namesFolder = true }
            case "..":
                guard !resolved.isEmpty else { return nil }
                resolved.removeLast()
                if isLast { namesFolder = true }
            default:
                resolved.append(String(segment).removingPercentEncoding ?? String(segment))
            }
        }
        let joined = resolved.joined(separator: "/")
        let index = resolved.isEmpty ? "index.html" : joined + "/index.html"
        return namesFolder || resolved.isEmpty ? [index] : [joined, index]
    }
}
