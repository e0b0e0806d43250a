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
        if let digest = remembered(absolute) { return digest }
        return try record(Self.hash(path, absolute: absolute), absolute: absolute)
    }

    /// Reads every file of `paths` whose digest is not remembered, several at once on every core,
    /// so the `digest(ofFile:)` calls that follow read nothing (issue 10: hashed one after the
    /// other, a 2 × 1M company's two exports kept one core busy for 0.16 s before the build began).
    func hashAhead(_ paths: [String]) throws {
        let absolutes = paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let pending = absolutes.indices.filter { remembered(absolutes[$0]) == nil }
        let hashed = ComputeParallelism.map(pending.count) { index in
            Result { try Self.hash(paths[pending[index]], absolute: absolutes[pending[index]]) }
        }
        for (index, result) in zip(pending, hashed) {
            _ = try record(result.get(), absolute: absolutes[index])
        }
    }

    /// The digest this build computed or the last one remembered, when the file's identity is unchanged.
    private func remembered(_ absolute: String) -> SHA256Digest? {
        guard let identity = FileIdentity(path: absolute) else { return nil }
        if let entry = computed[absolute], entry.identity == identity { return SHA256Digest(hex: entry.digest) }
        if let entry = kept[absolute] ?? known[absolute], entry.identity == identity {
            kept[absolute] = entry
            return SHA256Digest(hex: entry.digest)
        }
        return nil
    }

    /// A file read: its digest, and its identity before and after when it did not change meanwhile.
    private struct Hashed {
        var digest: SHA256Digest
        var identity: FileIdentity?
    }

    private static func hash(_ path: String, absolute: String) throws -> Hashed {
        let before = FileIdentity(path: absolute)
        let digest = try ArchiveFolder.digest(ofFile: path)
        return Hashed(digest: digest, identity: before.flatMap { FileIdentity(path: absolute) == $0 ? $0 : nil })
    }

    /// Remembers a digest read (unless the file changed while it was read, or too recently).
    private func record(_ hashed: Hashed, absolute: String) -> SHA256Digest {
        filesHashed += 1
        if let identity = hashed.identity {
            let now = Int64(Date().timeIntervalSince1970 * 1_000_000_000)
            computed[absolute] = Entry(identity: identity, digest: hashed.digest.hex)
            if now - max(identity.changed, identity.modified) >= racyNanoseconds { kept[absolute] = computed[absolute] }
        }
        return hashed.digest
    }

    /// The digest of `path`, or "absent" when there is no such file.
    func digestOrAbsent(ofFile path: String) throws -> String {
        FileManager.default.fileExists(atPath: path) ? try digest(ofFile: path).hex : "absent"
    }
}
