import Foundation

/// The build cache (`.NAME.waterfall-cache/` beside the output folder, or `--cache DIR`): what a
/// build keeps between runs so the next one does only what changed. Never inside the output. This
/// side reads it; `BuildCache+Write.swift` writes it. A missing, damaged or foreign entry is never
/// an error: it is noted (`notes`, shown with `--timings`) and rebuilt.
///
/// New snapshot entries are encoded and written on a serial background queue (`writer`), so the
/// build goes on parsing the next snapshot meanwhile (JSON-encoding a 1M-row snapshot's entry takes
/// about half a second). `notes` is guarded by `lock`; everything else is touched on the build's
/// own thread, and `finishWriting()` waits for the queue before the cache folder is read as a whole.
final class BuildCache: @unchecked Sendable {
    /// The file at the root of every cache folder Waterfall writes; a folder holding other files
    /// without it is refused, so a mistyped `--cache` never writes among a user's files.
    static let markerName = ".waterfall-cache"
    static let renderIndexName = "render-index"
    static let digestsName = "file-digests"
    static let archiveFiguresName = "archive-figures"
    static let archiveFiguresFormat = 1
    /// The folders of per-snapshot entries (`SnapshotCacheEntry`) and of what the next week's
    /// bridge needs (`BridgeCarry`), each file named by the snapshot's key in hex.
    static let snapshotsFolder = "snapshots"
    static let bridgesFolder = "bridges"

    let folder: String
    /// What the last build wrote, per week (empty when there is none or it was unusable).
    private(set) var index = RenderIndex()
    /// Why something stored was not used, for `--timings` (after every pending write).
    var notes: [String] {
        finishWriting()
        return lock.withLock { noteList }
    }
    private var noteList: [String] = []
    private let lock = NSLock()
    /// Writes new snapshot entries (`store`) while the build goes on.
    let writer: DispatchQueue = {
        let queue = DispatchQueue(label: "waterfall.build-cache.writer")
        queue.setSpecific(key: BuildCache.onWriter, value: true)
        return queue
    }()
    /// Set on `writer`: the cache's last release can happen there (a write block held it), and a
    /// `sync` onto the queue it runs on would wait for itself.
    private static let onWriter = DispatchSpecificKey<Bool>()
    /// One entry at a time is with the writer: the next snapshot's entry waits for it, so the
    /// build's peak memory grows by one entry's encoding at most (the 60 × 40-value company's
    /// 52-week build peaked at 302 MiB with two, over issue 10's 300 MiB).
    let pendingWrites = DispatchSemaphore(value: 1)
    /// Input files' digests, remembered by identity (`FileDigests`).
    private(set) var digests = FileDigests()
    /// The headline figures of archived quarters, by the SHA-256 their bag's manifest gives the
    /// quarter's `metrics.json`: `archive/index.html` lists them on every build, and parsing a
    /// quarter's `metrics.json` (megabytes, with its deal lists) each time is most of the archive step.
    private var archiveFigures: [String: QuarterFigures] = [:]
    /// The figures this build looked up or computed: what the next build will find.
    private(set) var archiveFiguresKept: [String: QuarterFigures] = [:]
    /// The entries this build read or wrote (`snapshots/KEY`, `bridges/KEY`): the ones kept, the others are removed.
    var entriesUsed = Set<String>()

    /// Why a cache folder cannot be used, naming it and the fix.
    enum Error: Swift.Error, CustomStringConvertible {
        case refused(path: String, reason: String)
        /// An entry read sound at the start of the build was changed or removed before its end.
        case changed(path: String, reason: String)

        var description: String {
            switch self {
            case let .refused(path, reason):
                return "\(path): \(reason), so it cannot hold the build cache. Name another folder with --cache DIR, or build with --no-cache."
            case let .changed(path, reason):
                return "\(path): changed while the build ran (\(reason)); nothing was written. Build again, or build with --no-cache."
            }
        }
    }

    /// Where the cache of `output` lives: `.NAME.waterfall-cache` beside it, unless `setting` moves it.
    static func folder(for output: String, setting: CacheLocation) -> String? {
        switch setting {
        case .none: return nil
        case let .folder(path): return URL(fileURLWithPath: path).standardizedFileURL.path
        case .besideOutput:
            let absolute = URL(fileURLWithPath: output).standardizedFileURL.path
            let parent = (absolute as NSString).deletingLastPathComponent
            return (parent as NSString).appendingPathComponent(".\((absolute as NSString).lastPathComponent).waterfall-cache")
        }
    }

