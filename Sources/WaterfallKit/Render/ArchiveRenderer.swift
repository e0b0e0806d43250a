/// The archive's files that are rendered rather than copied (SPEC §10): a closed quarter's frozen
/// site and its bag's `index.html`, the archive's `index.html`, and `RESTATEMENTS.md` entries.
struct ArchiveRenderer {
    var config: SiteConfig
    var theme: Theme
    var commentaries: Commentaries

    /// One archived quarter as `archive/index.html` lists it.
    struct Listing {
        var quarter: String
        var figures: QuarterFigures?
        var manifestDigest: SHA256Digest
    }

    /// `data/site/`: the quarter's week pages and its last snapshot's root pages, rendered from the
    /// quarter's part of the history. `before` (the snapshot before the quarter's first) gives the
    /// first week the same changes as on the main site; links out of the quarter are left out.
    func site(weeks: [SnapshotMetrics], before: SnapshotMetrics?, quarter: String) -> [(String, String)] {
        var files: [(String, String)] = []
        site(weeks: weeks, before: before, quarter: quarter) { files.append(($0, String(decoding: $1, as: UTF8.self))) }
        return files
    }

    /// The same files, each handed to `sink` as soon as its week is rendered, so a quarter's site is
    /// never held in memory whole (issue 10: 13 weeks of a 100-scope site were 230 MB).
    func site(weeks: [SnapshotMetrics], before: SnapshotMetrics?, quarter: String, to sink: (String, [UInt8]) throws -> Void) rethrows {
        try SiteRenderer(config: config, metrics: weeks, theme: theme, commentaries: commentaries,
                         before: before, placement: .archived(quarter: quarter)).render(to: sink)
    }

    /// The bag's `index.html` (a tag file beside `bagit.txt`): what the bag is, with links to its site and inputs.
    func bagIndex(quarter: String, lastSnapshot: Day, inputs: [String]) -> String {
        theme.render("bag", [
            "company": config.company, "quarter": quarter, "asOf": Format.date(lastSnapshot),
            "inputs": inputs.map { ["path": $0, "href": PageLocation.root.href(toFile: ArchiveLayout.inputs + $0)] as Fields },
        ])
    }

    /// `archive/index.html`: every archived quarter, newest first, with its headline figures, and the restatement log.
    func index(_ listings: [Listing], restatements: String?) -> String {
        let quarters: [Fields] = listings.reversed().map { listing in
            let location = PageLocation(folders: [])
            let figures = listing.figures
            return [
                "quarter": listing.quarter,
                "siteHref": location.href(toFile: listing.quarter + "/" + ArchiveLayout.site + "index.html"),
                "bagHref": location.href(toFile: listing.quarter + "/index.html"),
                "lastSnapshot": figures.flatMap { DateParser(format: .iso).parse($0.lastSnapshot) }.map(Format.date) ?? "not available",
                "bookings": figures?.money(figures?.bookings) ?? "not available",
                "pipeline": figures?.money(figures?.pipeline) ?? "not available",
                "volumes": figures?.volumesText(config: config) ?? "not available",
                "digest": listing.manifestDigest.hex,
            ]
        }
        var fields: Fields = ["company": config.company, "quarters": quarters, "hasRestatements": false]
        if let entries = restatements.flatMap(Self.entries(ofLog:)) {
            fields["restatementsHTML"] = Markdown.html(entries)
            fields["hasRestatements"] = true
        }
        return theme.render("archive", fields)
    }
}

// MARK: - RESTATEMENTS.md

extension ArchiveRenderer {
    static let restatementsHeader = """
        # Restatements

        Every deliberate rewrite of an archived quarter (`waterfall build --restate QUARTER`), oldest first, \
        written by Waterfall. Each entry names the latest snapshot of the build that rewrote it, the SHA-256 of \
        the quarter's `manifest-sha256.txt` before and after, the input files that changed and the headline \
        figures that changed.

        """

    /// One entry of the log, in Markdown; every value from the data is escaped.
    static func restatementEntry(quarter: String, asOf: Day, oldDigest: SHA256Digest, newDigest: SHA256Digest,
                                 inputChanges: [String], figureChanges: [String]) -> String {
        var lines = ["", "## \(quarter.markdownEscaped), restated by the build of \(asOf.iso)", ""]
        lines.append("- Manifest before: `\(oldDigest.hex)`")
        lines.append("- Manifest after: `\(newDigest.hex)`")
        lines.append("- Inputs that changed: " + (inputChanges.isEmpty ? "none" : inputChanges.map(\.markdownEscaped).joined(separator: "; ")))
        if figureChanges.isEmpty {
            lines.append("- Headline figures that changed: none")
        } else {
            lines.append("- Headline figures that changed:")
            lines += figureChanges.map { "  - " + $0.markdownEscaped }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The entries of a log (from its first `## ` heading on), or nil when there are none.
    static func entries(ofLog text: String) -> String? {
        guard let start = text.range(of: "\n## ") else { return nil }
        return String(text[start.lowerBound...])
    }
}

extension String {
    /// The text as literal Markdown: the characters that can open markup (emphasis, code, links,
    /// HTML, entities, headings) backslash-escaped and line breaks turned into spaces, so a file
    /// name cannot become a link or HTML; amounts stay readable (`$1,140,000`).
    var markdownEscaped: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n", "\r": result += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "&", "#", "|", "~", "!":
                result += "\\"
                result.unicodeScalars.append(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
