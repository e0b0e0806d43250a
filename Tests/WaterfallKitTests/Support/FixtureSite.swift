import Foundation
@testable import WaterfallKit

/// A fixture content folder copied into a fresh temporary folder, built into `output/` there.
struct FixtureSite {
    let folder: URL
    var content: URL { folder.appendingPathComponent("content") }
    var output: URL { folder.appendingPathComponent("output") }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Copies `Fixtures/<name>` to `<temp>/content`.
    init(_ name: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waterfall-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: content)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Builds the content into `output/` (or `into`), with no theme folder unless `templates` is given.
    @discardableResult
    func build(into output: URL? = nil, templates: String? = nil, force: Bool = false,
               faultInjection: OutputDirectory.FaultInjection? = nil) throws -> BuildReport {
        let options = BuildOptions(content: content.path, templates: templates ?? folder.appendingPathComponent("no-theme").path,
                                   output: (output ?? self.output).path, force: force)
        var builder = SiteBuilder(options: options)
        builder.faultInjection = faultInjection
        return try builder.build()
    }

    /// Every file under `root`: relative path → bytes.
    static func tree(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }

    /// The files of a tree under `prefix` (`archive/FY2027-Q3/`), keyed by their path below it.
    static func subtree(_ tree: [String: Data], _ prefix: String) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: tree.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) })
    }

    /// The archived quarters of a built tree: `FY2027-Q3` for each `archive/FY2027-Q3/bagit.txt`.
    static func bags(_ tree: [String: Data]) -> [String] {
        tree.keys.filter { $0.hasPrefix("archive/") && $0.hasSuffix("/bagit.txt") }
            .map { String($0.dropFirst("archive/".count).dropLast("/bagit.txt".count)) }.sorted()
    }

    /// The HTML pages of a built tree as text.
    static func pages(_ tree: [String: Data]) -> [String: String] {
        tree.filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
    }
}
