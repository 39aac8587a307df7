import ArgumentParser
import Carelog
import Foundation

/// `--database`, shared by every command that reads or writes records.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A libpq connection string or URI, e.g. \"postgresql://me@db.example.org/carelog\".",
            discussion: "Without it: CARELOG_DATABASE, then the PG* environment variables, then the local database.",
            valueName: "conninfo"))
    var database: String?

    @Flag(name: [.customShort("q"), .long], help: "Say nothing on standard error but warnings and errors (not which database, not what was written).")
    var quiet = false

    var target: DatabaseTarget {
        DatabaseTarget.resolve(option: database, environment: ProcessInfo.processInfo.environment)
    }
}
