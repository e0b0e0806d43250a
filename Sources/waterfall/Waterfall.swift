import ArgumentParser
import Foundation
import WaterfallKit

/// The `waterfall` command line: a thin front end over WaterfallKit.
struct Waterfall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waterfall",
        abstract: "Turns weekly CRM exports into one shared demand-waterfall report.",
        subcommands: [BuildCommand.self, CheckCommand.self, ExplainCommand.self, DemoCommand.self, ThemeCommand.self, ServeCommand.self, EmailCommand.self],
        defaultSubcommand: BuildCommand.self)

    /// Runs the command line. Exit codes: 0 success, 1 input problem, 2 usage.
    static func runMain() async -> Never {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            switch exitCode(for: error) {
            case .success:
                print(fullMessage(for: error))
                Foundation.exit(0)
            case .validationFailure:
                Console.error(fullMessage(for: error))
                Console.error("Run `waterfall help` for usage.")
                Foundation.exit(2)
            default:
                Console.error("error: \(error)")
                Foundation.exit(1)
            }
        }
    }
}
