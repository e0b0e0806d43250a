import ArgumentParser
import WaterfallKit

struct ContentOptions: ParsableArguments {
    @Option(help: "The content folder: site.yml, snapshots/, commentary/, targets.csv.")
    var content = "content"

    @Flag(help: "Fail when any row has an error (E1–E6) instead of excluding it.")
    var strict = false
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the site from the content folder into the output folder.")

    @OptionGroup var contentOptions: ContentOptions

    @Option(help: "The theme folder; files here override the built-in theme.")
    var templates = "templates"

    @Option(help: "Where the site is written. Replaced in one step only when the build succeeds, and only when it is absent, empty or a site Waterfall wrote.")
    var output = "output"

    @Flag(help: "Replace an output folder that holds other files (deleting them). Never the current folder, a file, or a folder holding the content or templates.")
    var force = false

    @Flag(help: "Also print how long rendering took, in pages per second.")
    var timings = false

    @Option(help: ArgumentHelp("Rewrite this archived quarter (like FY2027-Q3) from the current inputs, on purpose; logged in archive/RESTATEMENTS.md. Repeat for more quarters.",
                               valueName: "QUARTER"))
    var restate: [String] = []

    func run() throws {
        let options = BuildOptions(content: contentOptions.content, templates: templates, output: output,
                                   strict: contentOptions.strict, force: force, restate: restate)
        let builder = SiteBuilder(options: options, progress: Console.progressLine())
        do {
            let report = try builder.build()
            Console.clearProgress()
            BuildSummary.problems(report, contentRoot: options.content).forEach(Console.error)
            for quarter in report.archived {
                Console.error("Archived \(quarter) in \(output)/archive/\(quarter)/.")
            }
            for quarter in report.restated {
                Console.error("Restated \(quarter): rewrote \(output)/archive/\(quarter)/ and logged it in \(output)/archive/RESTATEMENTS.md.")
            }
            Console.error(BuildSummary.closing(report, wrote: true) + " Site: \(output)/index.html")
            if timings {
                let rate = report.renderSeconds > 0 ? Int(Double(report.pagesRendered) / report.renderSeconds) : 0
                Console.error("Rendered \(report.pagesRendered) pages (and the metrics.json files) in \(Int(report.renderSeconds * 1000)) ms: \(rate) pages/s.")
            }
        } catch {
            Console.clearProgress()
            Console.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the content folder and print the data-quality summary; writes nothing.")

    @OptionGroup var contentOptions: ContentOptions

    @Option(help: "The built site, whose archive/ holds the snapshots pruned from the content folder.")
    var output = "output"

    func run() throws {
        let options = BuildOptions(content: contentOptions.content, output: output, strict: contentOptions.strict)
        do {
            let report = try SiteBuilder(options: options, progress: Console.progressLine()).check().report
            Console.clearProgress()
            BuildSummary.problems(report, contentRoot: options.content).forEach(Console.error)
            Console.error(BuildSummary.closing(report, wrote: false))
        } catch {
            Console.clearProgress()
            Console.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
