import ArgumentParser
import WaterfallKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a content folder from one CRM export: site.yml inferred from it, the export in snapshots/.",
        discussion: "Prints what it inferred; what it could not is a TODO comment in site.yml. See docs/init.md.")

    @Option(help: "The CRM export (CSV) to start from.")
    var from: String

    @Option(help: "The content folder to write.")
    var out = "content"

    @Option(help: "The day the export was taken (YYYY-MM-DD), when its file name holds no date.")
    var date: String?

    @Flag(help: "Write into a folder that already holds files (existing files are never overwritten).")
    var force = false

    func validate() throws {
        if let date, DateParser(format: .iso).parse(date) == nil {
            throw ValidationError("--date \(date) is not a YYYY-MM-DD date.")
        }
    }

    func run() throws {
        do {
            let sample = try ExportSampleLoader.load(path: from)
            let inference = SiteInference(sample: sample, date: date.flatMap(DateParser(format: .iso).parse))
            inference.summary().forEach(Console.error)
            guard let snapshotDate = inference.snapshotDate else {
                Console.error("error: \(from): no date for the snapshot: the file name holds none and no record date could be read. "
                    + "Pass --date YYYY-MM-DD (the day the export was taken).")
                throw ExitCode(1)
            }
            try InitWriter.write(siteYAML: inference.siteYAML(), export: from, date: snapshotDate.day, to: out, force: force)
            Console.error("Wrote \(out)/site.yml and \(out)/snapshots/\(snapshotDate.day.iso).csv. "
                + "Check the TODO lines in site.yml, then run `waterfall build --content \(out)`.")
        } catch let code as ExitCode {
            throw code
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
