import Foundation

/// A request path read as a place in the site folder, before the file system is asked: the
/// percent-decoded folder and file names, or nil for any path that could leave the folder.
struct SitePath: Equatable {
    /// Names under the site folder, each decoded, none empty, `.` or `..`.
    var segments: [String]
    /// The request named a folder (`/`, `/weeks/`).
    var endsWithSlash: Bool

    /// Reads the raw (still percent-encoded) path of a request target: `/weeks/2026-11-20/`.
    /// Nil — a 404 — when a name is `.` or `..` (also as `%2e%2e`), holds `/`, `\` or NUL once
    /// decoded, starts with `.` (the `.waterfall-site` marker, staging leftovers) or is not UTF-8.
    init?(rawPath: String) {
        guard rawPath.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let name = String(raw).removingPercentEncoding, !name.isEmpty, !name.hasPrefix("."),
                  !name.contains("/"), !name.contains("\\"), !name.contains("\0") else { return nil }
            segments.append(name)
        }
        self.segments = segments
        endsWithSlash = rawPath.hasSuffix("/")
    }

    /// The path under the site folder, `/`-separated (empty for the root).
    var relative: String { segments.joined(separator: "/") }
}
