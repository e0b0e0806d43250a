import ArgumentParser
import Foundation
import WaterfallKit

extension SQLDialect: ExpressibleByArgument {}

struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print one SELECT statement that computes every metric in a warehouse (SPEC §11).",
        discussion: """
            The statement reads a table with one row per record per snapshot (snapshot_date, id, line, \
            one <stage>_date per stage, lost_date, close_date, amount, source, one column per dimension) \
            and returns snapshot_date, scope, path, value: one row per metrics.json leaf. \
            Export the result as CSV and run `waterfall build --metrics RESULTS.csv`. See docs/sql.md.
            """)

    @Option(help: "duckdb, spark, postgres, bigquery or snowflake.")
    var dialect: SQLDialect

    @Option(help: "The input table (used as written, e.g. analytics.crm_records).")
    var table = "records"

    @Option(help: "The bookings plan table, with the columns of targets.csv.")
    var targets = "targets"

    @Flag(help: "There is no plan table: every plan is null.")
    var noTargets = false

    @Flag(help: "The table has no integer `line` column: every copy of a repeated id is then E2.")
    var noLine = false

    @Option(help: "The content folder whose site.yml describes stages, SLAs, dimensions and the fiscal calendar.")
    var content = "content"

    func run() throws {
        do {
            var options = WarehouseSQL.Options()
            options.table = table
            options.targets = noTargets ? nil : targets
            options.hasLineColumn = !noLine
            let config = try ContentFolder.loadConfig(root: content)
            print(try WarehouseSQL(config: config, dialect: dialect, options: options).statement(), terminator: "")
        } catch {
            Console.failure(error)
            throw ExitCode(1)
        }
    }
}
