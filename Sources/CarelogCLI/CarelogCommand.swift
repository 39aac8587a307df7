import ArgumentParser
import Carelog
import Foundation

@main
struct CarelogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carelog",
        abstract: "Records of an addiction-treatment program's groups and therapy, and reports on them.",
        discussion: """
            carelog keeps therapist assignments, treatment plans and group attendance in PostgreSQL \
            and writes CSV and text reports on participation and outcomes.

            Without --database (or CARELOG_DATABASE, or PG* variables) it uses a private local \
            database in $CARELOG_HOME (default ~/.local/share/carelog), started on demand.

            Exit status: 0 success, 1 failure, 2 usage error, 3 input refused (nothing written).

            Example:
              carelog db status
            """,
        version: CarelogVersion.details,
        subcommands: [Today.self, Board.self, Attendance.self, Note.self, Patient.self, Group.self, Session.self, Staff.self, Import.self, Report.self, Export.self, Disclosures.self, Audit.self, Period.self,
                      User.self, Seed.self, Demo.self, Local.self, DB.self]
    )

    /// Parses and runs, mapping every error to the exit codes scripts rely on.
    static func main() {
        // A file size limit (ulimit -f, prlimit --fsize) would otherwise kill the
        // process with SIGXFSZ (exit 153) in the middle of a write, leaving its staging
        // behind; ignored, the write fails with EFBIG like a full disk, and the command
        // ends with status 1 and its one line on standard error.
        signal(SIGXFSZ, SIG_IGN)
        // The same for a closed pipe (`carelog … | head` after head has quit): SIGPIPE
        // would kill it (status 141) where the README promises status 1 and one line;
        // ignored, the write fails with EPIPE and is reported like a full disk.
        signal(SIGPIPE, SIG_IGN)
        if let kindHelp = importKindHelp(Array(CommandLine.arguments.dropFirst())) {
            StandardStream.output.write(kindHelp)
            finish()
        }
        // `carelog -q today` as well as `carelog today -q`: a leading --quiet is taken
        // here, since the parser knows the flag only on the commands that declare it.
        var given = Array(CommandLine.arguments.dropFirst())
        var quietFirst = false
        while let first = given.first, first == "-q" || first == "--quiet" {
            given.removeFirst()
            quietFirst = true
        }
        do {
            var command = try parseAsRoot(given)
            // --quiet is declared with --database (every command that talks to a
            // database has both); once parsing accepted it, it applies to the run.
            let arguments = given.prefix { $0 != "--" }
            Console.quiet = quietFirst || arguments.contains("--quiet") || arguments.contains("-q")
                || ProcessInfo.processInfo.environment["CARELOG_QUIET"] == "1"
            try command.run()
        } catch {
            exit(reporting: error)
        }
        finish()
    }

    /// `carelog import KIND --help`: the kind's own columns rather than the generic
    /// help of `import`, which cannot know them (the parser's help is per command).
    private static func importKindHelp(_ arguments: [String]) -> String? {
        guard arguments.count >= 3, arguments[0] == "import", arguments.contains(where: { ["--help", "-h", "help"].contains($0) }) else {
            return nil
        }
        return ImportOperation.help(kind: arguments[1])
    }

    /// Exit 0, or 1 when a write to standard output or standard error failed: the
    /// command's work is done (an import may have committed) but what it had to say
    /// did not all arrive. The one line about it goes to standard error when that
    /// still works.
    private static func finish() -> Never {
        if let failure = StandardStream.output.failure ?? StandardStream.error.failure {
            printError(failure, suggestion: nil)
            Foundation.exit(1)
        }
        Foundation.exit(0)
    }

    /// An error keeps its own exit status even when it cannot be written.
    private static func exit(reporting error: Error) -> Never {
        if let error = CarelogError(libraryError: error) {
            printError(error.message, suggestion: error.suggestion)
            Foundation.exit(error.exitCode)
        }
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { StandardStream.output.write(message + "\n") }
            finish()
        }
        // One prefix for every error, the parser's as well as carelog's own, so that a
        // script or a reader finds them the same way.
        let prefixed = message.hasPrefix("Error: ") ? "carelog: error: " + message.dropFirst("Error: ".count) : Substring(message)
        StandardStream.error.write(prefixed + "\n")
        Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
    }

    private static func printError(_ message: String, suggestion: String?) {
        var text = "carelog: error: \(message)\n"
        if let suggestion { text += suggestion + "\n" }
        StandardStream.error.write(text)
    }
}
