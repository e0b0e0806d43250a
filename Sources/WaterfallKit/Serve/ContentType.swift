/// The `Content-Type` of each kind of file a built site holds, by file extension, the same as
/// `docs/nginx-waterfall.conf` serves them. Anything else is `application/octet-stream`.
enum ContentType {
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "svg": "image/svg+xml",
        "json": "application/json",
        "eml": "message/rfc822",
        "txt": "text/plain; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "png": "image/png",
    ]

    /// The type of the file at `path` (`weeks/2026-11-20/metrics.json` → `application/json`).
    static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
