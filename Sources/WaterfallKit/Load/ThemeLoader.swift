import Foundation

/// Reads a theme folder (`templates/`): every `.mustache` and `.css` file, keyed by its path inside
/// the folder. These override the built-in theme file by file.
enum ThemeLoader {
    /// The theme files in `folder`; none when the folder does not exist.
    static func overrides(at folder: String) throws -> [String: String] {
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
}
