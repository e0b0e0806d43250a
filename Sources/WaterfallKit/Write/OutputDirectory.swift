import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds the site in a staging folder `.NAME.staging-PID` beside `output/` and swaps it into place
/// in one step (SPEC §9–10). While it lives it holds the lock `.NAME.waterfall-lock`; every file of
/// `output/archive/` is hard-linked into the staging folder, so at every instant both trees hold
/// every archived quarter complete. A failed build never touches `output/`.
///
/// The archive is linked on a background thread that `init` starts, so it runs while the build
/// reads its inputs (a 60 × 40-value site's archive is 5,700 folders and 37,000 files: a second
/// of system calls). Every call that changes the staging folder, and `commit`, first waits for it
/// (`archiveLinked()`), so nothing is written beside a half-linked archive and a half-linked one
/// is never swapped in.
final class OutputDirectory {
    /// The file at the root of every folder Waterfall writes; only such folders are ever replaced.
    static let markerName = ".waterfall-site"
    /// The marker's bytes: the same in every build, so output stays byte-deterministic.
    static let markerText = """
        This folder was written by Waterfall. Each `waterfall build` replaces it whole (keeping archive/);
        do not keep other files here.

        """
    /// The folder of a site that a build carries across, file by file, as hard links.
    static let archiveFolder = "archive"

    let destination: String
    let staging: String
    /// The lock file beside the destination, held from `init` until the object goes away.
    let lockFile: String
    private(set) var filesWritten = 0
    private(set) var bytesWritten = 0
    /// Things the build should tell the user that do not stop it (debris it would not remove).
    private(set) var warnings: [String] = []
    /// Called at each named step; throwing `POSIXError` makes that step fail as the system would.
    var faultInjection: FaultInjection?
    private let purpose: Purpose
    private var lockDescriptor: Int32 = -1
    private var createdFolders: Set<String> = []
    private var committed = false
    /// Whether `staging` is the folder this object made (only then is it removed on failure).
    private var stagingCreated = false
    /// The background linking of the old `archive/` (entered by `init`, left when it is done), how
    /// it ended, and whether the build's thread has seen it end.
    private let archiveLinking = DispatchGroup()
    private let archiveLinkFailure = LinkFailure()
    private var archiveReady = false
    /// The same for the unchanged weeks hard-linked while the build renders (`carryInBackground`).
    private let weekCarrying = DispatchGroup()
    private let weekCarryFailure = LinkFailure()
    private var weeksReady = true

    /// Takes the lock, removes staging folders a killed build left, creates the staging folder with
    /// the marker and hard-links the old `archive/` into it. Refuses a destination that is not
    /// Waterfall's to replace (SPEC §10) unless `force` allows it.
    convenience init(destination: String, force: Bool = false) throws {
        try self.init(destination: destination, force: force, protecting: [], purpose: .site)
    }

    /// As `init(destination:force:)`, also refusing a destination that is, holds or lies inside one of
    /// `protecting` (the content and templates folders).
    init(destination: String, force: Bool, protecting: [Protected], purpose: Purpose,
         faultInjection: FaultInjection? = nil) throws {
        self.purpose = purpose
        self.faultInjection = faultInjection
        let absolute = URL(fileURLWithPath: destination).standardizedFileURL.path
        self.destination = absolute
        let parent = (absolute as NSString).deletingLastPathComponent
        let name = (absolute as NSString).lastPathComponent
        staging = (parent as NSString).appendingPathComponent(".\(name).staging-\(getpid())")
        lockFile = (parent as NSString).appendingPathComponent(".\(name).waterfall-lock")
        try Self.checkReplaceable(absolute, force: force, protecting: protecting, purpose: purpose)
        try createFolder(parent, step: .createParent)
        try takeLock()
        removeStaleStaging(parent: parent, name: name)
        // A folder already at this path is not ours (a marked one was just removed): fail, never reuse it.
        try system(.createStaging, path: staging, operation: "create the staging folder") { mkdir(staging, 0o755) }
        stagingCreated = true
        createdFolders.insert(staging)
        try writeFile(at: (staging as NSString).appendingPathComponent(Self.markerName), Array(Self.markerText.utf8))
        if purpose == .site {
            // The thread captures the paths, the hook and where to put a failure, never `self`:
            // `deinit` waits for it before it removes the staging folder.
            let from = (absolute as NSString).appendingPathComponent(Self.archiveFolder)
            let to = (staging as NSString).appendingPathComponent(Self.archiveFolder)
            let hook = faultInjection, failure = archiveLinkFailure, group = archiveLinking
            group.enter()
            DispatchQueue.global(qos: .userInitiated).async {
                do {
                    try Self.linkTree(from: from, to: to, faultInjection: hook)
                } catch {
                    failure.error = error
                }
                group.leave()
            }
        } else {
            archiveReady = true
        }
        try inject(.stagingReady)
    }

