import Foundation

/// Writes to stderr: problems, progress and the closing summary.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// A progress callback that redraws one line on a terminal, at most a few times a second.
    static func progressLine() -> ((String, Int) -> Void)? {
        guard isTerminal else { return nil }
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
