import ArgumentParser
import Carelog
import Foundation

extension CarelogCommand {
    struct Local: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage carelog's private local database server.",
            discussion: """
                The local database lives in $CARELOG_HOME (default ~/.local/share/carelog) and \
                listens on a Unix socket only. Commands start it on demand; stop it when you are done.

                Example:
                  carelog local status
                """,
            subcommands: [Start.self, Stop.self, Status.self]
        )

        static var home: URL { LocalCluster.defaultHome(environment: ProcessInfo.processInfo.environment) }
    }
}

extension CarelogCommand.Local {
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the local database on first use and start its server.",
            discussion: "Example:\n  carelog local start")

        func run() throws {
            try LocalDatabaseOperations.start(home: CarelogCommand.Local.home, console: .standard())
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop the local database server.",
            discussion: "Example:\n  carelog local stop")

        func run() throws {
            try LocalDatabaseOperations.stop(home: CarelogCommand.Local.home, console: .standard())
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether the local database exists and is running.",
            discussion: "Example:\n  carelog local status")

        func run() throws {
            try LocalDatabaseOperations.status(home: CarelogCommand.Local.home, console: .standard())
        }
    }
}
