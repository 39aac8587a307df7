import Foundation

/// `carelog local start|stop|status`: the private cluster of the local default.
public enum LocalDatabaseOperations {
    public static func start(home: URL, console: Console) throws {
        let cluster = LocalCluster(home: home)
        let started = try cluster.start(console: console)
        console.print(started
            ? "The local database is running (socket in \(cluster.socketDirectory.path))."
            : "The local database was already running (socket in \(cluster.socketDirectory.path)).")
    }

    public static func stop(home: URL, console: Console) throws {
        let cluster = LocalCluster(home: home)
        let stopped = try cluster.stop()
        console.print(stopped ? "The local database has stopped." : "The local database was not running.")
    }

    public static func status(home: URL, console: Console) throws {
        let cluster = LocalCluster(home: home)
        switch try cluster.status() {
        case .notInitialized:
            console.print("No local database in \(home.path) yet; any command that needs one creates it.")
        case .stopped:
            console.print("The local database in \(home.path) is stopped; any command that needs it starts it.")
        case .running(let pid):
            console.print("The local database in \(home.path) is running (server process \(pid), socket in \(cluster.socketDirectory.path)).")
        }
    }
}
