import Foundation

extension OutputDirectory {
    /// Writes files of the new site from several threads at once (the render threads hand over
    /// each file as they make it): the same steps as `write(_:_:)`, with the folders made so far
    /// and the counts under a lock. A file whose bytes are those of one written before (`SiteFile.sameAs`)
    /// is hard-linked to it, as the carried weeks are: nothing is written through a link, since every
    /// file is unlinked before it is written.
    final class ConcurrentWriter: @unchecked Sendable {
        private let staging: String
        private let faultInjection: FaultInjection?
        private let lock = NSLock()
        private var createdFolders: Set<String>
        private(set) var filesWritten = 0
        private(set) var bytesWritten = 0

        init(staging: String, createdFolders: Set<String>, faultInjection: FaultInjection?) {
            self.staging = staging
            self.createdFolders = createdFolders
            self.faultInjection = faultInjection
        }

        func write(_ file: SiteFile) throws {
            let path = try stagedPath(file.path)
            try makeFolder(of: path, for: file.path)
            if let original = file.sameAs {
                try OutputDirectory.link(original, from: staging, to: path, faultInjection: faultInjection)
            } else {
                try OutputDirectory.writeFile(at: path, file.contents, step: .write(file.path), faultInjection: faultInjection)
            }
            lock.withLock {
                filesWritten += 1
                bytesWritten += file.sameAs == nil ? file.contents.count : 0
            }
        }

        /// The folders made so far (those it was given included).
        var folders: Set<String> { lock.withLock { createdFolders } }

        private func makeFolder(of path: String, for relativePath: String) throws {
            let folder = (path as NSString).deletingLastPathComponent
            guard !lock.withLock({ createdFolders.contains(folder) }) else { return }
            // Two threads may make the same folder: `createFolder` takes an existing one as made.
            try OutputDirectory.createFolder(folder, step: .createFolder(relativePath), faultInjection: faultInjection)
            _ = lock.withLock { createdFolders.insert(folder) }
        }

        private func stagedPath(_ relativePath: String) throws -> String {
            try OutputDirectory.path(relativePath, in: staging)
        }
    }
}
