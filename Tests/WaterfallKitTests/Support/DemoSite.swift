import Foundation
@testable import WaterfallKit
@testable import WaterfallDemo

/// The demo company's 20 weeks (two closed quarters, every page kind) with fewer records than
/// `content/`, written once per test run and built once (no theme folder); suites only read it.
enum DemoSite {
    static let content: String = {
        let folder = NSTemporaryDirectory() + "waterfall-results-demo-\(ProcessInfo.processInfo.processIdentifier)"
        try! ContentFolderWriter.write(DemoCompany(options: .init(records: 800, weeks: 20, seed: 42)).files(), to: folder, replace: true)
        return folder
    }()

    /// The site built from `content` by a plain `build`; read-only for every test that uses it.
    static let output: String = {
        let folder = NSTemporaryDirectory() + "waterfall-demo-site-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: folder)
        try! SiteBuilder(options: BuildOptions(content: content, templates: folder + "-no-theme", output: folder)).build()
        return folder
    }()
}
