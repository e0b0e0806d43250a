/// The digest as plain text (the `text/plain` part): short sections, lines wrapped at 72
/// characters, links written out in full.
enum DigestText {
    static let width = 72

    static func render(_ digest: Digest) -> String {
        var out: [String] = []
        func paragraph(_ text: String, indent: String = "", first: String = "") {
            out += wrap(text, first: first, indent: indent)
        }
        func heading(_ text: String) {
            out.append("")
            out.append(text.uppercased())
        }
        out.append("\(digest.company) — revenue waterfall")
        out.append("Week of \(digest.date) (\(digest.weekRange)), \(digest.quarter)")
        if let url = digest.links.first?.url { out.append("Full report: \(url)") }

        if let commentary = digest.commentary {
            out.append("")
            if let title = commentary.title { paragraph(MailHeader.singleLine(title)) }
            let text = plain(commentary.firstParagraph, digest: digest)
            if !text.isEmpty { paragraph(text) }
            let byline = [commentary.author, commentary.team].compactMap { $0 }.map(MailHeader.singleLine).joined(separator: ", ")
            if !byline.isEmpty { out.append("— " + byline) }
        }

        heading("Headlines")
        for tile in digest.headlines {
            var line = "\(tile.label): \(tile.value ?? "not available (\(tile.missing))")"
            if let change = tile.change { line += ", \(change.spoken)" } else if let note = tile.changeNote { line += " (\(note))" }
            paragraph(line + "; \(tile.detail).", indent: "  ", first: "- ")
        }

        if !digest.serviceLevels.isEmpty {
            heading("Service levels")
            for level in digest.serviceLevels {
                var line = "\(level.name) (within \(level.agreed)): "
                line += level.thisWeek.map { "\($0) on time this week" } ?? "not available this week (\(level.missing))"
                if let change = level.change { line += ", \(change.spoken)" }
                if let qtd = level.quarterToDate { line += "; \(qtd) quarter to date" }
                line += "; \(level.breached) waiting past the agreed time."
                paragraph(line, indent: "  ", first: "- ")
            }
        }

        heading("Pipeline bridge")
        if digest.bridge.isEmpty {
            paragraph("No bridge: this is the first snapshot, so there is no earlier week to compare with.")
        } else {
            if let from = digest.previousDate { out.append("From \(from) to \(digest.date):") }
            paragraph(bridgeLine(digest.bridge))
        }

        heading("Plan")
        if let plan = digest.plan {
            var line = "\(plan.quarter): \(plan.attainment ?? "not available (the target is zero)") of the \(plan.target) target booked (\(plan.booked))"
            if let coverage = plan.coverage { line += "; coverage \(coverage)" }
            paragraph(line + ".")
            for pace in plan.pace {
                paragraph(paceLine(pace), indent: "  ", first: "- ")
            }
        } else {
            paragraph(digest.noPlan)
        }

        for group in digest.movers {
            heading("Biggest pipeline moves by \(group.dimension)")
            for mover in group.movers {
                paragraph("\(MailHeader.singleLine(mover.value)): \(mover.change.spoken), now \(mover.pipeline).", indent: "  ", first: "- ")
                if let url = mover.url { out.append("  " + url) }
            }
        }

        if !digest.links.isEmpty {
            heading("Links")
            for link in digest.links { out.append("\(link.label): \(link.url)") }
        }
        out.append("")
        out.append("Figures as of \(digest.date), computed by Waterfall from the weekly CRM export.")
        return out.joined(separator: "\n") + "\n"
    }

    /// `$6,500,000 open last week + $800,000 added … = $6,710,000 open now`.
    static func bridgeLine(_ terms: [Digest.BridgeTerm]) -> String {
        terms.map { ($0.sign.isEmpty ? "" : $0.sign + " ") + $0.amount + " " + $0.label }.joined(separator: " ")
    }

    static func paceLine(_ pace: Digest.Pace) -> String {
        guard let need = pace.need, let expected = pace.expected, let gap = pace.gap else {
            return "\(pace.stage): \(pace.actual) so far; the need is unknown (a conversion or win rate on the way is zero or unknown)."
        }
        return "\(pace.stage): \(pace.actual) so far against \(expected) expected by now (\(gap)), of \(need) needed this quarter."
    }

    /// Inline Markdown as plain text: a link is followed by its absolute address in angle brackets.
    static func plain(_ inlines: [MarkdownInline], digest: Digest) -> String {
        inlines.map { inline -> String in
            switch inline {
            case let .text(text), let .code(text): return text
            case .lineBreak: return " "
            case let .emphasis(inner), let .strong(inner): return plain(inner, digest: digest)
            case let .link(destination, inner):
                let text = plain(inner, digest: digest)
                guard let url = digest.resolveCommentaryLink(destination), url != text else { return text }
                return text + " <" + url + ">"
            }
        }.joined()
    }

    /// Words of `text` on lines of at most `width` characters (a longer word stays whole).
    static func wrap(_ text: String, first: String = "", indent: String = "") -> [String] {
        var lines: [String] = []
        var current = first
        var hasWord = false
        for word in MailHeader.singleLine(text).split(separator: " ") {
            if hasWord, current.count + 1 + word.count > width {
                lines.append(current)
                current = indent + word
            } else {
                current += (hasWord ? " " : "") + word
            }
            hasWord = true
        }
        lines.append(current)
        return lines
    }
}
