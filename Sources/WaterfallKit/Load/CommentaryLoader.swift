import Foundation

/// The commentary files of `content/commentary/` (SPEC §1), read as text and keyed by their path
/// under that folder: `2026-11-20.md` (company) and `2026-11-20/segment/enterprise.md` (one value).
enum CommentaryLoader {
    struct File: Sendable, Equatable {
        /// Path under `commentary/`, `/`-separated.
        var key: String
        /// The path for messages, as the user named the content folder.
        var display: String
        var text: String
        /// The archived quarter whose bag this file is read from, when it was pruned from `content/`.
        var archivedIn: String?
        /// Where the file was read.
        var path: String = ""
    }

    /// Every `.md` file under `content/commentary/`, in path order; none when the folder does not exist.
    /// A file that an archived quarter's bag holds and `content/` no longer does is read from the bag
    /// (like a pruned snapshot), except for the quarters being restated, whose commentary is
    /// `content/`'s as it is now.
    static func load(from content: ContentFolder, archive: ArchiveFolder = ArchiveFolder(),
                            restating: Set<String> = []) throws -> [File] {
        let folder = (content.root as NSString).appendingPathComponent("commentary")
        var files: [File] = []
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
           let enumerator = FileManager.default.enumerator(atPath: folder) {
            for case let relative as String in enumerator where relative.hasSuffix(".md") {
                files.append(try read((folder as NSString).appendingPathComponent(relative), key: relative,
                                      display: content.display("commentary/" + relative)))
            }
        }
        var keys = Set(files.map(\.key))
        for quarter in archive.quarters where !restating.contains(quarter.quarter) {
            for input in quarter.inputs.keys.sorted() where input.hasPrefix("commentary/") && input.hasSuffix(".md") {
                let key = String(input.dropFirst("commentary/".count))
                guard !keys.contains(key) else { continue }
                let path = quarter.path(ArchiveLayout.inputs + input)
                var file = try read(path, key: key, display: path)
                file.archivedIn = quarter.quarter
                files.append(file)
                keys.insert(key)
            }
        }
        return files.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    private static func read(_ path: String, key: String, display: String) throws -> File {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ContentError.unreadable(path: display, reason: "not readable as UTF-8 text")
        }
        return File(key: key, display: display, text: text, path: path)
    }
}
