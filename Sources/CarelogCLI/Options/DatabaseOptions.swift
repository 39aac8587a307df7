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

    /// An empty --database (`--database "$UNSET_VARIABLE"`) would silently mean libpq's
    /// defaults, which may be another server than the one meant.
    func validate() throws {
        if let database, database.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--database is empty. Give a connection string such as postgresql:///carelog, or leave the option out to use CARELOG_DATABASE, the PG* variables or the local database.")
        }
    }

    var target: DatabaseTarget {
        DatabaseTarget.resolve(option: database, environment: ProcessInfo.processInfo.environment)
    }
}

/// `--log-database`, for the commands that record their run (reports, exports): where
/// the run is recorded when they read from a hot standby.
struct LogDatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where the run is recorded when --database is a hot standby: its primary.",
            discussion: "Without it: CARELOG_LOG_DATABASE, then the host of --database that accepts writes (target_session_attrs=read-write); "
                + "a standby with no reachable primary is refused before anything is read.",
            valueName: "conninfo"))
    var logDatabase: String?

    var target: DatabaseTarget? {
        DatabaseTarget.resolveLog(option: logDatabase, environment: ProcessInfo.processInfo.environment)
    }
}
