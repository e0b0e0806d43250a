/// The commentary written for a scope and week, as shown on a page whose way back to the site
/// root is `rootPrefix` (its links depend on the page, so each copy of the page has its own).
struct CommentarySection: TemplateSection {
    var bodyHTML: SafeHTML
    var title: String?
    var author: String?
    var team: String?

    init(_ commentary: Commentary, rootPrefix: String) {
        bodyHTML = commentary.body(rootPrefix: rootPrefix)
        title = commentary.title
        author = commentary.author
        team = commentary.team
    }

    var fields: Fields {
        ["bodyHTML": bodyHTML, "title": title ?? false, "author": author ?? false, "team": team ?? false,
         "byline": author != nil || team != nil]
    }
}
