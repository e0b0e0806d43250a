import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds the site in a staging folder beside `output/` and swaps it into place in one step,
/// carrying `output/archive/` across untouched (SPEC §9). A failed build never touches `output/`.
public final class OutputDirectory {
    public enum Error: Swift.Error, CustomStringConvertible {
        case cannotWrite(path: String, reason: String)

        public var description: String {
            switch self {
            case let .cannotWrite(path, reason):
                return "\(path): cannot write (\(reason)). Check the folder's permissions and free disk space."
            }
        }
    }

    /// Folders of the old site that a build carries across as they are.
    public static let sitePreservedFolders = ["archive"]

    /// Folders of the old destination kept in the new one.
    public let preservedFolders: [String]

    public let destination: String
    public let staging: String
    public private(set) var filesWritten = 0
    public private(set) var bytesWritten = 0
    private var createdFolders: Set<String> = []
    private var committed = false

    /// Creates an empty staging folder next to `destination`.
    public init(destination: String, preserving preservedFolders: [String] = OutputDirectory.sitePreservedFolders) throws {
        self.preservedFolders = preservedFolders
        let absolute = URL(fileURLWithPath: destination).standardizedFileURL.path
        self.destination = absolute
        let parent = (absolute as NSString).deletingLastPathComponent
        let name = (absolute as NSString).lastPathComponent
        staging = (parent as NSString).appendingPathComponent(".\(name).staging-\(getpid())")
        try? FileManager.default.removeItem(atPath: staging)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw Error.cannotWrite(path: staging, reason: error.localizedDescription)
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(atPath: staging) }
    }

    /// Writes one file of the new site, `relativePath` like `weeks/2026-11-20/index.html`.
    public func write(_ relativePath: String, _ contents: String) throws {
        try write(relativePath, Array(contents.utf8))
    }

    public func write(_ relativePath: String, _ bytes: [UInt8]) throws {
        let path = (staging as NSString).appendingPathComponent(relativePath)
        let folder = (path as NSString).deletingLastPathComponent
        if !createdFolders.contains(folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            createdFolders.insert(folder)
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw Error.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        filesWritten += 1
        bytesWritten += bytes.count
    }

    /// Replaces `destination` with the staged site, keeping its preserved folders.
    public func commit() throws {
        let manager = FileManager.default
        for folder in preservedFolders {
            let old = (destination as NSString).appendingPathComponent(folder)
            let new = (staging as NSString).appendingPathComponent(folder)
            if manager.fileExists(atPath: old), !manager.fileExists(atPath: new) {
                try move(old, to: new)
            }
        }
        if manager.fileExists(atPath: destination) {
            if exchange(staging, destination) {
                try? manager.removeItem(atPath: staging)
            } else {
                let retired = staging + ".old"
                try move(destination, to: retired)
                try move(staging, to: destination)
                try? manager.removeItem(atPath: retired)
            }
        } else {
            try move(staging, to: destination)
        }
        committed = true
    }

    private func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else {
            throw Error.cannotWrite(path: to, reason: String(cString: strerror(errno)))
        }
    }

    /// Atomically swaps two paths where the system can (Linux `renameat2` with `RENAME_EXCHANGE`).
    private func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
        // Glibc's `renameat2` is not imported into Swift, so it is looked up by name.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameExchange: UInt32 = 2
        return unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #else
        return false
        #endif
    }
}
