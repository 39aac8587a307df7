import Foundation
import Postgres

/// carelog's own PostgreSQL server, used when no database is configured.
///
/// It lives in `$CARELOG_HOME` (default `~/.local/share/carelog`): `pgdata/` holds
/// the cluster, `run/` the Unix socket, `postgresql.log` the server log. It listens on
/// that socket only (no TCP port), and the socket is readable by its owner alone, so
/// `trust` authentication reaches nobody else on the machine.
///
/// PostgreSQL refuses to run as root. When carelog runs as root, the server runs as
/// the `postgres` account (created by Debian's postgresql package) and owns the data.
/// The test suite starts its clusters through this same type.
public struct LocalCluster: Sendable {
    public let home: URL
    /// Trades crash safety for speed (`fsync=off`): for throwaway test clusters only.
    public var disposable: Bool

    public static let databaseName = "carelog"
    public static let superuser = "postgres"

    public init(home: URL, disposable: Bool = false) {
        self.home = home
        self.disposable = disposable
    }

    /// `$CARELOG_HOME`, or `$XDG_DATA_HOME/carelog`, or `~/.local/share/carelog`.
    public static func defaultHome(environment: [String: String]) -> URL {
        if let home = environment["CARELOG_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home)
        }
        if let dataHome = environment["XDG_DATA_HOME"], !dataHome.isEmpty {
            return URL(fileURLWithPath: dataHome).appendingPathComponent("carelog")
        }
        let userHome = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: userHome).appendingPathComponent(".local/share/carelog")
    }

    public var dataDirectory: URL { home.appendingPathComponent("pgdata") }
    public var socketDirectory: URL { home.appendingPathComponent("run") }
    public var logFile: URL { home.appendingPathComponent("postgresql.log") }
    private var lockFile: URL { home.appendingPathComponent(".lock") }

    public enum Status: Equatable, Sendable {
        case notInitialized
        case stopped
        case running(pid: Int)
    }

    /// libpq parameters that reach this cluster's socket.
    public func connectionParameters(database: String = LocalCluster.databaseName) -> [String: String] {
        ["host": socketDirectory.path, "port": "5432", "user": LocalCluster.superuser, "dbname": database]
    }

    // MARK: - Status, start, stop

    public func status(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Status {
        guard FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else {
            return .notInitialized
        }
        let binaries = try ServerBinaries.locate(environment: environment)
        let outcome = try runner().run(binaries.pgCtl, ["status", "-D", dataDirectory.path])
        if outcome.status == 0 {
            let pid = outcome.output
                .split(whereSeparator: { !$0.isNumber })
                .first.flatMap { Int($0) } ?? 0
            return .running(pid: pid)
        }
        return .stopped
    }

    /// Creates the cluster on first use, starts it when it is not running, and makes
    /// sure the `carelog` database exists. Safe to call from several processes at
    /// once: they take turns on a lock file. Returns true when it started the server.
    @discardableResult
    public func start(console: Console? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Bool {
        try createHome()
        return try withLock {
            let binaries = try ServerBinaries.locate(environment: environment)
            var started = false
            switch try status(environment: environment) {
            case .running:
                break
            case .notInitialized:
                console?.note("creating the local database in \(home.path) (first use)")
                try initialize(binaries)
                try startServer(binaries)
                started = true
            case .stopped:
                try startServer(binaries)
                started = true
            }
            if started { console?.note("started the local database server (\(socketDirectory.path))") }
            try createDatabaseIfMissing()
            return started
        }
    }

    /// Stops the server (fast shutdown: open sessions are rolled back). Returns false
    /// when it was not running.
    @discardableResult
    public func stop(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Bool {
        guard case .running = try status(environment: environment) else { return false }
        let binaries = try ServerBinaries.locate(environment: environment)
        let outcome = try runner().run(binaries.pgCtl, ["stop", "-D", dataDirectory.path, "-m", "fast", "-w", "-t", "60"])
        guard outcome.status == 0 else {
            throw CarelogError(
                .failure, "the local database server did not stop: \(outcome.output.trimmed)",
                suggestion: "See \(logFile.path).")
        }
        return true
    }

    // MARK: - Steps

    private var runsAsRoot: Bool { geteuid() == 0 }

    private func runner() -> ProcessRunner {
        ProcessRunner(serverUser: runsAsRoot ? LocalCluster.superuser : nil)
    }

    private func createHome() throws {
        let socketPath = socketDirectory.appendingPathComponent(".s.PGSQL.5432").path
        guard socketPath.utf8.count < 100 else {
            throw CarelogError(
                .usage, "the folder \(home.path) is too deep for a Unix socket (\(socketPath.utf8.count) bytes; the limit is about 100)",
                suggestion: "Set CARELOG_HOME to a shorter path.")
        }
        do {
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        } catch {
            throw CarelogError(
                .failure, "could not create \(home.path): \(error.localizedDescription)",
                suggestion: "Set CARELOG_HOME to a folder you can write to.")
        }
        // The home holds the database and the server log, both patient data: its
        // owner's alone, whatever the umask, also when an earlier version made it 0755.
        chmod(home.path, 0o700)
        chmod(socketDirectory.path, 0o700)
        try createPrivateLog()
        if runsAsRoot {
            try handOverToServerUser()
        }
    }

    /// The server log (statements that fail are logged with their values) is created
    /// 0600 before pg_ctl appends to it, and tightened if an older run left it open.
    private func createPrivateLog() throws {
        let descriptor = open(logFile.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CarelogError(.failure, "could not create the server log \(logFile.path): \(String(cString: strerror(errno)))",
                               suggestion: "Set CARELOG_HOME to a folder you can write to.")
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
    }

    /// As root, the `postgres` account must own the socket folder and be able to walk
    /// down to the data folder. `$CARELOG_HOME` itself becomes the server account's,
    /// mode 0700 (root reaches it anyway); the folders above it get search permission
    /// (`o+x`, not read) where it is missing.
    private func handOverToServerUser() throws {
        guard let account = getpwnam(LocalCluster.superuser) else {
            throw CarelogError(
                .failure,
                "carelog runs as root, and PostgreSQL refuses to; it needs the account '\(LocalCluster.superuser)' to run the server, and there is none",
                suggestion: "Install the server (`apt-get install postgresql`, which creates the account), or run carelog as an ordinary user.")
        }
        let uid = account.pointee.pw_uid
        let gid = account.pointee.pw_gid
        chown(socketDirectory.path, uid, gid)
        chmod(socketDirectory.path, 0o700)
        chown(home.path, uid, gid)
        chmod(home.path, 0o700)
        var directory = home.deletingLastPathComponent()
        while directory.path != "/" {
            var info = stat()
            if stat(directory.path, &info) == 0, info.st_mode & 0o001 == 0 {
                chmod(directory.path, (info.st_mode & 0o7777) | 0o001)
            }
            directory.deleteLastPathComponent()
        }
        chown(logFile.path, uid, gid)
    }

    private func initialize(_ binaries: ServerBinaries) throws {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        chmod(dataDirectory.path, 0o700)
        if runsAsRoot, let account = getpwnam(LocalCluster.superuser) {
            chown(dataDirectory.path, account.pointee.pw_uid, account.pointee.pw_gid)
        }
        var arguments = [
            "-D", dataDirectory.path, "-U", LocalCluster.superuser, "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8",
        ]
        if disposable { arguments.append("--no-sync") }
        let outcome = try runner().run(binaries.initdb, arguments)
        guard outcome.status == 0 else {
            // Leave no half-made cluster behind: the next run starts over.
            try? FileManager.default.removeItem(at: dataDirectory)
            throw CarelogError(.failure, "initdb failed: \(outcome.output.trimmed)")
        }
        var settings = """

            # carelog: a private server, reachable through its Unix socket only.
            listen_addresses = ''
            unix_socket_directories = '\(socketDirectory.path)'
            unix_socket_permissions = 0700
            max_wal_size = '2GB'

            """
        if disposable {
            settings += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        }
        let configuration = dataDirectory.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: configuration)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
        try handle.close()
    }

    private func startServer(_ binaries: ServerBinaries) throws {
        let outcome = try runner().run(
            binaries.pgCtl, ["start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60"])
        guard outcome.status == 0 else {
            throw CarelogError(
                .failure, "the local database server did not start: \(outcome.output.trimmed)",
                suggestion: "See the server log, \(logFile.path).")
        }
    }

    private func createDatabaseIfMissing() throws {
        let connection = try Connection(connectionString: "", overrides: connectionParameters(database: "postgres"))
        defer { connection.close() }
        let existing = try connection.query(StoredQuery.named("local/database_exists", LocalCluster.databaseName))
        if existing.isEmpty {
            try connection.query("CREATE DATABASE \(identifier: LocalCluster.databaseName)")
        }
    }

    private func withLock<Result>(_ body: () throws -> Result) throws -> Result {
        let descriptor = open(lockFile.path, O_RDWR | O_CREAT, 0o600)
        guard descriptor >= 0 else {
            throw CarelogError(.failure, "could not open \(lockFile.path) to lock the local database")
        }
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
