import ArgumentParser
import WaterfallKit

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Copy the built-in theme (templates and stylesheet) into a folder for editing.",
        discussion: "Files in that folder override the built-in theme file by file; delete any you did not change. Build with --templates DIR (default: templates).")

    @Option(help: "Where to write the theme files.")
    var out = "templates"

    @Flag(help: "Overwrite files that already exist.")
    var force = false

    func run() throws {
        do {
            let written = try ThemeWriter.writeDefaultTheme(to: out, overwrite: force)
            Console.error("Wrote \(written.count) theme files to \(out)/. Edit them, then run `waterfall build --templates \(out)`.")
        } catch {
            Console.failure(error)
            throw ExitCode(1)
        }
    }
}
