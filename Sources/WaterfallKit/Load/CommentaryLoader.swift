import Foundation

/// The commentary files of `content/commentary/` (SPEC §1), read as text and keyed by their path
/// under that folder: `2026-11-20.md` (company) and `2026-11-20/segment/enterprise.md` (one value).
public enum CommentaryLoader {
    public struct File: Sendable, Equatable {
        /// Path under `commentary/`, `/`-separated.
        public var key: String
        /// The path for messages, as the user named the content folder.
        public var display: String
        public var text: String
    }

    /// Every `.md` file under `content/commentary/`, in path order; none when the folder does not exist.
    public static func load(from content: ContentFolder) throws -> [File] {
        let folder = (content.root as NSString).appendingPathComponent("commentary")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return []
        }
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [File] = []
        for case let relative as String in enumerator where relative.hasSuffix(".md") {
            let display = content.display("commentary/" + relative)
            guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(relative)),
                  let text = String(data: data, encoding: .utf8) else {
                throw ContentError.unreadable(path: display, reason: "not readable as UTF-8 text")
            }
            files.append(File(key: relative, display: display, text: text))
        }
        return files.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }
}
