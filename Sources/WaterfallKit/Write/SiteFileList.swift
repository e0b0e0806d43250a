import Foundation

/// The files of a site folder, as `/`-separated paths under it: what the commentary link check
/// compares links against, once every file of a build is in place.
enum SiteFileList {
    /// Every regular file (or link to one) under `folder`, prefixed with `prefix`; none when it does not exist.
    static func paths(under folder: String, prefix: String = "") -> Set<String> {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var paths = Set<String>()
        for case let relative as String in enumerator where enumerator.fileAttributes?[.type] as? FileAttributeType != .typeDirectory {
            paths.insert(prefix + relative)
        }
        return paths
    }
}
