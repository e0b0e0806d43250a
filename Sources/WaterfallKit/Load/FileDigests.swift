import Foundation

/// The SHA-256 of input files, remembered in the build cache by each file's identity (device,
/// inode, size, mtime and ctime in nanoseconds), so an incremental build reads only the files that
/// changed. The identity rule (docs/cache.md): the kernel sets a file's ctime on every change and
/// no user call can set it back, so an unchanged identity means unchanged bytes. A file changed
/// within `racyNanoseconds` of being hashed is not remembered (a second change in the same clock
/// tick could keep its size and times), and is hashed again next time.
final class FileDigests {
    struct Entry: Codable, Equatable {
        var identity: FileIdentity
        var digest: String
    }

    static let kind = "file-digests"
    static let format = 1

    /// What the last build remembered, by absolute path.
    private let known: [String: Entry]
    /// What this build used or computed: what the next build will remember.
    private(set) var kept: [String: Entry] = [:]
    /// Everything this build computed, the racy ones too (still checked by identity on each use).
    private var computed: [String: Entry] = [:]
    /// Files read to compute their digest (a remembered digest reads nothing).
    private(set) var filesHashed = 0
    /// How long after its last change a file's digest may be remembered.
    var racyNanoseconds: Int64 = 1_000_000_000

    init(known: [String: Entry] = [:]) {
        self.known = known
    }

    /// The SHA-256 of the file at `path`: the remembered one when its identity is unchanged, else read.
    func digest(ofFile path: String) throws -> SHA256Digest {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let before = FileIdentity(path: absolute)
        if let before, let entry = computed[absolute], entry.identity == before {
            return SHA256Digest(hex: entry.digest)
        }
        if let before, let entry = kept[absolute] ?? known[absolute], entry.identity == before {
            kept[absolute] = entry
            return SHA256Digest(hex: entry.digest)
        }
        let digest = try ArchiveFolder.digest(ofFile: path)
        filesHashed += 1
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000_000)
        if let before, FileIdentity(path: absolute) == before {
            computed[absolute] = Entry(identity: before, digest: digest.hex)
            if now - max(before.changed, before.modified) >= racyNanoseconds { kept[absolute] = computed[absolute] }
        }
        return digest
    }

    /// The digest of `path`, or "absent" when there is no such file.
    func digestOrAbsent(ofFile path: String) throws -> String {
        FileManager.default.fileExists(atPath: path) ? try digest(ofFile: path).hex : "absent"
    }
}
