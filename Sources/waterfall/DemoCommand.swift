import ArgumentParser
import WaterfallKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Write a complete demo content folder (a simulated B2B company).")

    @Option(help: "Where to write the demo content folder.")
    var out = "content"

    @Option(help: "About how many records the latest snapshot holds.")
    var records = 3000

    @Option(help: "How many weekly snapshots to write.")
    var weeks = 20

    @Option(help: "The random seed: the same seed gives the same files.")
    var seed: UInt64 = 42

    func validate() throws {
        guard records > 0 else { throw ValidationError("--records must be at least 1.") }
        guard weeks > 0 else { throw ValidationError("--weeks must be at least 1.") }
    }

    func run() throws {
        Console.error("demo: not available yet")
        throw ExitCode(1)
    }
}
