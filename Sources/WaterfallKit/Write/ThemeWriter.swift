import Foundation

/// Copies the built-in theme out for editing (`waterfall theme`).
public enum ThemeWriter {
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
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
            } catch {
                throw OutputDirectory.Error.cannotWrite(path: (path as NSString).deletingLastPathComponent,
                                                        reason: "cannot create the folder; check that no file has its name and that it is writable")
            }
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                throw OutputDirectory.Error.cannotWrite(path: path, reason: "check the folder's permissions")
            }
            written.append(path)
        }
        return written
    }
}
