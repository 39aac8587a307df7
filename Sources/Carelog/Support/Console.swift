import Foundation

/// Where a command writes: results to standard output, everything about the run
/// (which database, progress, warnings) to standard error, so that
/// `carelog report … > file.csv` captures only the report.
///
/// Tests pass a console that records what was written instead.
public final class Console: @unchecked Sendable {
    private let writeOutput: (String) -> Void
    private let writeDiagnostic: (String) -> Void
    /// True when standard error is a terminal: only then is progress shown.
    public let showsProgress: Bool
    /// False with `--quiet`: notes about the run (which database, what was written)
    /// are left out; warnings and errors are not.
    public let showsNotes: Bool

    /// Set once by the command line for `--quiet` (or CARELOG_QUIET=1), before any
    /// console is made.
    nonisolated(unsafe) public static var quiet = false

    public init(
        showsProgress: Bool,
        showsNotes: Bool = true,
        output: @escaping (String) -> Void,
        diagnostic: @escaping (String) -> Void
    ) {
        self.showsProgress = showsProgress
        self.showsNotes = showsNotes
        self.writeOutput = output
        self.writeDiagnostic = diagnostic
    }

    /// The process's own standard output and standard error. A failed write does not
    /// stop the command (an import may already have committed); it is kept in
    /// `StandardStream` and turned into exit status 1 when the command ends.
    public static func standard() -> Console {
        Console(
            showsProgress: isatty(STDERR_FILENO) == 1,
            showsNotes: !quiet,
            output: { text in StandardStream.output.write(text) },
            diagnostic: { text in StandardStream.error.write(text) }
        )
    }

    /// A console that keeps everything in memory, for tests.
    public static func recording() -> (Console, Recording) {
        let recording = Recording()
        let console = Console(
            showsProgress: false,
            output: { recording.append(output: $0) },
            diagnostic: { recording.append(diagnostic: $0) }
        )
        return (console, recording)
    }

    /// Writes a line of result to standard output.
    public func print(_ line: String) {
        writeOutput(line + "\n")
    }

    /// Writes raw result text to standard output.
    public func write(_ text: String) {
        writeOutput(text)
    }

    /// Writes a line about the run to standard error, prefixed with `carelog:`.
    public func note(_ line: String) {
        guard showsNotes else { return }
        writeDiagnostic("carelog: " + line + "\n")
    }

    /// Writes a warning to standard error, prefixed with `carelog:`, even with `--quiet`.
    public func warning(_ line: String) {
        writeDiagnostic("carelog: " + line + "\n")
    }

    /// Overwrites the current progress line on standard error (terminals only).
    public func progress(_ line: String) {
        guard showsProgress else { return }
        writeDiagnostic("\r\u{1B}[K" + line)
    }

    /// Ends a progress line so the next note starts on a fresh line.
    public func endProgress() {
        guard showsProgress else { return }
        writeDiagnostic("\r\u{1B}[K")
    }

    public final class Recording: @unchecked Sendable {
        private let lock = NSLock()
        private var outputText = ""
        private var diagnosticText = ""

        public var output: String { lock.withLock { outputText } }
        public var diagnostics: String { lock.withLock { diagnosticText } }

        func append(output text: String) { lock.withLock { outputText += text } }
        func append(diagnostic text: String) { lock.withLock { diagnosticText += text } }
    }
}
