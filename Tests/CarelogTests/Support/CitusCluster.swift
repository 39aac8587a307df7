import Foundation

/// A private Citus cluster of the test's own, made by `scripts/citus-up` under a scratch
/// CARELOG_HOME (docs/citus-findings.md, "The cluster and the database").
struct CitusCluster: Sendable {
    let home: URL

    /// Citus 13.2.2 is in this machine's PostgreSQL 15: the control file, and the library
    /// that names its version (what scripts/citus-up's own check looks for). Without it the
    /// script would build Citus first, which a test run does not do.
    static var isInstalled: Bool {
        guard FileManager.default.fileExists(atPath: "/usr/share/postgresql/15/extension/citus.control"),
              let library = FileManager.default.contents(atPath: "/usr/lib/postgresql/15/lib/citus.so") else { return false }
        return library.range(of: Data("Citus 13.2.2 ".utf8)) != nil
    }

    typealias Run = ChildProcess.Run

    /// Starts a coordinator and 2 workers with `scripts/citus-up`.
    static func start() async throws -> CitusCluster {
        let cluster = CitusCluster(home: try ScratchFolder.create("citus"))
        let up = try await cluster.script("citus-up", [])
        guard up.status == 0 else {
            await cluster.remove()
            throw Failure(description: "scripts/citus-up failed: \(up)")
        }
        return cluster
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var socketFolder: String { home.appendingPathComponent("citus/cluster/run").path }

    func conninfo(_ database: String) -> String {
        "host=\(socketFolder) port=55432 user=postgres dbname=\(database)"
    }

    /// Runs `scripts/NAME ARGUMENTS` with this cluster's CARELOG_HOME.
    ///
    /// The script runs with every descriptor but the standard three closed: citus-up
    /// starts servers that outlive it, and a server holding a descriptor the test process
    /// watches for the child's end would keep the test waiting after the script exited.
    func script(_ name: String, _ arguments: [String], environment extra: [String: String] = [:]) async throws -> Run {
        let closeInherited = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec bash "$@""#
        return try await ChildProcess.run("/bin/bash", ["-c", closeInherited, "bash", ChildProcess.root.appendingPathComponent("scripts/\(name)").path] + arguments,
                                  environment: Self.environment(extra.merging(["CARELOG_HOME": home.path]) { _, home in home }))
    }

    /// Runs SQL on the coordinator with psql: stops at the first error, whose text (with its
    /// DETAIL) is on standard error.
    func psql(_ database: String, _ sql: String) async throws -> Run {
        try await ChildProcess.run("/usr/lib/postgresql/15/bin/psql",
                           [conninfo(database), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], environment: Self.environment([:]))
    }

    /// Stops the nodes and deletes the scratch home (the installed Citus stays).
    func remove() async {
        _ = try? await script("citus-down", ["--remove"])
        try? FileManager.default.removeItem(at: home)
    }

    private static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8",
                           "HOME": NSTemporaryDirectory()]
        environment.merge(extra) { _, new in new }
        return environment
    }
}
