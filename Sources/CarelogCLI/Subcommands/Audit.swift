import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check and read the audit trail the database keeps of every change.",
            discussion: "Examples:\n  carelog audit verify\n  carelog audit head --out head.json\n  carelog audit verify --anchor head.json\n"
                + "  carelog audit log --mrn 01000015 --table attendance\n  carelog audit runs",
            subcommands: [Verify.self, Head.self, Log.self, Runs.self])
    }
}

extension CarelogCommand.Audit {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit trail's hash chain and name the first broken link.",
            discussion: """
                With --anchor, also check that each head of the chain recorded outside the database \
                (in a bundle's or an export's manifest.json, or a file of `carelog audit head`) is \
                still in the chain: a chain rewritten and recomputed by someone who can switch the \
                audit triggers off verifies by itself, but no longer holds the heads recorded before.
                Exit status 0 when intact, 1 when a link is broken or a recorded head is gone.

                Example:
                  carelog audit verify --anchor export-2026-10/manifest.json head-2026-11-01.json
                """)

        @Option(parsing: .upToNextOption, help: ArgumentHelp(
            "Files that recorded the chain's head: manifest.json of a bundle or export, or a file of `carelog audit head`.",
            valueName: "file"))
        var anchor: [String] = []

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try AuditOperation.verify(target: database.target, anchors: anchor, console: .standard())
        }
    }

    struct Head: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the audit chain's current head (batch id and hash), to keep outside the database.",
            discussion: """
                Keep the file somewhere the database's administrators cannot change (another machine, \
                a ticket, an e-mail) and check it later with `carelog audit verify --anchor FILE`.

                Example:
                  carelog audit head --out head-2026-11-01.json
                """)

        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var out: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try AuditOperation.head(target: database.target, output: out, console: .standard())
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show who changed a patient's records, when, and what changed.",
            discussion: """
                Newest first. Records and values are shown by their natural keys (MRN, staff ID, \
                group code and session start, plan code), as the other files name them.

                Example:
                  carelog audit log --mrn 01000015 --table attendance --changes-only
                """)

        @Option(help: ArgumentHelp("The patient's MRN.", valueName: "mrn"))
        var mrn: String

        @Option(help: ArgumentHelp("Only this table (e.g. attendance, episode, plan_goal).", valueName: "table"))
        var table: String?

        @Option(help: "Show at most this many changes.")
        var limit = 200

        @Flag(name: .customLong("changes-only"), help: "Leave out the records' first writes: corrections and removals only.")
        var changesOnly = false

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try AuditOperation.log(
                target: database.target, mrn: mrn, table: table, limit: limit, changesOnly: changesOnly, console: .standard())
        }
    }

    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the report and export runs: who, when, what, parameters, rows.",
            discussion: "Examples:\n  carelog audit runs --limit 20\n  carelog audit runs --limit 5 --format json")

        @Option(help: "Show at most this many runs.")
        var limit = 50

        @Option(help: "text (for people) or json (JSON Lines, one run a line).")
        var format: ListFormatArgument = .text

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try AuditOperation.runs(target: database.target, limit: limit, format: format.format, console: .standard())
        }
    }
}
