/// The digest as an HTML e-mail (the `text/html` part): nested tables and inline styles only, no
/// stylesheet, script, SVG or image, 600 px wide and fluid below that (the masthead, tiles and
/// tables shrink to a 390 px phone). Every value is escaped where it lands.
enum DigestHTML {
    enum Colour {
        static let ink = "#1b2430", muted = "#4f5b69", line = "#d8dee6", canvas = "#f4f6f9", brand = "#163d66"
        static let link = "#0b5cad", up = "#146c3a", down = "#b3261e", masthead = "#dbe5f0"
    }

    static let font = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"

    static func render(_ digest: Digest) -> String {
        var rows: [String] = [masthead(digest)]
        if let commentary = digest.commentary { rows.append(commentaryRow(commentary, digest: digest)) }
        rows.append(section("Headlines"))
        rows.append(headlines(digest.headlines))
        if !digest.serviceLevels.isEmpty {
            rows.append(section("Service levels"))
            rows.append(serviceLevels(digest.serviceLevels))
        }
        rows.append(section("Pipeline bridge"))
        rows.append(bridge(digest))
        rows.append(section(digest.plan.map { "Plan, \($0.quarter)" } ?? "Plan"))
        rows.append(plan(digest))
        for group in digest.movers {
            rows.append(section("Biggest pipeline moves by \(group.dimension)"))
            rows.append(movers(group))
        }
        rows.append(footer(digest))
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="x-apple-disable-message-reformatting">
        <title>\(digest.subject.htmlEscaped)</title>
        </head>
        <body style="margin:0;padding:0;background-color:\(Colour.canvas);">
        <table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background-color:\(Colour.canvas);">
        <tr><td align="center" style="padding:16px 8px;">
        <!--[if mso]><table role="presentation" width="600" cellspacing="0" cellpadding="0" border="0"><tr><td><![endif]-->
        <table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="max-width:600px;width:100%;\
        background-color:#ffffff;border:1px solid \(Colour.line);border-collapse:separate;font-family:\(font);color:\(Colour.ink);\
        font-size:15px;line-height:1.5;">
        \(rows.joined(separator: "\n"))
        </table>
        <!--[if mso]></td></tr></table><![endif]-->
        </td></tr>
        </table>
        </body>
        </html>

        """
    }
}

// MARK: - Sections

private extension DigestHTML {
    static func masthead(_ digest: Digest) -> String {
        """
        <tr><td style="background-color:\(Colour.brand);color:#ffffff;padding:18px 20px;">
        <div style="font-size:13px;letter-spacing:0.04em;text-transform:uppercase;color:\(Colour.masthead);overflow-wrap:anywhere;">\(digest.company.htmlEscaped)</div>
        <h1 style="margin:2px 0 4px;font-size:22px;line-height:1.25;font-weight:700;color:#ffffff;">Revenue waterfall, week of \(digest.date.htmlEscaped)</h1>
        <div style="font-size:14px;color:\(Colour.masthead);">\(digest.weekRange.htmlEscaped) · \(digest.quarter.htmlEscaped)</div>
        </td></tr>
        """
    }

    static func section(_ title: String) -> String {
        """
        <tr><td style="padding:22px 20px 8px;"><h2 style="margin:0;font-size:13px;line-height:1.3;letter-spacing:0.06em;\
        text-transform:uppercase;color:\(Colour.muted);border-bottom:1px solid \(Colour.line);padding-bottom:6px;">\(title.htmlEscaped)</h2></td></tr>
        """
    }

    static func commentaryRow(_ commentary: Commentary, digest: Digest) -> String {
        var html = "<tr><td style=\"padding:20px 20px 0;overflow-wrap:anywhere;\">\n"
        if let title = commentary.title {
            html += "<p style=\"margin:0 0 6px;font-size:18px;line-height:1.35;font-weight:700;\">\(title.htmlEscaped)</p>\n"
        }
        if !commentary.firstParagraph.isEmpty {
            html += "<p style=\"margin:0 0 6px;\">\(inline(commentary.firstParagraph, digest: digest))</p>\n"
        }
        let byline = [commentary.author, commentary.team].compactMap { $0 }.joined(separator: ", ")
        if !byline.isEmpty {
            html += "<p style=\"margin:0;font-size:13px;color:\(Colour.muted);\">— \(byline.htmlEscaped)</p>\n"
        }
        if let url = digest.links.first?.url {
            html += "<p style=\"margin:6px 0 0;font-size:13px;\">\(link("Read the whole commentary", url))</p>\n"
        }
        return html + "</td></tr>"
    }

    /// Two tiles a row, each cell bordered so a row's tiles share one height; an odd last tile spans the row.
    static func headlines(_ tiles: [KPITile]) -> String {
        let rows = stride(from: 0, to: tiles.count, by: 2).map { index in
            index + 1 < tiles.count
                ? "<tr>\(tile(tiles[index], span: 1))\n\(tile(tiles[index + 1], span: 1))</tr>"
                : "<tr>\(tile(tiles[index], span: 2))</tr>"
        }
        return """
        <tr><td style="padding:0 10px;">
        <table role="presentation" width="100%" cellspacing="10" cellpadding="0" border="0" style="table-layout:fixed;">
        \(rows.joined(separator: "\n"))
        </table>
        </td></tr>
        """
    }

    static func tile(_ tile: KPITile, span: Int) -> String {
        let value = tile.value.map { "<div style=\"font-size:22px;line-height:1.25;font-weight:700;\">\($0.htmlEscaped)</div>" }
            ?? "<div style=\"font-size:22px;line-height:1.25;font-weight:700;\">—</div><div style=\"font-size:12px;color:\(Colour.muted);\">\(tile.missing.htmlEscaped)</div>"
        let width = span == 2 ? " colspan=\"2\"" : " width=\"50%\""
        return """
        <td\(width) valign="top" style="border:1px solid \(Colour.line);border-radius:6px;padding:10px 12px;overflow-wrap:anywhere;">\
        <div style="font-size:13px;line-height:1.3;color:\(Colour.muted);">\(tile.label.htmlEscaped)</div>\
        \(value)\(change(tile.change, note: tile.changeNote))\
        <div style="font-size:12px;line-height:1.35;color:\(Colour.muted);">\(tile.detail.htmlEscaped)</div></td>
        """
    }

    static func change(_ change: Change?, note: String?) -> String {
        guard let change else {
            return note.map { "<div style=\"font-size:13px;color:\(Colour.muted);\">\($0.htmlEscaped)</div>" } ?? ""
        }
        let colour = change.direction == .up ? Colour.up : change.direction == .down ? Colour.down : Colour.muted
        return "<div style=\"font-size:13px;font-weight:600;color:\(colour);\" title=\"\(change.spoken.htmlEscaped)\">\(change.text.htmlEscaped)</div>"
    }

    static func serviceLevels(_ levels: [Digest.ServiceLevel]) -> String {
        let rows = levels.map { level in
            let week = level.thisWeek.map { "<strong>\($0.htmlEscaped)</strong>" } ?? "—"
            let qtd = level.quarterToDate.map { "\($0.htmlEscaped) quarter to date" } ?? ""
            return """
            <tr><td style="padding:8px 0;border-bottom:1px solid \(Colour.line);vertical-align:top;"><strong>\(level.name.htmlEscaped)</strong><br>\
            <span style="font-size:13px;color:\(Colour.muted);">within \(level.agreed.htmlEscaped)</span></td>
            <td style="padding:8px 8px;border-bottom:1px solid \(Colour.line);vertical-align:top;">\(week) this week\
            \(change(level.change, note: level.thisWeek == nil ? level.missing : nil))\
            <span style="font-size:13px;color:\(Colour.muted);">\(qtd)</span></td>
            <td style="padding:8px 0;border-bottom:1px solid \(Colour.line);vertical-align:top;text-align:right;">\
            <strong>\(level.breached.htmlEscaped)</strong><br><span style="font-size:13px;color:\(Colour.muted);">waiting too long</span></td></tr>
            """
        }
        return table(rows)
    }

    static func bridge(_ digest: Digest) -> String {
        guard !digest.bridge.isEmpty else {
            return paragraphRow("No bridge: this is the first snapshot, so there is no earlier week to compare with.")
        }
        let terms = digest.bridge.map { term in
            let sign = term.sign.isEmpty ? "" : "\(term.sign.htmlEscaped) "
            return "<span style=\"white-space:nowrap;\">\(sign)<strong>\(term.amount.htmlEscaped)</strong> \(term.label.htmlEscaped)</span>"
        }
        let from = digest.previousDate.map { "From \($0.htmlEscaped) to \(digest.date.htmlEscaped): " } ?? ""
        return "<tr><td style=\"padding:0 20px;\"><p style=\"margin:0;\">\(from)\(terms.joined(separator: " "))</p></td></tr>"
    }

    static func plan(_ digest: Digest) -> String {
        guard let plan = digest.plan else { return paragraphRow(digest.noPlan) }
        var html = "<tr><td style=\"padding:0 20px;\"><p style=\"margin:0 0 8px;\"><strong style=\"font-size:18px;\">"
            + "\((plan.attainment ?? "—").htmlEscaped)</strong> of the \(plan.target.htmlEscaped) target booked "
            + "(\(plan.booked.htmlEscaped))"
        if let coverage = plan.coverage { html += "; coverage \(coverage.htmlEscaped)" }
        html += ".</p>\n"
        let rows = plan.pace.map { pace -> String in
            let gapColour = pace.isBehind ? Colour.down : Colour.up
            let gap = pace.gap.map { "<strong style=\"color:\(gapColour);\">\($0.htmlEscaped)</strong>" } ?? "—"
            return """
            <tr><td style="padding:6px 0;border-bottom:1px solid \(Colour.line);">\(pace.stage.htmlEscaped)\
            \(pace.need.map { "<br><span style=\"font-size:12px;color:\(Colour.muted);\">\($0.htmlEscaped) needed this quarter</span>" } ?? "")</td>\
            <td style="padding:6px 8px;border-bottom:1px solid \(Colour.line);text-align:right;">\(pace.actual.htmlEscaped)</td>\
            <td style="padding:6px 8px;border-bottom:1px solid \(Colour.line);text-align:right;">\((pace.expected ?? "—").htmlEscaped)</td>\
            <td style="padding:6px 0;border-bottom:1px solid \(Colour.line);text-align:right;">\(gap)</td></tr>
            """
        }
        let header = """
        <tr><th align="left" style="padding:4px 0;font-size:12px;color:\(Colour.muted);font-weight:600;">Pace</th>\
        <th align="right" style="padding:4px 8px;font-size:12px;color:\(Colour.muted);font-weight:600;">So far</th>\
        <th align="right" style="padding:4px 8px;font-size:12px;color:\(Colour.muted);font-weight:600;">Expected by now</th>\
        <th align="right" style="padding:4px 0;font-size:12px;color:\(Colour.muted);font-weight:600;">Gap</th></tr>
        """
        html += "<table role=\"presentation\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\" style=\"font-size:14px;\">\n"
            + header + "\n" + rows.joined(separator: "\n") + "\n</table>\n</td></tr>"
        return html
    }

    static func movers(_ group: Digest.MoverGroup) -> String {
        table(group.movers.map { mover in
            let name = mover.url.map { link(mover.value, $0) } ?? mover.value.htmlEscaped
            return """
            <tr><td style="padding:8px 0;border-bottom:1px solid \(Colour.line);overflow-wrap:anywhere;">\(name)</td>\
            <td style="padding:8px 8px;border-bottom:1px solid \(Colour.line);text-align:right;">\(change(mover.change, note: nil))</td>\
            <td style="padding:8px 0;border-bottom:1px solid \(Colour.line);text-align:right;white-space:nowrap;">\
            \(mover.pipeline.htmlEscaped)<br><span style="font-size:12px;color:\(Colour.muted);">open now</span></td></tr>
            """
        })
    }

    static func footer(_ digest: Digest) -> String {
        var html = "<tr><td style=\"padding:24px 20px 20px;\">\n"
        if let report = digest.links.first {
            html += "<a href=\"\(report.url.htmlEscaped)\" style=\"display:inline-block;background-color:\(Colour.brand);color:#ffffff;"
                + "padding:10px 18px;border-radius:4px;font-weight:600;text-decoration:none;\">Open the full report</a>\n"
            let others = digest.links.dropFirst().map { link($0.label, $0.url) }
            html += "<p style=\"margin:14px 0 0;font-size:13px;\">\(others.joined(separator: " · "))</p>\n"
        }
        html += "<p style=\"margin:14px 0 0;font-size:12px;color:\(Colour.muted);\">Figures as of \(digest.date.htmlEscaped), "
            + "computed by Waterfall from the weekly CRM export. Changes compare with the previous week.</p>\n"
        return html + "</td></tr>"
    }
}

// MARK: - Pieces

private extension DigestHTML {
    static func table(_ rows: [String]) -> String {
        """
        <tr><td style="padding:0 20px;">
        <table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="font-size:14px;">
        \(rows.joined(separator: "\n"))
        </table>
        </td></tr>
        """
    }

    static func paragraphRow(_ text: String) -> String {
        "<tr><td style=\"padding:0 20px;\"><p style=\"margin:0;color:\(Colour.muted);\">\(text.htmlEscaped)</p></td></tr>"
    }

    static func link(_ text: String, _ url: String) -> String {
        "<a href=\"\(url.htmlEscaped)\" style=\"color:\(Colour.link);\">\(text.htmlEscaped)</a>"
    }

    /// Inline Markdown as HTML: text escaped; a link only when it resolves to an absolute address.
    static func inline(_ inlines: [MarkdownInline], digest: Digest) -> String {
        inlines.map { inline -> String in
            switch inline {
            case let .text(text): return text.htmlEscaped
            case let .code(text): return "<code style=\"font-family:Menlo,Consolas,monospace;font-size:0.9em;\">\(text.htmlEscaped)</code>"
            case .lineBreak: return "<br>"
            case let .emphasis(inner): return "<em>\(self.inline(inner, digest: digest))</em>"
            case let .strong(inner): return "<strong>\(self.inline(inner, digest: digest))</strong>"
            case let .link(destination, inner):
                let text = self.inline(inner, digest: digest)
                guard let url = digest.resolveCommentaryLink(destination) else { return text }
                return "<a href=\"\(url.htmlEscaped)\" style=\"color:\(Colour.link);\">\(text)</a>"
            }
        }.joined()
    }
}
