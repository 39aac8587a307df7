@testable import Carelog
import Foundation
import Postgres
import Testing

/// A primary and a hot standby streaming from it, each a `LocalCluster` of its own in
/// one folder under /tmp that is removed afterwards: the primary is created as carelog's
/// local default is (initdb, its `carelog` database migrated), the standby is a
/// `pg_basebackup -R -X stream` of it started with its own socket folder. The shared
/// `TestServer` is one cluster and cannot play both parts.
///
/// The primary runs without autovacuum, so that nothing but a test's own writes is
/// replayed while a test reads the standby.
final class StandbyPair: Sendable {
    @TaskLocal static var current: StandbyPair?

    let primary: LocalCluster
    let standby: LocalCluster
    let home: URL

    private init(home: URL) {
        self.home = home
        primary = LocalCluster(home: home.appendingPathComponent("primary"), disposable: true)
        standby = LocalCluster(home: home.appendingPathComponent("standby"), disposable: true)
    }

    static func start() throws -> StandbyPair {
        let pair = StandbyPair(home: TestServer.root.appendingPathComponent("carelog-standby-\(getpid())-\(UUID().uuidString.prefix(6))"))
        do {
            try FileManager.default.createDirectory(at: pair.home, withIntermediateDirectories: true)
            try ServerWatchdog.start(home: pair.home, dataDirectories: [pair.standby.dataDirectory, pair.primary.dataDirectory])
            try pair.primary.start()
            let admin = try Connection(connectionString: "", overrides: pair.primary.connectionParameters(database: "postgres"))
            try admin.query("ALTER SYSTEM SET autovacuum = off")
            try admin.query("SELECT pg_reload_conf()")
            admin.close()
            let carelog = try Connection(connectionString: "", overrides: pair.primary.connectionParameters())
            defer { carelog.close() }
            try Migrator.embedded().migrate(carelog)
            try pair.makeStandby()
        } catch {
            pair.stop()
            throw error
        }
        return pair
    }

    private func makeStandby() throws {
        let runsAsRoot = geteuid() == 0
        let manager = FileManager.default
        try manager.createDirectory(at: standby.socketDirectory, withIntermediateDirectories: true)
        if runsAsRoot, let account = getpwnam(LocalCluster.superuser) {
            for folder in [standby.home, standby.socketDirectory] {
                chown(folder.path, account.pointee.pw_uid, account.pointee.pw_gid)
            }
        }
        let binaries = try ServerBinaries.locate(environment: ProcessInfo.processInfo.environment)
        let runner = ProcessRunner(serverUser: runsAsRoot ? LocalCluster.superuser : nil)
        let backup = try runner.run(
            binaries.directory.appendingPathComponent("pg_basebackup"),
            ["-h", primary.socketDirectory.path, "-U", LocalCluster.superuser, "-D", standby.dataDirectory.path,
             "-R", "-X", "stream", "--no-sync", "-c", "fast"])
        guard backup.status == 0 else {
            throw CarelogError(.failure, "pg_basebackup failed: \(backup.output)")
        }
        // The copy carries the primary's settings; the standby listens on its own socket.
        let settings = """

            # the standby of the test pair
            unix_socket_directories = '\(standby.socketDirectory.path)'
            hot_standby = on

            """
        let configuration = try FileHandle(forWritingTo: standby.dataDirectory.appendingPathComponent("postgresql.conf"))
        try configuration.seekToEnd()
        try configuration.write(contentsOf: Data(settings.utf8))
        try configuration.close()
        try standby.start()
    }

    func stop() {
        _ = try? standby.stop()
        _ = try? primary.stop()
        try? FileManager.default.removeItem(at: home)
    }

    /// How carelog reaches the `carelog` database of one of the two (as with --database).
    func target(_ cluster: LocalCluster) -> DatabaseTarget {
        DatabaseTarget(source: .option, connectionString: "", overrides: cluster.connectionParameters())
    }

    /// The same as a `--database` argument for the real binary.
    func connectionString(_ cluster: LocalCluster) -> String {
        "host=\(cluster.socketDirectory.path) port=5432 user=\(LocalCluster.superuser) dbname=\(LocalCluster.databaseName)"
    }

    func connect(_ cluster: LocalCluster) throws -> Connection {
        try Connection(connectionString: "", overrides: cluster.connectionParameters())
    }

    /// Waits until the standby has replayed everything the primary has written so far
    /// (the insert position: with `synchronous_commit = off` a commit record may not be
    /// written out yet when its transaction returns).
    func waitForReplay() throws {
        let primaryConnection = try connect(primary)
        defer { primaryConnection.close() }
        guard let position = try primaryConnection.scalar("SELECT pg_current_wal_insert_lsn()::text") else {
            throw CarelogError(.failure, "the primary has no WAL position")
        }
        let standbyConnection = try connect(standby)
        defer { standbyConnection.close() }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if try standbyConnection.scalar("SELECT (pg_last_wal_replay_lsn() >= \(position)::pg_lsn)::text") == "true" {
                return
            }
            usleep(20_000)
        }
        throw CarelogError(.failure, "the standby did not replay up to \(position) within 30 s")
    }
}

/// Starts the pair for the suite that carries it.
struct StandbyPairTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let pair = try StandbyPair.start()
        defer { pair.stop() }
        try await StandbyPair.$current.withValue(pair) {
            try await function()
        }
    }
}

extension Trait where Self == StandbyPairTrait {
    static var standbyPair: Self { StandbyPairTrait() }
}
