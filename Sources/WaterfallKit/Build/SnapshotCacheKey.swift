/// The key of a snapshot's cache entry (`SnapshotCacheEntry`): the SHA-256 of everything its
/// metrics depend on — the tool (version and binary), `site.yml` and `targets.csv` (plan figures),
/// the content folder as named, the file's name, date, archive and content digest, whether W8
/// fires on it and with which date, and the previous snapshot's date, name and content digest
/// (the week window and the bridge). Trends are not stored, so earlier weeks are not part of it.
struct SnapshotCacheKey {
    /// The part every snapshot shares.
    private let settings: String

    init(options: BuildOptions, content: ContentFolder, toolVersion: String, digests: FileDigests) throws {
        var hasher = SHA256Digest.Hasher()
        hasher.add("waterfall snapshot metrics \(SnapshotCacheEntry.format)", toolVersion, options.content)
        for name in ["site.yml", "targets.csv"] {
            hasher.add(name, try digests.digestOrAbsent(ofFile: displayPath(content.root, name)))
        }
        settings = hasher.finalize().hex
    }

    /// The key of `file`, whose content digest is `digest`, after `previous` (nil for the first).
    func key(_ file: ContentFolder.SnapshotFile, digest: SHA256Digest, previous: (file: ContentFolder.SnapshotFile, digest: SHA256Digest)?,
             today: Day?) -> SHA256Digest {
        var hasher = SHA256Digest.Hasher()
        hasher.add(settings)
        hasher.add(Self.facts(file, digest: digest, today: today))
        if let previous {
            hasher.add("after", Self.facts(previous.file, digest: previous.digest, today: nil))
        } else {
            hasher.add("first")
        }
        return hasher.finalize()
    }

    /// What names and dates a snapshot file; with `today`, whether W8 fires on it.
    static func facts(_ file: ContentFolder.SnapshotFile, digest: SHA256Digest, today: Day?) -> String {
        let future = today.map { file.date > $0 ? "W8 " + $0.iso : "not future" } ?? "not checked"
        return [file.date.iso, file.relativePath, file.archivedIn ?? "-", digest.hex, future].map { "\($0.utf8.count):\($0)" }.joined()
    }
}
