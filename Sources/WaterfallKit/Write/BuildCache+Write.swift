import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension BuildCache {
    /// Stores `index` for the next build, with the input files' digests.
    func save(_ index: RenderIndex) throws {
        finishWriting()
        try write(Self.renderIndexName, index.encoded())
        try write(Self.digestsName, CacheRecord.encode(digests.kept, kind: FileDigests.kind, format: FileDigests.format))
        try write(Self.archiveFiguresName, CacheRecord.encode(archiveFiguresKept, kind: Self.archiveFiguresName, format: Self.archiveFiguresFormat))
    }

    /// Stores one snapshot's entry, and what the next week's bridge needs of it, under its key, on
    /// the writer queue (the build goes on meanwhile); a failure is a note, never an error of the build.
    func store(_ metrics: SnapshotMetrics, statusCounts: [String: Int], bridge: BridgeCarry, key: SHA256Digest) {
        entriesUsed.formUnion([Self.snapshotsFolder + "/" + key.hex, Self.bridgesFolder + "/" + key.hex])
        pendingWrites.wait()
        writer.async { [self] in
            defer { pendingWrites.signal() }
            let (entry, lists) = SnapshotCacheEntry.split(metrics, statusCounts: statusCounts)
            do {
                try write(Self.snapshotsFolder + "/" + key.hex, parts: CacheRecord.pair(
                    try CacheRecord.encodeCompactParts(entry, kind: SnapshotCacheEntry.kind, format: SnapshotCacheEntry.format),
                    CacheRecord.binaryParts(lists.binaryBody(), kind: SnapshotLists.kind, format: SnapshotLists.format)))
                try write(Self.bridgesFolder + "/" + key.hex, bridge.encoded())
            } catch {
                note("cache: snapshot entry \(key.hex.prefix(12))… not stored: "
                    + "\(OutputDirectory.Error.wrapping(error, path: folder, operation: "write the cache"))")
            }
        }
    }

    /// Removes the entries this build did not use (an input changed, a week was removed): only
    /// files whose names are keys, in the entry folders of this marked cache folder.
    func removeUnusedEntries() {
        finishWriting()
        guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(Self.markerName)) else { return }
        for entries in [Self.snapshotsFolder, Self.bridgesFolder] {
            let path = (folder as NSString).appendingPathComponent(entries)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            where Self.isEntryName(name) && !entriesUsed.contains(entries + "/" + name.prefix(64)) {
                unlink((path as NSString).appendingPathComponent(name))
            }
        }
    }

    /// A key's 64 hex digits, or a temporary file of one (`KEY.tmp-PID`, left by a crash).
    static func isEntryName(_ name: String) -> Bool {
        let hex = name.utf8.prefix(64)
        guard hex.count == 64, hex.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) })
        else { return false }
        let rest = name.dropFirst(64)
        return rest.isEmpty || rest.hasPrefix(".tmp-") && rest.dropFirst(5).allSatisfy(\.isNumber) && rest.count > 5
    }

    /// Writes `bytes` to the cache file `name` beside its old copy and renames it over it, so a
    /// crash leaves the old file or the new one, never half of one (a half would fail its checksum).
    private func write(_ name: String, _ bytes: [UInt8]) throws { try write(name, parts: [Data(bytes)]) }

    private func write(_ name: String, parts: [Data]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let marker = (folder as NSString).appendingPathComponent(Self.markerName)
        if !FileManager.default.fileExists(atPath: marker) {
            try Data("Waterfall's build cache: deleting it changes nothing but the time of the next build.\n".utf8)
                .write(to: URL(fileURLWithPath: marker))
        }
        let path = (folder as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw OutputDirectory.Error.system(path: temporary, operation: "create a file of the build cache", code: errno)
        }
        do {
            for part in parts { try handle.write(contentsOf: part) }
            try handle.close()
        } catch {
            try? handle.close()
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputDirectory.Error.system(path: path, operation: "replace \(name) in the build cache", code: code)
        }
    }
}
