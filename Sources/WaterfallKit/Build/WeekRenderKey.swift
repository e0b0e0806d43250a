import Foundation

/// Per week, the SHA-256 of every input of its permanent page set (`weeks/D/…` and `email/D.eml`):
/// the tool (version and binary), `site.yml`, `targets.csv`, the theme, the content folder as named
/// (messages name it), every snapshot up to this week (the trend reaches back to the first; the
/// bridge and changes to the one before), whether W8 fires on it and with which date, the week's
/// commentary. Nothing of a later week: the pages link only back (the previous week is in the chain),
/// so a new week leaves every earlier week's key as it was. Two builds with one key render the same bytes.
enum WeekRenderKey {
    /// One key per snapshot of `checked`, in order.
    /// Digests come from `digests`, which reads only the files whose identity changed.
    static func keys(checked: SiteBuilder.Checked, options: BuildOptions, theme: Theme, toolVersion: String,
                     digests: FileDigests) throws -> [SHA256Digest] {
        let content = checked.content
        var common = SHA256Digest.Hasher()
        common.add("waterfall week render 2", toolVersion, options.content)
        for name in ["site.yml", "targets.csv"] {
            let path = (content.root as NSString).appendingPathComponent(name)
            common.add(name, try digests.digestOrAbsent(ofFile: path))
        }
        for name in theme.files.keys.sorted() { common.add(name, theme.files[name]!) }
        let snapshots = try content.snapshots.map { file in
            (file: file, digest: try digests.digest(ofFile: file.path).hex)
        }
        var chain = common.finalize().hex
        var keys: [SHA256Digest] = []
        for snapshot in snapshots {
            let date = snapshot.file.date
            var link = SHA256Digest.Hasher()
            let future = options.today.map { date > $0 ? "W8 " + $0.iso : "not future" } ?? "not checked"
            link.add(chain, date.iso, snapshot.file.relativePath, snapshot.file.archivedIn ?? "-", snapshot.digest, future)
            chain = link.finalize().hex
            var key = SHA256Digest.Hasher()
            key.add(chain)
            for file in checked.commentaryFiles where file.key == date.iso + ".md" || file.key.hasPrefix(date.iso + "/") {
                key.add(file.key, file.text)
            }
            keys.append(key.finalize())
        }
        return keys
    }
}

extension SHA256Digest.Hasher {
    /// Feeds each part with its length in front, so no two lists of parts give the same bytes.
    mutating func add(_ parts: String...) {
        for part in parts {
            let bytes = Array(part.utf8)
            update(Array("\(bytes.count):".utf8) + bytes)
        }
    }
}
