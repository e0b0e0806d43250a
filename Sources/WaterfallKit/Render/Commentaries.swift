/// Every commentary file of the content folder, parsed: company-wide per week, and per dimension value.
public struct Commentaries: Sendable {
    /// Keyed by the path under `commentary/` without `.md`: `2026-11-20`, `2026-11-20/segment/enterprise`.
    var byKey: [String: Commentary] = [:]

    public init() {}

    /// Parses each file's front matter and Markdown; bad front matter is an error naming the file.
    public init(files: [CommentaryLoader.File]) throws {
        for file in files {
            byKey[String(file.key.dropLast(3))] = try Markdown.commentary(file.text, file: file.display)
        }
    }

    /// The commentary of a scope in a week: `DIM` may be written as the dimension's name or its slug.
    func commentary(week: Day, dimension: String?, valueSlug: String?) -> Commentary? {
        guard let dimension, let valueSlug else { return byKey[week.iso] }
        return byKey[week.iso + "/" + dimension + "/" + valueSlug]
            ?? byKey[week.iso + "/" + slug(dimension) + "/" + valueSlug]
    }
}