    deinit {
        archiveLinking.wait()
        weekCarrying.wait()
        if stagingCreated, !committed { try? FileManager.default.removeItem(atPath: staging) }
        if lockDescriptor >= 0 { close(lockDescriptor) }
    }

    /// Waits until the old `archive/` is linked into the staging folder; throws what stopped it.
    /// Called before anything changes the staging folder; cheap once it has returned.
    func archiveLinked() throws {
        guard !archiveReady else { return }
        archiveLinking.wait()
        if let error = archiveLinkFailure.error { throw error }
        archiveReady = true
    }

    // MARK: - Writing the new site

    /// Writes one file of the new site, `relativePath` like `weeks/2026-11-20/index.html`.
    func write(_ relativePath: String, _ contents: String) throws {
        try write(relativePath, Array(contents.utf8))
    }

    /// Writes one file of the new site. A file already staged there (a hard link into the live
    /// archive, say) is unlinked first, so nothing is ever written through a link.
    func write(_ relativePath: String, _ bytes: [UInt8]) throws {
        try archiveLinked()
        let path = try stagedPath(relativePath)
        let folder = (path as NSString).deletingLastPathComponent
        if !createdFolders.contains(folder) {
            try createFolder(folder, step: .createFolder(relativePath))
            createdFolders.insert(folder)
        }
        try writeFile(at: path, bytes, step: .write(relativePath))
        filesWritten += 1
        bytesWritten += bytes.count
    }

    /// A writer for several threads at once (`ConcurrentWriter`), once the old `archive/` is linked;
    /// `finish(_:)` takes its counts back. Nothing else may write the staging folder meanwhile.
    func concurrentWriter() throws -> ConcurrentWriter {
        try archiveLinked()
        return ConcurrentWriter(staging: staging, createdFolders: createdFolders, faultInjection: faultInjection)
    }

    /// Counts what `writer` wrote as written by this folder.
    func finish(_ writer: ConcurrentWriter) {
        filesWritten += writer.filesWritten
        bytesWritten += writer.bytesWritten
        createdFolders.formUnion(writer.folders)
    }

