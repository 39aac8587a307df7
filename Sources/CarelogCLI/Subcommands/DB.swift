import ArgumentParser
import Carelog

extension CarelogCommand {
    struct DB: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "db",
            abstract: "Bring a database's schema up to date, or show where it stands.",
            discussion: "Example:\n  carelog db migrate --database postgresql:///carelog",
            subcommands: [Migrate.self, Status.self, Partitions.self]
        )
    }
}

extension CarelogCommand.DB {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the pending schema migrations, each in its own transaction.",
            discussion: """
                Each migration is applied once and recorded with its SHA-256; a migration that \
                fails is rolled back whole. A database whose applied migrations were edited is refused.

                Example:
                  carelog db migrate --database "host=db.example.org dbname=carelog"
                """)

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try SchemaOperations.migrate(target: database.target, console: .standard())
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the migrations, applied and pending.",
            discussion: "Example:\n  carelog db status")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try SchemaOperations.status(target: database.target, console: .standard())
        }
    }

    struct Partitions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the monthly partitions of attendance and the audit trail; create those ahead.",
            discussion: """
                Attendance is filed by the site-local month of its session, the audit trail's \
                events by the UTC month they were written in. Every command that writes creates \
                the months it needs; --ahead N creates the missing ones from this month through \
                N months later (run it monthly, e.g. from cron). Detaching and archiving an old \
                month: docs/partitions.md.

                Examples:
                  carelog db partitions
                  carelog db partitions --ahead 12
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("Create the missing partitions from this month through N months ahead first.", valueName: "N"))
        var ahead: Int?

        func run() throws {
            try PartitionOperation.run(target: database.target, ahead: ahead, console: .standard())
        }
    }
}
