import ArgumentParser
import WaterfallKit
import WaterfallDemo

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Write a complete demo content folder (a simulated B2B company).")

    @Option(help: "Where to write the demo content folder.")
    var out = "content"

    @Option(help: "About how many records the latest snapshot holds.")
    var records = DemoCompany.Options().records

    @Option(help: "How many weekly snapshots to write.")
    var weeks = DemoCompany.Options().weeks

    @Option(help: "The random seed: the same seed gives the same files.")
    var seed = DemoCompany.Options().seed

    @Flag(help: "Replace the folder if it already holds files.")
    var force = false

    func validate() throws {
        guard records > 0 else { throw ValidationError("--records must be at least 1.") }
        guard weeks > 0 else { throw ValidationError("--weeks must be at least 1.") }
    }

    func run() throws {
        let demo = DemoCompany(options: DemoCompany.Options(records: records, weeks: weeks, seed: seed))
        let files = demo.files()
        do {
            try ContentFolderWriter.write(files, to: out, replace: force)
        } catch {
            Console.failure(error)
            throw ExitCode(1)
        }
        let bytes = files.reduce(0) { $0 + $1.contents.count }
        Console.error("Wrote the demo company to \(out)/: \(files.count) files, \(bytes / 1024) KiB. Build it with `waterfall build --content \(out)`.")
    }
}
