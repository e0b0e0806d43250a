import ArgumentParser
import Foundation
import WaterfallKit

struct ContentOptions: ParsableArguments {
    @Option(help: "The content folder: site.yml, snapshots/, commentary/, targets.csv.")
    var content = "content"

    @Flag(help: "Fail on any error or warning (row checks E1–E6 and W1–W3 included) instead of reporting it.")
    var strict = false

    @Flag(help: "Print only errors: no warnings, no progress, no summary.")
    var quiet = false
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

    @Flag(help: "Also print how long rendering took (pages per second), the time of each build step, and what the build cache did.")
    var timings = false

    @Option(help: ArgumentHelp("Rewrite this archived quarter (like FY2027-Q3) from the current inputs, on purpose; logged in archive/RESTATEMENTS.md. Repeat for more quarters.",
                               valueName: "QUARTER"))
    var restate: [String] = []

    @Option(help: ArgumentHelp("Build from warehouse results instead of the snapshots: the result of `waterfall sql` exported as CSV with a header (docs/warehouse.md). --content then gives site.yml and the commentary; pages say record lists are not available.",
                               valueName: "RESULTS.csv"))
    var metrics: String?
    @Option(help: ArgumentHelp("The build cache folder (default: .NAME.waterfall-cache beside the output folder NAME). Deleting it changes nothing but the time of the next build.",
                               valueName: "DIR"))
    var cache: String?

    @Flag(help: "Neither read nor write the build cache: render every week.")
    var noCache = false

    func run() throws {
        let location: CacheLocation = noCache ? .none : cache.map(CacheLocation.folder) ?? .besideOutput
        let options = BuildOptions(content: contentOptions.content, templates: templates, output: output,
                                   strict: contentOptions.strict, force: force, today: Console.today, restate: restate,
                                   metrics: metrics, cache: location)
        let builder = SiteBuilder(options: options, progress: Console.progressLine(quiet: contentOptions.quiet))
        do {
            let report = try builder.build()
            Console.clearProgress()
            if !contentOptions.quiet {
                for quarter in report.archived {
                    Console.error("Archived \(quarter) in \(output)/archive/\(quarter)/.")
                }
                if !report.notArchived.isEmpty {
                    Console.error("Not archived: \(report.notArchived.joined(separator: ", ")) (closed). A build from warehouse results "
                        + "writes no archive, as a bag must hold the inputs that reproduce it; archive closed quarters with a build "
                        + "from the snapshots (docs/warehouse.md).")
                }
                for quarter in report.restated {
                    Console.error("Restated \(quarter): rewrote \(output)/archive/\(quarter)/ and logged it in \(output)/archive/RESTATEMENTS.md.")
                }
            }
            Console.report(report, contentRoot: options.content, quiet: contentOptions.quiet,
                           closing: BuildSummary.closing(report, wrote: true) + " Site: \(output)/index.html")
            if timings {
                let rate = report.renderSeconds > 0 ? Int(Double(report.pagesRendered) / report.renderSeconds) : 0
                Console.error("Rendered and wrote \(report.pagesRendered) pages (and the data files) in \(Int(report.renderSeconds * 1000)) ms: \(rate) pages/s; "
                              + "\(report.weeksCarried) unchanged week\(report.weeksCarried == 1 ? "" : "s") carried from the live site.")
                Console.error("Snapshots read: \(report.snapshotsParsed); metrics from the build cache: \(report.snapshotsFromCache); "
                              + "input files hashed: \(report.filesHashed).")
                Console.error("Steps: " + report.steps.map { "\($0.step) \(Int(($0.seconds * 1000).rounded())) ms" }.joined(separator: "; ") + ".")
                for note in report.cacheNotes { Console.error(note) }
            }
        } catch {
            Console.clearProgress()
            contentOptions.fail(error)
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
        let options = BuildOptions(content: contentOptions.content, output: output, strict: contentOptions.strict, today: Console.today)
        do {
            let report = try SiteBuilder(options: options, progress: Console.progressLine(quiet: contentOptions.quiet)).check().report
            Console.clearProgress()
            Console.report(report, contentRoot: options.content, quiet: contentOptions.quiet,
                           closing: BuildSummary.closing(report, wrote: false))
        } catch {
            Console.clearProgress()
            contentOptions.fail(error)
        }
    }
}

extension ContentOptions {
    /// Prints why the command stops (for a build stopped by diagnostics: every one of them and the
    /// summary first) and exits 1.
    func fail(_ error: Swift.Error) -> Never {
        if let failure = error as? BuildFailure {
            Console.report(failure.report, contentRoot: content, quiet: quiet,
                           closing: BuildSummary.closing(failure.report, wrote: false))
        }
        Console.failure(error)
        Foundation.exit(1)
    }
}
