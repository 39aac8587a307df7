import Carelog
import Foundation
import Postgres
import Testing

/// A real PostgreSQL server for the test run, started through the same `LocalCluster`
/// code as carelog's local default, in a folder of its own that is removed afterwards.
///
/// It holds one migrated template database; each test clones it (`CREATE DATABASE …
/// TEMPLATE`), so tests are independent and can run in parallel.
final class TestServer: Sendable {
    @TaskLocal static var current: TestServer?

    let cluster: LocalCluster
    static let templateName = "carelog_template"

    private init(cluster: LocalCluster) {
        self.cluster = cluster
    }

    /// The folder test servers are made in: `$CARELOG_TEST_ROOT` (scripts/test sets one
    /// per run and removes what is left in it at the end), or /tmp.
    static var root: URL {
        let root = ProcessInfo.processInfo.environment["CARELOG_TEST_ROOT"] ?? ""
        return URL(fileURLWithPath: root.isEmpty ? "/tmp" : root)
    }

    static func start() throws -> TestServer {
        let home = root.appendingPathComponent("carelog-test-\(getpid())-\(UUID().uuidString.prefix(8))")
        let server = TestServer(cluster: LocalCluster(home: home, disposable: true))
        do {
            // The watchdog first: a test process killed while the server starts leaves nothing behind either.
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            try ServerWatchdog.start(home: home, dataDirectories: [server.cluster.dataDirectory])
            try server.cluster.start()
            let admin = try server.adminConnection()
            defer { admin.close() }
            try admin.query("CREATE DATABASE \(identifier: templateName)")
            let template = try Connection(connectionString: "", overrides: server.cluster.connectionParameters(database: templateName))
            defer { template.close() }
            try Migrator.embedded().migrate(template)
            // The fixtures' attendance lies in 2026 (sql/015 files it by month); the
            // migration made the partitions from last month on, these are the earlier ones.
            try template.query("""
                SELECT carelog.ensure_attendance_partitions(
                           ARRAY(SELECT generate_series(date '2026-01-01', date '2026-10-01', interval '1 month')::date))
                """)
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    func stop() {
        _ = try? cluster.stop()
        try? FileManager.default.removeItem(at: cluster.home)
    }

    /// A connection to the server's maintenance database, as superuser.
    func adminConnection() throws -> Connection {
        try Connection(connectionString: "", overrides: cluster.connectionParameters(database: "postgres"))
    }

    /// The server of the running test; the test must be nested in `DatabaseTests`.
    static var required: TestServer {
        get throws {
            guard let current else {
                throw CarelogError(.failure, "this test needs the database server: nest its suite in DatabaseTests")
            }
            return current
        }
    }
}

/// A database of its own for one test, cloned from the migrated template (or empty),
/// and dropped when the test lets go of it.
final class TestDatabase {
    let name: String
    let server: TestServer

    /// - Parameter migrated: false gives an empty database, for migration tests.
    init(migrated: Bool = true) throws {
        server = try TestServer.required
        name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = try server.adminConnection()
        defer { admin.close() }
        if migrated {
            try admin.query("CREATE DATABASE \(identifier: name) TEMPLATE \(identifier: TestServer.templateName)")
        } else {
            try admin.query("CREATE DATABASE \(identifier: name)")
        }
    }

    deinit {
        if let admin = try? server.adminConnection() {
            _ = try? admin.query("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
            admin.close()
        }
    }

    var parameters: [String: String] { server.cluster.connectionParameters(database: name) }

    /// How carelog's commands reach this database (as if given with --database).
    var target: DatabaseTarget {
        DatabaseTarget(source: .option, connectionString: "", overrides: parameters)
    }

    /// The same as a `--database` argument for running the real binary.
    var connectionString: String {
        "host=\(server.cluster.socketDirectory.path) port=5432 user=\(LocalCluster.superuser) dbname=\(name)"
    }

    func connect() throws -> Connection {
        try Connection(connectionString: "", overrides: parameters)
    }
}

/// Starts one server for every suite nested under the suite that carries it.
struct DatabaseServerTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try TestServer.start()
        defer { server.stop() }
        try await TestServer.$current.withValue(server) {
            try await function()
        }
    }
}

extension Trait where Self == DatabaseServerTrait {
    static var databaseServer: Self { DatabaseServerTrait() }
}

/// Parent of every suite that needs PostgreSQL: Swift Testing has no whole-run hook,
/// so the server's lifetime is this suite's. Nest suites with `extension DatabaseTests`.
///
/// The time limit applies to each test in it: a test that hangs fails after it, named,
/// instead of holding up the run (scripts/test also limits the whole run).
@Suite(.databaseServer, .timeLimit(.minutes(TestTimeLimit.minutes)))
struct DatabaseTests {}
