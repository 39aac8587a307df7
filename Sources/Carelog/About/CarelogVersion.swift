import Postgres

/// The version printed by `carelog --version` and written into every manifest.
public enum CarelogVersion {
    public static let current = "0.1.0"

    /// The git commit the binary was built from (`BuildCommit`, generated at build time
    /// from the checkout's git files), or `unknown` when it was built outside a git
    /// checkout (from a source archive). Whether the checkout had uncommitted changes
    /// is not known.
    public static var commit: String { BuildCommit.hash ?? "unknown" }

    /// `carelog --version`: the version, the commit and what this build carries and runs with —
    /// the newest migration it knows (the schema it expects), the reports it has, the
    /// libpq it is linked with, the compiler and the platform — the facts a bug
    /// report needs.
    public static var details: String {
        let migrations = (try? Migrator.embedded().migrations.map(\.name)) ?? []
        let reports = (try? ReportCatalog.all().count) ?? 0
        let libpq = Postgres.Connection.libraryVersion
        #if swift(>=6.3)
        let swift = "6.3 or later"
        #elseif swift(>=6.0)
        let swift = "6.x"
        #else
        let swift = "5.x"
        #endif
        #if os(Linux)
        let system = "Linux"
        #elseif os(macOS)
        let system = "macOS"
        #else
        let system = "other"
        #endif
        #if arch(x86_64)
        let architecture = "x86_64"
        #elseif arch(arm64)
        let architecture = "arm64"
        #else
        let architecture = "other"
        #endif
        #if DEBUG
        let configuration = "debug"
        #else
        let configuration = "release"
        #endif
        return """
            carelog \(current)
            commit: \(commit)
            schema: \(migrations.last ?? "none") (\(migrations.count) migrations)
            reports: \(reports)
            libpq: \(libpq / 10000).\(libpq % 10000)
            built with: Swift \(swift), \(configuration), \(system) \(architecture)
            """
    }
}
