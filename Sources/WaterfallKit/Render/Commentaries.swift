/// Every commentary file of the content folder, parsed: company-wide per week, and per dimension value.
struct Commentaries: Sendable {
    /// Keyed by the path under `commentary/` without `.md`: `2026-11-20`, `2026-11-20/segment/enterprise`.
    var byKey: [String: Commentary] = [:]

    init() {}

    /// Parses each file's front matter and Markdown; bad front matter is an error naming the file.
    init(files: [CommentaryLoader.File]) throws {
        for file in files {
            let key = String(file.key.dropLast(3))
            byKey[key] = try Markdown.commentary(file.text, file: file.display)
        }
    }

    /// Files that no page shows (no such snapshot, dimension or value), relative to the content folder
    /// and in path order: a typo in a date or slug would otherwise drop the commentary silently.
    func unused(pages: [(week: Day, dimension: String?, valueSlug: String?)]) -> [String] {
        var shown = Set<String>()
        for page in pages {
            guard let dimension = page.dimension, let valueSlug = page.valueSlug else {
                shown.insert(page.week.iso)
                continue
            }
            shown.insert(page.week.iso + "/" + dimension + "/" + valueSlug)
            shown.insert(page.week.iso + "/" + slug(dimension) + "/" + valueSlug)
        }
        return byKey.keys.filter { !shown.contains($0) }.sorted().map { "commentary/" + $0 + ".md" }
    }

    /// Whether any commentary links into the site (only then is the built site listed to check them).
    var hasInternalLinks: Bool { byKey.values.contains { !$0.internalLinks.isEmpty } }

    /// The commentary of a scope in a week: `DIM` may be written as the dimension's name or its slug.
    func commentary(week: Day, dimension: String?, valueSlug: String?) -> Commentary? {
        key(week: week, dimension: dimension, valueSlug: valueSlug).flatMap { byKey[$0] }
    }

    /// The file behind the commentary of a scope in a week, relative to the content folder.
    func file(week: Day, dimension: String?, valueSlug: String?) -> String? {
        key(week: week, dimension: dimension, valueSlug: valueSlug).map { "commentary/" + $0 + ".md" }
    }
}

private extension Commentaries {
    func key(week: Day, dimension: String?, valueSlug: String?) -> String? {
        guard let dimension, let valueSlug else { return byKey[week.iso] == nil ? nil : week.iso }
        return [week.iso + "/" + dimension + "/" + valueSlug, week.iso + "/" + slug(dimension) + "/" + valueSlug]
            .first { byKey[$0] != nil }
    }
}
