#if canImport(Glibc)
import Glibc
#endif

/// A file as the file system knows it: device, inode, size, and modification and status-change
/// times in nanoseconds. The status-change time (ctime) is set by the kernel on every write, rename,
/// link or `touch`, and no user call can set it back, so a file whose identity is unchanged still
/// holds the bytes it held when the identity was taken (docs/cache.md: the identity rule).
struct FileIdentity: Codable, Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var changed: Int64

    init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
        (self.device, self.inode, self.size, self.modified, self.changed) = (device, inode, size, modified, changed)
    }

    /// The identity of the regular file at `path`, nil when there is none (a link is not followed).
    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }
}

extension FileIdentity {
    /// The running program's file, so a rebuilt `waterfall` (same version number, new code) never
    /// reuses what an older binary rendered; nil where `/proc/self/exe` does not exist.
    static let executable: FileIdentity? = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return FileIdentity(path: String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }()
}