    /// Hard-links files of the live output into the same places in the staging folder (the pages
    /// of weeks that did not change), as `archive/` is carried: nothing is copied, and since files
    /// are never modified in place (`write` unlinks first) both trees keep them whole. On another
    /// thread while the build renders the other weeks: the 60 × 40 benchmark site's weekly build
    /// links 34,000 files, 0.6–1.4 s of system time. Nothing
    /// else may write these files (a week's own pages and digest; a folder they share with rendered
    /// files, like `email/`, is made by whichever comes first); the swap and every removal wait for
    /// the thread (`weeksCarried()`), and a failure there fails the build.
    func carryInBackground(_ relativePaths: [String]) throws {
        try archiveLinked()
        try weeksCarried()
        let staged = try relativePaths.map { try stagedPath($0) }
        let live = destination, hook = faultInjection, failure = weekCarryFailure, group = weekCarrying
        weeksReady = false
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            do {
                var folders = Set<String>()
                for (relativePath, path) in zip(relativePaths, staged) {
                    let folder = (path as NSString).deletingLastPathComponent
                    if folders.insert(folder).inserted {
                        try Self.createFolder(folder, step: .createFolder(relativePath), faultInjection: hook)
                    }
                    try Self.link(relativePath, from: live, to: path, faultInjection: hook)
                }
            } catch {
                failure.error = error
            }
            group.leave()
        }
    }

    /// Waits until `carryInBackground` is done; throws what stopped it.
    func weeksCarried() throws {
        guard !weeksReady else { return }
        weekCarrying.wait()
        if let error = weekCarryFailure.error { throw error }
        weeksReady = true
    }

    /// What identifies a file of the live output (nil when it is absent or not a regular file).
    func liveIdentity(_ relativePath: String) -> FileIdentity? {
        FileIdentity(path: (destination as NSString).appendingPathComponent(relativePath))
    }

    /// Deletes a file or folder of the staging folder only (a hard-linked archived quarter that is
    /// being restated, say); the live output keeps its copy until the swap.
    func removeStaged(_ relativePath: String) throws {
        try archiveLinked()
        try weeksCarried()
        let path = try stagedPath(relativePath)
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        try inject(.remove(relativePath), path: path, operation: "remove")
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw Error.wrapping(error, path: path, operation: "remove")
        }
        createdFolders = createdFolders.filter { !$0.hasPrefix(path) }
    }

    // MARK: - The swap

    /// Replaces `destination` with the staged site in one step, then deletes the old site.
    func commit() throws {
        try archiveLinked()
        try weeksCarried()
        var info = stat()
        let exists = lstat(destination, &info) == 0
        let oldMarker = (destination as NSString).appendingPathComponent(Self.markerName)
        var adopted = false
        if purpose == .content {
            unlink((staging as NSString).appendingPathComponent(Self.markerName))
        } else if exists, !FileManager.default.fileExists(atPath: oldMarker) {
            // The old site (pre-marker, empty, or replaced with --force) gets the marker, so that its
            // tree is recognised as Waterfall's debris if the build dies before deleting it.
            try writeFile(at: oldMarker, Array(Self.markerText.utf8))
            adopted = true
        }
        // A swap that fails leaves the old output exactly as it was.
        defer { if adopted, !committed { unlink(oldMarker) } }
        try inject(.beforeSwap, path: destination, operation: "swap in the new site")
        if exists {
            if try !exchange(staging, destination) {
                // No RENAME_EXCHANGE (not Linux, or a file system without it): two renames, with a
                // moment when `destination` is absent; the old tree keeps the marker for cleanup.
                let retired = staging + "-old"
                try rename(destination, to: retired)
                try rename(staging, to: destination)
                committed = true
                try inject(.afterSwap)
                removeOldTree(retired)
                return
            }
        } else {
            try rename(staging, to: destination)
        }
        committed = true
        try inject(.afterSwap)
        if exists { removeOldTree(staging) }
    }
}

// MARK: - Errors

extension OutputDirectory {
    /// Why a build could not write its output, each naming the path and the fix.
    enum Error: Swift.Error, CustomStringConvertible {
        /// Another build holds the lock on this output.
        case locked(output: String, lockFile: String, holder: Int32?)
        /// The destination is not Waterfall's to replace.
        case refused(path: String, reason: String, fix: String)
        /// A system call failed with `code` (errno).
        case system(path: String, operation: String, code: Int32)
        /// A failure without an errno (kept for callers that have only a reason).
        case cannotWrite(path: String, reason: String)

        var description: String {
            switch self {
            case let .locked(output, lockFile, holder):
                let who = holder.map { "another waterfall build (process \($0))" } ?? "another waterfall build"
                return "\(output): \(who) is writing this folder now (it holds \(lockFile)). "
                    + "Wait for it to finish and build again; two builds into one output never run at once."
            case let .refused(path, reason, fix):
                return "\(path): \(reason). \(fix)"
            case let .system(path, operation, code):
                return "\(path): cannot \(operation): \(Self.explain(code))"
            case let .cannotWrite(path, reason):
                return "\(path): cannot write (\(reason)). Check the folder's permissions and free disk space."
            }
        }

