import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files of a site folder, as `/`-separated paths under it: what the commentary link check
/// compares links against, once every file of a build is in place, and what the build cache
/// records of each week's page set.
enum SiteFileList {
    /// Every regular file (or link to one) under `folder`, prefixed with `prefix`; none when it does not exist.
    static func paths(under folder: String, prefix: String = "") -> Set<String> {
        var paths = Set<String>()
        walk(folder, relative: prefix, into: &paths)
        return paths
    }

    /// `readdir` with the entry types it returns, rather than `FileManager`'s enumerator, which builds
    /// an attribute dictionary per file: a weekly build lists thousands of carried files.
    private static func walk(_ folder: String, relative: String, into paths: inout Set<String>) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = folder + "/" + name
            // A link is listed as a file, not followed (as the enumerator did).
            var isDirectory = Int32(entry.pointee.d_type) == DT_DIR
            if Int32(entry.pointee.d_type) == DT_UNKNOWN {
                var info = stat()
                isDirectory = lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            if isDirectory {
                walk(path, relative: relative + name + "/", into: &paths)
            } else {
                paths.insert(relative + name)
            }
        }
    }
}
