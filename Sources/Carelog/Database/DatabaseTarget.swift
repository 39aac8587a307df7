import Foundation
import Postgres

/// Which PostgreSQL database a command talks to, decided once, in this order:
///
/// 1. `--database`, a libpq connection string or URI;
/// 2. the `CARELOG_DATABASE` environment variable;
/// 3. libpq's own settings, when any variable that picks a server is set
///    (`PGHOST`, `PGHOSTADDR`, `PGPORT`, `PGDATABASE`, `PGUSER`, `PGSERVICE`); libpq
///    then also reads the service file and `.pgpass` itself;
/// 4. otherwise, the local default: carelog's private cluster in `$CARELOG_HOME`.
///
/// `.pgpass` and the service file alone do not count as a choice: they hold passwords
/// and aliases for servers, not the decision to use one.
public struct DatabaseTarget: Sendable {
    public enum Source: Sendable, Equatable {
        case option
        case carelogEnvironment
        case libpqEnvironment
        case localDefault
        /// The database a run is recorded in: `--log-database`.
        case logOption
        /// The database a run is recorded in: `CARELOG_LOG_DATABASE`.
        case logEnvironment
        /// The primary found from the read connection's hosts (`target_session_attrs=read-write`).
        case discoveredPrimary
    }

    public let source: Source
    public let connectionString: String
    public let overrides: [String: String]
    /// Set for the local default: the cluster to start before connecting.
    public let localCluster: LocalCluster?

    public static let libpqSelectingVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]

    public init(source: Source, connectionString: String, overrides: [String: String] = [:], localCluster: LocalCluster? = nil) {
        self.source = source
        self.connectionString = connectionString
        self.overrides = overrides
        self.localCluster = localCluster
    }

    public static func resolve(option: String?, environment: [String: String]) -> DatabaseTarget {
        if let option {
            return DatabaseTarget(source: .option, connectionString: option)
        }
        if let configured = environment["CARELOG_DATABASE"], !configured.isEmpty {
            return DatabaseTarget(source: .carelogEnvironment, connectionString: configured)
        }
        if libpqSelectingVariables.contains(where: { environment[$0]?.isEmpty == false }) {
            return DatabaseTarget(source: .libpqEnvironment, connectionString: "")
        }
        let cluster = LocalCluster(home: LocalCluster.defaultHome(environment: environment))
        return DatabaseTarget(
            source: .localDefault, connectionString: "", overrides: cluster.connectionParameters(), localCluster: cluster)
    }

    /// Where a report or export run is recorded when that is not where it reads (a hot
    /// standby): `--log-database`, else `CARELOG_LOG_DATABASE`, else nil (the database
    /// read, or on a standby its primary found from the read connection's hosts; see
    /// `RunConnections`).
    public static func resolveLog(option: String?, environment: [String: String]) -> DatabaseTarget? {
        if let option {
            return DatabaseTarget(source: .logOption, connectionString: option)
        }
        if let configured = environment["CARELOG_LOG_DATABASE"], !configured.isEmpty {
            return DatabaseTarget(source: .logEnvironment, connectionString: configured)
        }
        return nil
    }

    /// The same target with one libpq parameter set (it takes precedence over the string).
    public func with(_ keyword: String, _ value: String) -> DatabaseTarget {
        var overrides = self.overrides
        overrides[keyword] = value
        return DatabaseTarget(source: source, connectionString: connectionString, overrides: overrides, localCluster: localCluster)
    }

    /// This target, described as the primary found for a standby.
    var discoveredAsLog: DatabaseTarget {
        DatabaseTarget(source: .discoveredPrimary, connectionString: connectionString, overrides: overrides, localCluster: localCluster)
    }

    var sourceDescription: String {
        switch source {
        case .option: return "from --database"
        case .carelogEnvironment: return "from CARELOG_DATABASE"
        case .libpqEnvironment: return "from the PG* environment"
        case .localDefault: return "local default"
        case .logOption: return "from --log-database"
        case .logEnvironment: return "from CARELOG_LOG_DATABASE"
        case .discoveredPrimary: return "the writable host of the read connection"
        }
    }

    /// Opens a connection, starting the local cluster first when that is the target.
    /// Connection failures come back as a `CarelogError` that says what to check.
    public func connect(console: Console? = nil) throws -> Connection {
        do {
            let connection = try openConnection(console: console)
            connection.noticeHandler = { [weak console] notice in
                guard notice.severity == "WARNING" else { return }
                console?.warning("server warning: \(notice.message)")
            }
            return connection
        } catch let error as PostgresError {
            throw CarelogError(
                .failure, "could not connect to the database (\(sourceDescription)): \(error.message)",
                suggestion: connectionSuggestion)
        }
    }

    /// For the local default, a server that is already running is simply used:
    /// starting it (which runs `pg_ctl`) is only tried when connecting fails, so a
    /// quick command such as `attendance record` does not pay for a process spawn.
    private func openConnection(console: Console?) throws -> Connection {
        if let localCluster {
            if let connection = try? Connection(connectionString: connectionString, overrides: overrides) {
                return connection
            }
            try localCluster.start(console: console)
        }
        return try Connection(connectionString: connectionString, overrides: overrides)
    }

    private var connectionSuggestion: String {
        switch source {
        case .option, .carelogEnvironment, .logOption, .logEnvironment, .discoveredPrimary:
            return "Check the connection string (for example `host=db.example.org dbname=carelog user=me` "
                + "or `postgresql://me@db.example.org/carelog`) and that the server is running and reachable."
        case .libpqEnvironment:
            return "Check the PG* environment variables (\(DatabaseTarget.libpqSelectingVariables.joined(separator: ", "))); "
                + "unset them to use carelog's local database instead."
        case .localDefault:
            return "Run `carelog local status`; the server log is in \(localCluster?.logFile.path ?? "$CARELOG_HOME")."
        }
    }

    /// One line for standard error naming the database in use, never a password.
    public static func describe(_ connection: Connection, source: Source, role: String = "using") -> String {
        let place: String
        if connection.host.hasPrefix("/") {
            place = "socket \(connection.host)"
        } else {
            place = "\(connection.host):\(connection.port)"
        }
        let target = DatabaseTarget(source: source, connectionString: "")
        return "\(role) database \(connection.databaseName) on \(place) as \(connection.userName) (\(target.sourceDescription))"
    }
}
