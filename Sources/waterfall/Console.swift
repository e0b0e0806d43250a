import Foundation
import WaterfallKit

/// Writes to stderr: problems, progress and the closing summary.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Today in UTC, or the day of `SOURCE_DATE_EPOCH` when set (reproducible builds): the latest
    /// possible snapshot date (W8).
    static var today: Day {
        let environment = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Double($0) }
        let seconds = environment ?? Date().timeIntervalSince1970
        return Day(daysSinceEpoch: Int32((seconds / 86_400).rounded(.down)))
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Colour only on a terminal, and never when `NO_COLOR` is set to anything (no-color.org).
    static var usesColour: Bool {
        isTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// `error: …` / `warning: …`, the prefix in bold red / yellow when colour is on.
    static func prefixed(_ severity: DiagnosticSeverity, _ text: String) -> String {
        let label = severity.rawValue + ":"
        guard usesColour else { return label + " " + text }
        let colour = severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
        return colour + label + "\u{1B}[0m " + text
    }

    /// An error that stops the command, with the prefix.
    static func failure(_ error: Swift.Error) {
        self.error(prefixed(.error, String(describing: error)))
    }

    /// Prints what `check` and `build` found (the same for both), then the closing summary unless quiet.
    static func report(_ report: BuildReport, contentRoot: String, quiet: Bool, closing: String?) {
        for line in BuildSummary.problems(report, contentRoot: contentRoot, quiet: quiet) {
            self.error(line.severity.map { prefixed($0, line.text) } ?? line.text)
        }
        if !quiet, let closing { self.error(closing) }
    }

    /// A progress callback that redraws one line on a terminal, at most a few times a second.
    static func progressLine(quiet: Bool = false) -> ((String, Int) -> Void)? {
        guard isTerminal, !quiet else { return nil }
        var lastShown = Date.distantPast
        return { file, bytes in
            let now = Date()
            guard now.timeIntervalSince(lastShown) > 0.2 else { return }
            lastShown = now
            let megabytes = Double(bytes) / 1_048_576
            FileHandle.standardError.write(Data("\r\u{1B}[2KReading \(file): \(Int(megabytes)) MB".utf8))
        }
    }

    static func clearProgress() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
