import ArgumentParser
import Foundation
import WaterfallKit

/// The `waterfall` command line: a thin front end over WaterfallKit.
struct Waterfall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waterfall",
        abstract: "Turns weekly CRM exports into one shared demand-waterfall report.",
        version: WaterfallVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, InitCommand.self, ExplainCommand.self, DemoCommand.self, ThemeCommand.self,
                      ServeCommand.self, EmailCommand.self, SQLCommand.self],
        defaultSubcommand: BuildCommand.self)

    /// Runs the command line. Exit codes: 0 success, 1 input problem, 2 usage.
    static func runMain() async -> Never {
        if let message = unknownCommandMessage(CommandLine.arguments.dropFirst().first) {
            Console.error(Console.prefixed(.error, message))
            Foundation.exit(2)
        }
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
                Console.failure(error)
                Foundation.exit(1)
            }
        }
    }

    /// The names of the registered subcommands, in order (read from the configuration, so a new
    /// command is listed without touching this).
    static var commandNames: [String] {
        configuration.subcommands.map { $0.configuration.commandName ?? $0._commandName }
    }

    /// For a first argument that is neither an option nor a command (`waterfall serev`): the message
    /// naming the commands, with the nearest as a suggestion. Without this the default command
    /// (`build`) would report it as an unexpected argument of its own.
    static func unknownCommandMessage(_ argument: String?) -> String? {
        guard let argument, !argument.hasPrefix("-"), argument != "help", !commandNames.contains(argument) else { return nil }
        let suggestion = argument.nearest(in: commandNames).map { " Did you mean `\($0)`?" } ?? ""
        return "unknown command \"\(argument)\".\(suggestion) The commands are: \(commandNames.joined(separator: ", ")). "
            + "Run `waterfall help` for usage."
    }
}
