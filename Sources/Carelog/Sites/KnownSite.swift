import Postgres

/// A site code given on the command line (`--site`), checked before anything runs:
/// an unknown code is a usage error (exit 2), not an empty report that looks like a
/// site with no activity.
enum KnownSite {
    static func require(_ code: String, on connection: Connection) throws {
        guard try connection.query(StoredQuery.named("site/exists", code)).isEmpty else { return }
        throw CarelogError(.usage, "there is no site \"\(code)\"",
                           suggestion: "Give a site code as in the sites import file, or leave out --site.")
    }
}
