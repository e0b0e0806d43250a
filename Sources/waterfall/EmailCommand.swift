import ArgumentParser
import Foundation
import WaterfallKit

struct EmailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email",
        abstract: "Print a week's e-mail digest, addressed, for `sendmail -t`.",
        discussion: """
            Reads the digest the last build wrote to OUTPUT/email/YYYY-MM-DD.eml (so the message is the one \
            published beside the site, and its links point to pages that exist), puts in the --from and --to \
            addresses, and prints it on stdout with LF line ends: waterfall email --to cfo@example.com | sendmail -t
            """)

    @Option(help: "The snapshot date, YYYY-MM-DD (default: the latest week).")
    var week: String?

    @Option(help: ArgumentHelp("A recipient: jane@example.com or \"Jane Doe <jane@example.com>\". Repeat for more.", valueName: "address"))
    var to: [String] = []

    @Option(help: ArgumentHelp("The sender (default: the company at the report's host, a placeholder).", valueName: "address"))
    var from: String?

    @Option(help: "The built site's folder.")
    var output = "output"

    func run() throws {
        do {
            let recipients = try to.map(Mailbox.init(parsing:))
            let sender = try from.map(Mailbox.init(parsing:))
            let built = try BuiltDigests(output: output).message(week: week)
            if recipients.isEmpty {
                Console.error("note: no --to, so the message is addressed to undisclosed-recipients and sendmail -t will not send it.")
            }
            FileHandle.standardOutput.write(Data(DigestMail.addressed(built, from: sender, to: recipients).utf8))
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
