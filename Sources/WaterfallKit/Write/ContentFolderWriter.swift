import Foundation

/// Writes a generated content folder (the demo company) in one step.
public enum ContentFolderWriter {
    enum Error: Swift.Error, CustomStringConvertible {
        case notEmpty(path: String)

        var description: String {
            switch self {
            case let .notEmpty(path):
                return "\(path): the folder already exists and is not empty. Choose another folder with --out, or pass --force to replace it."
            }
        }
    }

    /// Writes `files` (paths relative to the folder) to `path`, replacing it only when `replace` is set.
    public static func write(_ files: [ContentFile], to path: String, replace: Bool) throws {
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard existing.isEmpty || replace else { throw Error.notEmpty(path: path) }
        let output = try OutputDirectory(destination: path, force: replace, protecting: [], purpose: .content)
        for file in files {
            try output.write(file.path, file.contents)
        }
        try output.commit()
    }
}
