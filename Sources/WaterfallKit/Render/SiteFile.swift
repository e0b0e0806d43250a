import Foundation

/// A file of the site as `SiteRenderer.render(carrying:concurrently:)` hands it to the writer.
struct SiteFile: Sendable {
    /// Where in the site, `/`-separated (`weeks/2026-11-20/index.html`).
    var path: String
    var contents: [UInt8]
    /// For a root copy of the latest week: the copy under `weeks/` with the same bytes, handed over
    /// before this one, so a writer may link the two instead of writing the bytes again.
    var sameAs: String?
}

/// The first error of work that runs on several threads at once; the others stop when they see it.
final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    var happened: Bool {
        lock.withLock { error != nil }
    }

    func record(_ error: any Error) {
        lock.withLock { if self.error == nil { self.error = error } }
    }

    func rethrow() throws {
        if let error = lock.withLock({ error }) { throw error }
    }
}
