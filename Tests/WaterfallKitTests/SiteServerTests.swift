import Foundation
import Testing
@testable import WaterfallKit
#if canImport(Glibc)
import Glibc
#endif

/// `waterfall serve`: a real server on a free port, asked over a plain socket.
@Suite struct SiteServerTests {
    /// A small site folder with one file of each kind, inside a parent holding a file the server
    /// must never give out, and symbolic links pointing inside and outside the site.
    struct SiteFolder {
        let parent: URL
        var site: URL { parent.appendingPathComponent("output") }

        init() throws {
            parent = FileManager.default.temporaryDirectory.appendingPathComponent("waterfall-serve-\(UUID().uuidString)")
            let files = [
                "index.html": "<p>latest</p>", "weeks/2026-11-20/index.html": "<p>week</p>", "style.css": "p{}",
                "data/metrics.json": "{}", "weeks/2026-11-20/metrics.json": "{}", "charts/funnel.svg": "<svg/>",
                "email/2026-11-20.eml": "Subject: x\r\n\r\nbody", "archive/RESTATEMENTS.md": "# Restatements",
                "archive/FY2027-Q3/bagit.txt": "BagIt-Version: 1.0", "data-quality/diagnostics.csv": "file,line",
                "logo.png": "\u{89}PNG", "notes.bin": "?", ".waterfall-site": "",
            ]
            for (path, text) in files {
                let url = site.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            try Data("secret".utf8).write(to: parent.appendingPathComponent("secret.txt"))
            try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("leak.txt").path,
                                                       withDestinationPath: parent.appendingPathComponent("secret.txt").path)
            try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("outside").path, withDestinationPath: parent.path)
            try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("latest.css").path, withDestinationPath: "style.css")
        }

        func remove() { try? FileManager.default.removeItem(at: parent) }
    }

    @Test func servesEachKindOfFileWithItsContentType() async throws {
        let folder = try SiteFolder()
        defer { folder.remove() }
        let server = try await SiteServer(folder: folder.site.path).start(port: 0)
        defer { Task { await server.stop() } }
        let expected = [
            "/": "text/html; charset=utf-8", "/weeks/2026-11-20/": "text/html; charset=utf-8",
            "/weeks/2026-11-20/index.html": "text/html; charset=utf-8", "/style.css": "text/css; charset=utf-8",
            "/data/metrics.json": "application/json", "/weeks/2026-11-20/metrics.json": "application/json",
            "/charts/funnel.svg": "image/svg+xml", "/email/2026-11-20.eml": "message/rfc822",
            "/archive/RESTATEMENTS.md": "text/markdown; charset=utf-8", "/archive/FY2027-Q3/bagit.txt": "text/plain; charset=utf-8",
            "/data-quality/diagnostics.csv": "text/csv; charset=utf-8", "/logo.png": "image/png",
            "/notes.bin": "application/octet-stream", "/latest.css": "text/css; charset=utf-8",
            "/index.html?utm=mail": "text/html; charset=utf-8",
        ]
        for (path, type) in expected {
            let response = try await RawHTTP.request(path, port: server.port)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers["content-type"] == type, "\(path): \(response.headers["content-type"] ?? "none")")
        }
        let root = try await RawHTTP.request("/", port: server.port)
        #expect(String(decoding: root.body, as: UTF8.self) == "<p>latest</p>")
        let week = try await RawHTTP.request("/weeks/2026-11-20", port: server.port)
        #expect(week.status == 301)
        #expect(week.headers["location"] == "/weeks/2026-11-20/")
        await server.stop()
    }

    @Test func pathsThatLeaveTheFolderOrNameNothingAre404() async throws {
        let folder = try SiteFolder()
        defer { folder.remove() }
        let server = try await SiteServer(folder: folder.site.path).start(port: 0)
        defer { Task { await server.stop() } }
        for path in ["/../secret.txt", "/weeks/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
                     "/weeks/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/leak.txt",
                     "/outside/secret.txt", "/missing.html", "/weeks/2026-11-13/", "/style.css/", "/.waterfall-site",
                     "/index.html%00.png"] {
            let response = try await RawHTTP.request(path, port: server.port)
            #expect(response.status == 404, "\(path) gave \(response.status)")
            #expect(!String(decoding: response.body, as: UTF8.self).contains("secret"), "\(path) leaked the file")
        }
        #expect(try await RawHTTP.request("/index.html", port: server.port, method: "DELETE").status == 405)
        await server.stop()
    }

    @Test func theAnswerForEachPathIsDecidedBeforeTheFileSystemIsAsked() {
        let week = SitePath(rawPath: "/weeks//2026-11-20/")
        #expect(week?.segments == ["weeks", "2026-11-20"] && week?.endsWithSlash == true)
        let file = SitePath(rawPath: "/a%20b.csv")
        #expect(file?.segments == ["a b.csv"] && file?.endsWithSlash == false)
        for raw in ["/..", "/a/../b", "/%2e%2e/x", "/.%2e/x", "/a%2fb", "/a%5cb", "/.hidden", "/%ff", "relative"] {
            #expect(SitePath(rawPath: raw) == nil, "\(raw)")
        }
    }

    @Test func aTakenPortIsAClearErrorNamingThePortAndTheFlag() async throws {
        let folder = try SiteFolder()
        defer { folder.remove() }
        let busy = try RawHTTP.listeningSocket()
        defer { close(busy.descriptor) }
        await #expect(throws: SiteServer.Error.portInUse(port: busy.port)) {
            _ = try await SiteServer(folder: folder.site.path).start(port: busy.port)
        }
        let message = "\(SiteServer.Error.portInUse(port: busy.port))"
        #expect(message.contains("port \(busy.port)") && message.contains("--port"))
    }

    @Test func aFolderThatIsNotABuiltSiteIsRefused() throws {
        let folder = try SiteFolder()
        defer { folder.remove() }
        #expect(throws: SiteServer.Error.noSuchFolder(path: folder.parent.appendingPathComponent("none").path)) {
            try SiteServer(folder: folder.parent.appendingPathComponent("none").path)
        }
        #expect(throws: SiteServer.Error.notASite(path: folder.parent.path)) { try SiteServer(folder: folder.parent.path) }
        try FileManager.default.removeItem(at: folder.site.appendingPathComponent(".waterfall-site"))
        try FileManager.default.removeItem(at: folder.site.appendingPathComponent("data/metrics.json"))
        #expect(throws: SiteServer.Error.notASite(path: folder.site.path)) { try SiteServer(folder: folder.site.path) }
    }
}
