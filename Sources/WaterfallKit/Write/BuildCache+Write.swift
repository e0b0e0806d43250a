import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension BuildCache {
    /// Stores `index` for the next build: written beside its old copy and renamed over it, so a
    /// crash leaves the old index or the new one, never half of one (a half would fail its checksum).
    func save(_ index: RenderIndex) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let marker = (folder as NSString).appendingPathComponent(Self.markerName)
        if !FileManager.default.fileExists(atPath: marker) {
            try Data("Waterfall's build cache: deleting it changes nothing but the time of the next build.\n".utf8)
                .write(to: URL(fileURLWithPath: marker))
        }
        let path = (folder as NSString).appendingPathComponent(Self.renderIndexName)
        let temporary = path + ".tmp-\(getpid())"
        try Data(index.encoded()).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputDirectory.Error.system(path: path, operation: "replace the cache index", code: code)
        }
    }
}
