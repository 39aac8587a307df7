import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check and read the audit trail the database keeps of every change.",
            discussion: "Examples:\n  carelog audit verify\n  carelog audit log --mrn 01000015 --table attendance\n  carelog audit runs",
            subcommands: [Verify.self, Log.self, Runs.self])
    }
}

extension CarelogCommand.Audit {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit trail's hash chain and name the first broken link.",
            discussion: "Exit status 0 when intact, 1 when a link is broken.\n\nExample:\n  carelog audit verify")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try AuditOperation.verify(target: database.target, console: .standard())
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show who changed a patient's records, when, and what changed.",
            discussion: "Example:\n  carelog audit log --mrn 01000015 --table attendance")

        @Option(help: ArgumentHelp("The patient's MRN.", valueName: "mrn"))
        var mrn: String

        @Option(help: ArgumentHelp("Only this table (e.g. attendance, episode, plan_goal).", valueName: "table"))
        var table: String?

        @Option(help: "Show at most this many changes.")
        var limit = 200

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try AuditOperation.log(target: database.target, mrn: mrn, table: table, limit: limit, console: .standard())
        }
    }

    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the report and export runs: who, when, what, parameters, rows.",
            discussion: "Example:\n  carelog audit runs --limit 20")

        @Option(help: "Show at most this many runs.")
        var limit = 50

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try AuditOperation.runs(target: database.target, limit: limit, console: .standard())
        }
    }
}
