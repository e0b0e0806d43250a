import ArgumentParser
import WaterfallKit

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the built site on 127.0.0.1 for checking before publishing.",
        discussion: "Only this machine can connect. Press Ctrl-C to stop.")

    @Option(help: "The built site to serve.")
    var output = "output"

    @Option(help: "The port on 127.0.0.1 to listen on.")
    var port: UInt16 = 8000

    func run() async throws {
        do {
            let site = try SiteServer(folder: output)
            let server = try await site.start(port: port) { Console.error($0) }
            Console.error("Serving \(output)/ at http://127.0.0.1:\(server.port)/ — press Ctrl-C to stop.")
            try await server.wait()
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
