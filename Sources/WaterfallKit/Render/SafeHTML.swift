import Mustache

/// Markup that WaterfallKit wrote itself (Markdown via libcmark's safe mode, SVG charts) and that
/// templates may insert unescaped with triple braces. Only this module can create one.
///
/// Templates use `{{{nameHTML}}}` for these values and `{{name}}` (always escaped) for everything
/// else; `Theme` rejects triple braces on any name that does not end in `HTML`.
public struct SafeHTML: Sendable, Equatable, MustacheCustomRenderable {
    public let html: String

    /// Wraps markup produced by one of our own renderers. Never pass data through here unescaped.
    init(rendered html: String) {
        self.html = html
    }

    public static let empty = SafeHTML(rendered: "")

    public var renderText: String { html }
    public var isNull: Bool { html.isEmpty }
}
