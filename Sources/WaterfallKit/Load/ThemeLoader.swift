import Foundation

/// Reads a theme folder (`templates/`): every `.mustache` and `.css` file, keyed by its path inside
/// the folder. These override the built-in theme file by file.
public enum ThemeLoader {
    /// The theme files in `folder`; none when the folder does not exist.
    public static func overrides(at folder: String) throws -> [String: String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: folder) else { return [:] }
        var files: [String: String] = [:]
        for case let relative as String in enumerator where Theme.isThemeFile(relative) {
            let path = (folder as NSString).appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ContentError.unreadable(path: path, reason: "not readable as UTF-8 text")
            }
            files[relative] = text
        }
        return files
    }

    /// Writes the built-in theme into `folder` for editing; refuses to overwrite existing files
    /// unless `overwrite` is set. Returns the paths written.
    @discardableResult
    public static func writeDefaultTheme(to folder: String, overwrite: Bool = false) throws -> [String] {
        var written: [String] = []
        for (name, text) in Theme.builtInFiles.sorted(by: { $0.key < $1.key }) {
            let path = (folder as NSString).appendingPathComponent(name)
            if !overwrite, FileManager.default.fileExists(atPath: path) {
                throw ThemeError.wouldOverwrite(path: path)
            }
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                throw ContentError.unreadable(path: path, reason: "cannot write")
            }
            written.append(path)
        }
        return written
    }
}
