import ArgumentParser
import Foundation
import WaterfallKit

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print, as CSV, the records behind a count or amount in metrics.json.",
        discussion: """
            FIELD is a path inside a scope of metrics.json: volume.mql.qtd, bridge.won, bridge.counts.added, \
            pipeline.by_stage.opportunity, sla[0].qtd.breached (or sla.Lead acceptance.qtd.breached), \
            conversion[0].t13.cohort, win_rate.by_source.Marketing.qtd.won, data_quality.errors.E3. \
            The last line, total,COUNT,AMOUNT, adds up to the published figure; a line on stderr says whether it does.
            """)

    @Argument(help: "The field of metrics.json to explain (see --list).")
    var field: String?

    @Option(help: "The snapshot date, YYYY-MM-DD (default: the latest).")
    var week: String?

    @Option(help: "company, or DIMENSION=VALUE such as segment=Enterprise.")
    var scope = "company"

    @Option(help: "The content folder: site.yml, snapshots/, targets.csv.")
    var content = "content"

    @Option(help: "The output folder, whose archive/ holds the snapshots pruned from content/ (as `build` reads them).")
    var output = "output"

    @Flag(help: "List every field of the scope that can be explained, instead of explaining one.")
    var list = false

    func validate() throws {
        if field == nil, !list { throw ValidationError("Name the FIELD to explain (e.g. volume.mql.qtd), or pass --list.") }
    }

    func run() throws {
        do {
            let explainer = try Explainer.load(content: content, week: week, output: output)
            if list {
                print(try explainer.fields(scope: scope).joined(separator: "\n"))
                return
            }
            let explanation = try explainer.explain(field!, scope: scope)
            FileHandle.standardOutput.write(Data(explanation.csv().utf8))
            guard explanation.reconciles else {
                Console.error("error: \(explanation.summary) Please report this with the input files.")
                throw ExitCode(1)
            }
            Console.error(explanation.summary)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