        /// The errno in plain words, with what to do about it.
        static func explain(_ code: Int32) -> String {
            switch code {
            case ENOSPC:
                return "no space left on the file system (free space or free inodes: check `df -h` and `df -i`). "
                    + "Free some space, or build into an --output on another file system."
            case EDQUOT:
                return "the disk quota of this user is used up. Free some space or ask for a larger quota."
            case EACCES, EPERM:
                return "permission denied. Let the user running waterfall write to this folder, or choose another --output."
            case EROFS:
                return "the file system is read-only. Choose an --output on a writable file system."
            case ENAMETOOLONG:
                return "the name is too long for the file system. Choose a shorter --output path "
                    + "(page names are capped at 80 bytes plus a hash)."
            case EMFILE, ENFILE:
                return "too many open files. Raise the limit (`ulimit -n`) or stop other programs, and build again."
            case EXDEV, EBUSY:
                return "the output folder is a mount point or on another file system than its parent. "
                    + "Point --output at a folder inside the mount."
            case EEXIST:
                return "something Waterfall did not write is already there. Move it away or delete it, and build again."
            case ENOTDIR:
                return "a part of the path is a file, not a folder. Choose another --output."
            default:
                return String(cString: strerror(code)) + "."
            }
        }

        /// Wraps a Foundation or POSIX error so no raw `NSCocoaErrorDomain` text reaches the user.
        static func wrapping(_ error: Swift.Error, path: String, operation: String) -> Error {
            if let known = error as? Error { return known }
            if let posix = error as? POSIXError { return .system(path: path, operation: operation, code: posix.code.rawValue) }
            let nsError = error as NSError
            if nsError.domain == NSPOSIXErrorDomain { return .system(path: path, operation: operation, code: Int32(nsError.code)) }
            if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                return .system(path: path, operation: operation, code: Int32(underlying.code))
            }
            if nsError.domain == NSCocoaErrorDomain {
                switch CocoaError.Code(rawValue: nsError.code) {
                case .fileWriteOutOfSpace: return .system(path: path, operation: operation, code: ENOSPC)
                case .fileWriteNoPermission, .fileReadNoPermission: return .system(path: path, operation: operation, code: EACCES)
                case .fileWriteVolumeReadOnly: return .system(path: path, operation: operation, code: EROFS)
                case .fileNoSuchFile, .fileReadNoSuchFile: return .system(path: path, operation: operation, code: ENOENT)
                case .fileWriteFileExists: return .system(path: path, operation: operation, code: EEXIST)
                default: break
                }
            }
            return .cannotWrite(path: path, reason: "\(operation) failed")
        }
    }
}

// MARK: - Test hook

extension OutputDirectory {
    /// The named steps at which `faultInjection` is called.
    enum FaultPoint: Equatable, Sendable {
        case createParent, lock, createStaging, stagingReady
        case link(String), createFolder(String), write(String), remove(String)
        case beforeSwap, swap, afterSwap
        /// Before deleting one entry of an old site or a killed build's staging folder.
        case removeOld(String)
    }

    typealias FaultInjection = @Sendable (FaultPoint) throws -> Void

    /// What the folder is for: a site (marker kept, archive carried) or a generated content folder.
    enum Purpose: Sendable { case site, content }
}

// MARK: - File system steps

extension OutputDirectory {
    /// Calls the test hook; an injected `POSIXError` is wrapped as a real failure at `path` would be,
    /// anything else (a simulated crash) is thrown as it is.
    /// `operation` is worded only on failure: a weekly build hard-links thousands of files.
    func inject(_ point: FaultPoint, path: String? = nil, operation: @autoclosure () -> String = "write") throws {
        try Self.inject(point, path: path ?? destination, operation: operation(), faultInjection: faultInjection)
    }

    static func inject(_ point: FaultPoint, path: String, operation: @autoclosure () -> String,
                       faultInjection: FaultInjection?) throws {
        guard let faultInjection else { return }
        do {
            try faultInjection(point)
        } catch let error as POSIXError {
            throw Error.wrapping(error, path: path, operation: operation())
        }
    }

    /// Runs a system call, turning its failure (or an injected `POSIXError`) into an `Error` naming `path`.
    func system(_ point: FaultPoint, path: String, operation: @autoclosure () -> String, _ call: () -> Int32) throws {
        try Self.system(point, path: path, operation: operation(), faultInjection: faultInjection, call)
    }

