import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which folders a build replaces (SPEC §10): the output folder is Waterfall's alone.
extension OutputDirectory {
    /// A folder the destination must not be, hold, or (when `insideRefused`) lie inside.
    struct Protected: Sendable {
        var path: String
        /// "the content folder", "the templates folder".
        var role: String
        var insideRefused: Bool
    }

    /// The folders a site build protects: the content folder (and the folders of it the loader reads,
    /// which an output must not lie inside) and the templates folder (read recursively).
    static func protected(content: String, templates: String) -> [Protected] {
        [Protected(path: content, role: "the content folder", insideRefused: false),
         Protected(path: (content as NSString).appendingPathComponent("snapshots"), role: "the content's snapshots folder", insideRefused: true),
         Protected(path: (content as NSString).appendingPathComponent("commentary"), role: "the content's commentary folder", insideRefused: true),
         Protected(path: templates, role: "the templates folder", insideRefused: true)]
    }

    /// Throws `Error.refused` unless `destination` is absent, empty, a site Waterfall wrote (marker,
    /// or a pre-marker site's `data/metrics.json` schema), or — with `force` — a folder of other files.
    /// A file, a symbolic link, the current folder, the home or root folder, and a folder holding
    /// a protected one are refused even with `force`.
    static func checkReplaceable(_ destination: String, force: Bool, protecting: [Protected], purpose: Purpose,
                                 currentFolder: String = FileManager.default.currentDirectoryPath) throws {
        let flag = purpose == .site ? "--output" : "--out"
        let never = "--force does not override this."
        func refuse(_ reason: String, _ fix: String) -> Error { .refused(path: destination, reason: reason, fix: fix) }
        let real = realPath(destination)
        let current = realPath(currentFolder)
        if current == real || isInside(current, real) {
            throw refuse((current == real ? "is the current folder" : "holds the current folder (\(current))")
                         + "; a build would replace it and everything in it",
                         "Choose a folder of its own for \(flag), such as \(flag) output. \(never)")
        }
        let home = realPath(NSHomeDirectory())
        if real == "/" || real == home {
            throw refuse("is \(real == "/" ? "the root folder" : "your home folder")", "Choose a folder of its own for \(flag). \(never)")
        }
        for folder in protecting {
            let other = realPath(folder.path)
            if other == real || isInside(other, real) {
                throw refuse("\(other == real ? "is" : "holds") \(folder.role) (\(folder.path)); a build would delete it",
                             "Choose a folder outside it for \(flag), such as a sibling `output`. \(never)")
            }
            if folder.insideRefused, isInside(real, other) {
                throw refuse("lies inside \(folder.role) (\(folder.path)), which a build reads",
                             "Choose a folder outside it for \(flag). \(never)")
            }
        }
        var info = stat()
        guard lstat(destination, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK:
            let target = URL(fileURLWithPath: destination).resolvingSymlinksInPath().path
            throw refuse("is a symbolic link (to \(target)); a build would replace the link, not the folder",
                         "Pass the folder itself: \(flag) \(target). \(never)")
        default:
            throw refuse("is a file, not a folder; a build replaces its output folder whole",
                         "Choose a new or empty folder for \(flag). \(never)")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: destination)) ?? []
        if entries.isEmpty || force || purpose == .content { return }
        if entries.contains(markerName) || isPreMarkerSite(destination) { return }
        throw refuse("holds files Waterfall did not write (no \(markerName) marker, and no Waterfall data/metrics.json): "
                     + entries.sorted().prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : ""),
                     "Choose a new or empty folder for \(flag), or pass --force to replace it, deleting everything in it.")
    }

    /// A site written before the marker existed: its `data/metrics.json` starts with Waterfall's schema.
    static func isPreMarkerSite(_ folder: String) -> Bool {
        let path = (folder as NSString).appendingPathComponent("data/metrics.json")
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
        return head.contains("\"schema\": \"\(MetricsJSON.schema)\"") || head.contains("\"schema\":\"\(MetricsJSON.schema)\"")
    }

    /// The path with symbolic links resolved, so `.`, `..` and links compare equal to what they name.
    /// A path that does not exist yet is resolved through its nearest existing folder.
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else {
            let standard = URL(fileURLWithPath: path).standardizedFileURL.path
            let parent = (standard as NSString).deletingLastPathComponent
            guard parent != standard else { return standard }
            return (realPath(parent) as NSString).appendingPathComponent((standard as NSString).lastPathComponent)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` lies strictly inside `folder`.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix)
    }
}
