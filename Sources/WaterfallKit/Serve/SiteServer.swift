import FlyingFox
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `waterfall serve`: the built site on 127.0.0.1, for checking before publishing. Besides Load and
/// Write, this is the one folder that touches the file system, and it only reads. The HTTP side is
/// swhitty/FlyingFox: small, on plain sockets (no SwiftNIO), enough for a preview.
public struct SiteServer: Sendable {
    enum Error: Swift.Error, CustomStringConvertible, Equatable {
        case noSuchFolder(path: String)
        case notASite(path: String)
        case portInUse(port: UInt16)
        case cannotListen(port: UInt16, reason: String)

        var description: String {
            switch self {
            case let .noSuchFolder(path):
                return "\(path): no such folder. Build the site first (`waterfall build --output \(path)`), "
                    + "or name the built site with `--output DIR`."
            case let .notASite(path):
                return "\(path): not a site Waterfall built (it has no index.html beside data/metrics.json or the "
                    + ".waterfall-site marker). Name the built site with `--output DIR`, or build one with `waterfall build`."
            case let .portInUse(port):
                return "port \(port) on 127.0.0.1 is already in use (another `waterfall serve` or another server). "
                    + "Stop that server, or choose a free port with `--port N` (for example `--port \(port == 8000 ? 8001 : 8000)`)."
            case let .cannotListen(port, reason):
                return "cannot listen on 127.0.0.1 port \(port) (\(reason)). Choose another port with `--port N` "
                    + "(ports below 1024 need root)."
            }
        }
    }

    /// The folder as the user named it, for messages.
    let folder: String
    /// Its real path (symbolic links resolved): every file served lies under it.
    let root: String

    /// The site in `folder`: it must be a site Waterfall built (`index.html` and the marker or `data/metrics.json`).
    public init(folder: String) throws {
        self.folder = folder
        guard let root = Self.realPath(folder), Self.isDirectory(root) else { throw Error.noSuchFolder(path: folder) }
        let has = { (name: String) in FileManager.default.fileExists(atPath: root + "/" + name) }
        guard has("index.html"), has(".waterfall-site") || has("data/metrics.json") else { throw Error.notASite(path: folder) }
        self.root = root
    }
}

// MARK: - Answering a request

extension SiteServer {
    /// What a request path leads to: a file under the site folder, a redirect to the folder's
    /// own URL (so relative links work), or nothing (404).
    enum Answer: Equatable {
        case file(path: String, contentType: String)
        case redirect(location: String)
        case notFound
    }

    /// `/` and folders give their `index.html`; a folder named without its `/` is redirected to it.
    /// Anything that would leave the folder — `..`, `%2e%2e`, a symbolic link pointing outside — is 404.
    func answer(rawPath: String) -> Answer {
        guard let request = SitePath(rawPath: rawPath) else { return .notFound }
        var path = request.segments.isEmpty ? root : root + "/" + request.relative
        if Self.isDirectory(path) {
            guard request.endsWithSlash || request.segments.isEmpty else {
                return .redirect(location: "/" + request.segments.map(\.urlPathEncoded).joined(separator: "/") + "/")
            }
            path += "/index.html"
        } else if request.endsWithSlash {
            return .notFound
        }
        guard let real = Self.realPath(path), real.hasPrefix(root + "/"), Self.isRegularFile(real) else { return .notFound }
        return .file(path: real, contentType: ContentType.of(real))
    }

    func response(to request: HTTPRequest) -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([HTTPHeader("Allow"): "GET, HEAD"]))
        }
        switch answer(rawPath: request.target.path()) {
        case let .file(path, contentType):
            guard let data = FileManager.default.contents(atPath: path) else { return notFound }
            var headers: HTTPHeaders = [.contentType: contentType, .cacheControl: "no-store"]
            guard request.method == .GET else {
                headers[.contentLength] = String(data.count)
                return HTTPResponse(statusCode: .ok, headers: headers)
            }
            return HTTPResponse(statusCode: .ok, headers: headers, body: data)
        case let .redirect(location):
            return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: location]))
        case .notFound:
            return notFound
        }
    }

    var notFound: HTTPResponse {
        HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                     body: Data("Not found in \(folder)/\n".utf8))
    }
}

// MARK: - Running

extension SiteServer {
    /// Starts serving on 127.0.0.1:`port` (0: any free port) and returns once it listens.
    /// `log` receives one line per request: status, method, path.
    public func start(port: UInt16, log: (@Sendable (String) -> Void)? = nil) async throws -> RunningSiteServer {
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        let http = HTTPServer(address: address, logger: .disabled, handler: SiteHandler(site: self, log: log))
        let failure = FailureBox()
        let task = Task {
            do { try await http.run() } catch { failure.set(error); throw error }
        }
        // FlyingFox's waitUntilListening does not return when binding fails, so watch both.
        for _ in 0..<1000 {
            if await http.isListening, case let .ip4(_, listening)? = await http.listeningAddress {
                return RunningSiteServer(http: http, task: task, port: listening)
            }
            if let error = failure.get() {
                if case let .failed(_, code, message) = error as? SocketError {
                    throw code == EADDRINUSE ? Error.portInUse(port: port) : Error.cannotListen(port: port, reason: message)
                }
                throw Error.cannotListen(port: port, reason: "\(error)")
            }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        task.cancel()
        throw Error.cannotListen(port: port, reason: "the server did not start within 10 seconds")
    }
}

/// A server `SiteServer.start` started: its port, and how to stop it or wait for it to end.
public final class RunningSiteServer: Sendable {
    let http: HTTPServer
    let task: Task<Void, any Swift.Error>
    /// The port it listens on (the one asked for, or the free one chosen for port 0).
    public let port: UInt16

    init(http: HTTPServer, task: Task<Void, any Swift.Error>, port: UInt16) {
        self.http = http
        self.task = task
        self.port = port
    }

    /// Closes the listening socket and waits for the server to end.
    func stop() async {
        await http.stop(timeout: 1)
        _ = try? await task.value
    }

    /// Runs until the server stops (the process is interrupted).
    public func wait() async throws {
        try await task.value
    }
}

private struct SiteHandler: HTTPHandler {
    let site: SiteServer
    let log: (@Sendable (String) -> Void)?

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = site.response(to: request)
        log?("\(response.statusCode.code) \(request.method.rawValue) \(request.target.path())")
        return response
    }
}

/// The error the server task ended with, read by `start` while it waits for the server to listen.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Swift.Error)?

    func set(_ error: any Swift.Error) { lock.withLock { self.error = error } }
    func get() -> (any Swift.Error)? { lock.withLock { error } }
}

private extension SiteServer {
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func isRegularFile(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
    }
}