    static func system(_ point: FaultPoint, path: String, operation: @autoclosure () -> String,
                       faultInjection: FaultInjection?, _ call: () -> Int32) throws {
        try inject(point, path: path, operation: operation(), faultInjection: faultInjection)
        if call() != 0 {
            let code = errno
            throw Error.system(path: path, operation: operation(), code: code)
        }
    }

    func stagedPath(_ relativePath: String) throws -> String {
        try Self.path(relativePath, in: staging)
    }

    /// `relativePath` inside `folder`; refuses a path that would lead out of it.
    static func path(_ relativePath: String, in folder: String) throws -> String {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else {
            throw Error.cannotWrite(path: relativePath, reason: "not a path inside the site")
        }
        return (folder as NSString).appendingPathComponent(parts.joined(separator: "/"))
    }

    /// `mkdir -p`, failing with the first component that cannot be made.
    func createFolder(_ path: String, step: FaultPoint) throws {
        try Self.createFolder(path, step: step, faultInjection: faultInjection)
    }

    static func createFolder(_ path: String, step: FaultPoint, faultInjection: FaultInjection?) throws {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        let parent = (path as NSString).deletingLastPathComponent
        if parent != path, !parent.isEmpty { try createFolder(parent, step: step, faultInjection: faultInjection) }
        try system(step, path: path, operation: "create the folder", faultInjection: faultInjection) {
            mkdir(path, 0o755) == 0 || errno == EEXIST ? 0 : -1
        }
    }

    func writeFile(at path: String, _ bytes: [UInt8], step: FaultPoint? = nil) throws {
        try Self.writeFile(at: path, bytes, step: step, faultInjection: faultInjection)
    }

