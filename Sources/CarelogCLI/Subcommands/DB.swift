import ArgumentParser
import Carelog

extension CarelogCommand {
    struct DB: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "db",
            abstract: "Bring a database's schema up to date, or show where it stands.",
            discussion: "Example:\n  carelog db migrate --database postgresql:///carelog",
            subcommands: [Migrate.self, Status.self]
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
}
