import Foundation

/// Finds `initdb` and `pg_ctl`, which Debian keeps off the PATH in
/// `/usr/lib/postgresql/<version>/bin`.
struct ServerBinaries {
    let directory: URL

    var initdb: URL { directory.appendingPathComponent("initdb") }
    var pgCtl: URL { directory.appendingPathComponent("pg_ctl") }

    /// Looks in `CARELOG_PG_BINDIR`, then the newest `/usr/lib/postgresql/*/bin`, then
    /// the PATH. The error names the package to install.
    static func locate(environment: [String: String]) throws -> ServerBinaries {
        var candidates: [URL] = []
        if let configured = environment["CARELOG_PG_BINDIR"], !configured.isEmpty {
            candidates.append(URL(fileURLWithPath: configured))
        }
        let debianRoot = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: debianRoot)) ?? [])
            .compactMap { Int($0) }
            .sorted(by: >)
        candidates += versions.map { URL(fileURLWithPath: "\(debianRoot)/\($0)/bin") }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        candidates += path.split(separator: ":").map { URL(fileURLWithPath: String($0)) }

        for directory in candidates {
            let binaries = ServerBinaries(directory: directory)
            if FileManager.default.isExecutableFile(atPath: binaries.initdb.path),
               FileManager.default.isExecutableFile(atPath: binaries.pgCtl.path) {
                return binaries
            }
        }
        throw CarelogError(
            .failure,
            "the PostgreSQL server programs (initdb, pg_ctl) were not found, so the local database cannot start",
            suggestion: "Install them with `sudo apt-get install postgresql` (Debian/Ubuntu), set CARELOG_PG_BINDIR "
                + "to the folder that holds them, or point carelog at an existing server with --database.")
    }
}