    static func writeFile(at path: String, _ bytes: [UInt8], step: FaultPoint? = nil, faultInjection: FaultInjection?) throws {
        var descriptor: Int32 = -1
        try system(step ?? .write((path as NSString).lastPathComponent), path: path, operation: "write the file",
                   faultInjection: faultInjection) {
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor < 0, errno == EEXIST {
                unlink(path)
                descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            }
            return descriptor < 0 ? -1 : 0
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Error.system(path: path, operation: "write the file", code: errno)
            }
            offset += written
        }
    }

    /// Takes `flock` on the lock file without waiting; records this process's id in it.
    func takeLock() throws {
        try system(.lock, path: lockFile, operation: "open the lock file") {
            lockDescriptor = open(lockFile, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            return lockDescriptor < 0 ? -1 : 0
        }
        if flock(lockDescriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK else { throw Error.system(path: lockFile, operation: "lock", code: code) }
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(lockDescriptor, &buffer, buffer.count, 0)
            let holder = count > 0 ? Int32(String(decoding: buffer[..<count], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)) : nil
            close(lockDescriptor)
            lockDescriptor = -1
            throw Error.locked(output: destination, lockFile: lockFile, holder: holder)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(lockDescriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(lockDescriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Removes `.NAME.staging-*` folders left by a killed build: only those carrying the marker (or
    /// empty), since the lock guarantees no other build of this output is running.
    func removeStaleStaging(parent: String, name: String) {
        let prefix = ".\(name).staging-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries.sorted() where entry.hasPrefix(prefix) {
            let path = (parent as NSString).appendingPathComponent(entry)
            if rmdir(path) == 0 { continue }
            let marker = (path as NSString).appendingPathComponent(Self.markerName)
            if FileManager.default.fileExists(atPath: marker) {
                do {
                    try removeMarkedTree(path)
                } catch {
                    warnings.append("\(Error.wrapping(error, path: path, operation: "remove a staging folder a killed build left"))")
                }
            } else if FileManager.default.fileExists(atPath: path) {
                warnings.append("\(path): a staging folder without Waterfall's marker (left by an older version?) was kept. "
                                + "Check it (it may hold an archive/ to move back into \(destination)), then delete it.")
            }
        }
    }

    /// Recreates the folders of `source` under `target` and hard-links every other entry (on the
    /// archive-linking thread: it touches no state of an `OutputDirectory`).
    static func linkTree(from source: String, to target: String, faultInjection: FaultInjection?) throws {
        var info = stat()
        guard lstat(source, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return }
        try createFolder(target, step: .createFolder(target), faultInjection: faultInjection)
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: source).sorted()
        } catch {
            throw Error.wrapping(error, path: source, operation: "list the archive folder")
        }
        for entry in entries {
            let from = (source as NSString).appendingPathComponent(entry)
            let to = (target as NSString).appendingPathComponent(entry)
            guard lstat(from, &info) == 0 else { throw Error.system(path: from, operation: "read", code: errno) }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try linkTree(from: from, to: to, faultInjection: faultInjection)
            } else {
                try system(.link(entry), path: to, operation: "hard-link \(from) as", faultInjection: faultInjection) { Glibc.link(from, to) }
            }
        }
    }

    /// Hard-links `relativePath` of the live site `root` as `path`.
    static func link(_ relativePath: String, from root: String, to path: String, faultInjection: FaultInjection?) throws {
        let live = (root as NSString).appendingPathComponent(relativePath)
        try system(.link(relativePath), path: path, operation: "hard-link \(live) as", faultInjection: faultInjection) { Glibc.link(live, path) }
    }

    func rename(_ from: String, to: String) throws {
        try system(.swap, path: to, operation: "move \(from) to") { Glibc.rename(from, to) }
    }

    /// Swaps two paths atomically (Linux `renameat2` with `RENAME_EXCHANGE`); false where the system
    /// or the file system cannot, so the caller falls back to two renames.
    func exchange(_ first: String, _ second: String) throws -> Bool {
        #if os(Linux)
        // Glibc's `renameat2` is not imported into Swift, so it is looked up by name.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameExchange: UInt32 = 2
        try inject(.swap, path: second, operation: "swap in the new site from \(first)")
        if unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 { return true }
        let code = errno
        if code == EINVAL || code == ENOSYS || code == ENOTSUP { return false }
        throw Error.system(path: second, operation: "swap in the new site from \(first)", code: code)
        #else
        return false
        #endif
    }

    /// Deletes the old site after the swap; the new site is live, so a failure is only a warning
    /// (the next build removes the folder, which carries the marker).
    func removeOldTree(_ path: String) {
        do {
            try removeMarkedTree(path)
        } catch {
            warnings.append("\(Error.wrapping(error, path: path, operation: "remove the previous site")) The next build removes it.")
        }
    }

    /// Deletes a folder that carries the marker, the marker last: a build killed half-way through
    /// leaves a folder that still says it is Waterfall's, so the next build can finish the job.
    /// (`FileManager.removeItem` deletes in directory order and may take the marker first.)
    func removeMarkedTree(_ path: String) throws {
        for entry in try FileManager.default.contentsOfDirectory(atPath: path).sorted() where entry != Self.markerName {
            let child = (path as NSString).appendingPathComponent(entry)
            try inject(.removeOld(entry), path: child, operation: "remove")
            try Self.removeTree(child)
        }
        let marker = (path as NSString).appendingPathComponent(Self.markerName)
        if unlink(marker) != 0, errno != ENOENT { throw Error.system(path: marker, operation: "remove", code: errno) }
        if rmdir(path) != 0 { throw Error.system(path: path, operation: "remove", code: errno) }
    }
}

extension OutputDirectory {
    /// Deletes a file, or a folder and everything in it with its entries shared out over the cores
    /// (an old site's `weeks/` and `archive/` hold thousands of folders; deleting the 60 × 40-value
    /// site's tree took 1.45 s on one core, 1.01 s on two, on this machine).
    static func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw Error.system(path: path, operation: "remove", code: errno)
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            if unlink(path) != 0, errno != ENOENT { throw Error.system(path: path, operation: "remove", code: errno) }
            return
        }
        let children = try FileManager.default.contentsOfDirectory(atPath: path)
        let failures: [Swift.Error?] = ComputeParallelism.map(children.count) { index in
            do {
                try FileManager.default.removeItem(atPath: (path as NSString).appendingPathComponent(children[index]))
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        if rmdir(path) != 0 { throw Error.system(path: path, operation: "remove", code: errno) }
    }
}

/// How the archive-linking thread ended: written by it before it leaves the group, read by the
/// build's thread after waiting for the group (which orders the two).
private final class LinkFailure: @unchecked Sendable {
    var error: Swift.Error?
}