    /// Opens the cache folder (absent is fine: it is made when first written), refusing one inside
    /// any of `protecting` (the output, content and templates folders) or one holding files that
    /// Waterfall did not put there.
    init(folder: String, protecting: [String]) throws {
        self.folder = folder
        for other in protecting.map({ URL(fileURLWithPath: $0).standardizedFileURL.path }) {
            if folder == other || folder.hasPrefix(other.hasSuffix("/") ? other : other + "/") {
                throw Error.refused(path: folder, reason: "it is or lies inside \(other), which a build reads or replaces")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw Error.refused(path: folder, reason: "it is a file") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        guard entries.isEmpty || entries.contains(Self.markerName) else {
            throw Error.refused(path: folder, reason: "it holds files Waterfall did not write")
        }
        index = read(Self.renderIndexName) { try RenderIndex(decoding: $0) } ?? RenderIndex()
        digests = FileDigests(known: read(Self.digestsName) {
            try CacheRecord.decode([String: FileDigests.Entry].self, kind: FileDigests.kind, format: FileDigests.format, from: $0)
        } ?? [:])
        archiveFigures = read(Self.archiveFiguresName) {
            try CacheRecord.decode([String: QuarterFigures].self, kind: Self.archiveFiguresName, format: Self.archiveFiguresFormat, from: $0)
        } ?? [:]
    }

    deinit {
        if DispatchQueue.getSpecific(key: Self.onWriter) == nil { finishWriting() }
    }

    /// Records why something stored was not used (from the build's thread or the writer's).
    func note(_ text: String) { lock.withLock { noteList.append(text) } }

    /// Waits until every entry handed to `store` is written (or noted as not stored).
    func finishWriting() { writer.sync {} }

    /// The figures of the `metrics.json` whose SHA-256 (as its bag's manifest states it) is
    /// `digest`: remembered, or worked out by `compute` (a nil, "not available", is worked out again next time).
    func archiveFigures(digest: SHA256Digest, compute: () -> QuarterFigures?) -> QuarterFigures? {
        if let known = archiveFiguresKept[digest.hex] ?? archiveFigures[digest.hex] {
            archiveFiguresKept[digest.hex] = known
            return known
        }
        let figures = compute()
        if let figures { archiveFiguresKept[digest.hex] = figures }
        return figures
    }

    /// The stored entry of each snapshot key, nil for a nil key and where there is none or it is
    /// damaged (noted). The entry's bridge side is kept too: the next build may need it when the
    /// week after changes. Decoded on every core: a weekly build restores 52 weeks' figures from
    /// the cache, and decoding them one after another was an eighth of its time (issue 10). `read`
    /// only reads files and notes under the lock, so the decodes can run at once; what the build
    /// marks as used is marked here, on its own thread.
    func snapshotEntries(_ keys: [SHA256Digest?]) -> [SnapshotCacheEntry?] {
        for key in keys.compactMap({ $0 }) {
            entriesUsed.formUnion([Self.snapshotsFolder + "/" + key.hex, Self.bridgesFolder + "/" + key.hex])
        }
        return ComputeParallelism.map(keys.count) { index in
            keys[index].flatMap { key in
                self.read(Self.snapshotsFolder + "/" + key.hex) { bytes in
                    let (entry, lists) = try CacheRecord.split(bytes)
                    _ = try CacheRecord.verified(kind: SnapshotLists.kind, format: SnapshotLists.format, lists)
                    return try CacheRecord.decodeCompact(SnapshotCacheEntry.self, kind: SnapshotCacheEntry.kind,
                                                         format: SnapshotCacheEntry.format, from: entry)
                }
            }
        }
    }

    /// The record lists stored with the entry `key`, which `snapshotEntries` found sound earlier in this build.
    func snapshotLists(_ key: SHA256Digest) throws -> SnapshotLists {
        let path = (folder as NSString).appendingPathComponent(Self.snapshotsFolder + "/" + key.hex)
        do {
            guard let data = FileManager.default.contents(atPath: path) else { throw CacheRecord.Problem.damaged("it is gone") }
            return try SnapshotLists(binaryBody: CacheRecord.verified(kind: SnapshotLists.kind, format: SnapshotLists.format,
                                                                      try CacheRecord.split([UInt8](data)).second))
        } catch {
            throw Error.changed(path: path, reason: "\(error)")
        }
    }

    /// What the bridge of the snapshot after the one keyed `key` needs of it, nil when not stored or damaged (noted).
    func bridgeCarry(_ key: SHA256Digest) -> BridgeCarry? {
        entriesUsed.insert(Self.bridgesFolder + "/" + key.hex)
        return read(Self.bridgesFolder + "/" + key.hex) {
            try BridgeCarry(decoding: $0)
        }
    }

    /// Decodes the cache file `name`; nil when absent, and noted when damaged (it is then rewritten).
    private func read<Value>(_ name: String, _ decode: ([UInt8]) throws -> Value) -> Value? {
        let path = (folder as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try decode([UInt8](data))
        } catch {
            note("cache: \(path) ignored and rewritten: \(error)")
            return nil
        }
    }
}

/// Where a build keeps its cache.
public enum CacheLocation: Sendable, Equatable {
    /// `.NAME.waterfall-cache/` beside the output folder `NAME` (the default).
    case besideOutput
    /// A folder named with `--cache DIR`.
    case folder(String)
    /// `--no-cache`: nothing read, nothing written.
    case none
}
