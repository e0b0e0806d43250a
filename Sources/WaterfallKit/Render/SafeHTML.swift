import Mustache

/// Markup that WaterfallKit wrote itself (Markdown via libcmark's safe mode, SVG charts) and that
/// templates may insert unescaped with triple braces. Only this module can create one.
///
/// Templates use `{{{nameHTML}}}` for these values and `{{name}}` (always escaped) for everything
/// else; `Theme` rejects triple braces on any name that does not end in `HTML`.
struct SafeHTML: Sendable, Equatable, MustacheCustomRenderable {
    let html: String

    /// Wraps markup produced by one of our own renderers. Never pass data through here unescaped.
    init(rendered html: String) {
        self.html = html
    }

    static let empty = SafeHTML(rendered: "")

    var renderText: String { html }
    var isNull: Bool { html.isEmpty }
}
