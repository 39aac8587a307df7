import Foundation
import Postgres

/// The group codes for shell completion (`--group <TAB>`), only where that is cheap:
/// a tab must never start a server, wait on a network or print an error.
///
/// The database is the one the command would use (`--database` on the line being
/// completed, `CARELOG_DATABASE`, the PG* variables, the local default), but the local
/// default's server is not started when it is down, the connection gives up after two
/// seconds, and any failure (no server, a password needed, a schema without groups)
/// completes nothing.
public enum GroupCodeCompletion {
    public static func codes(words: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var option: String?
        if let index = words.lastIndex(of: "--database"), index + 1 < words.count {
            option = words[index + 1]
        } else if let word = words.last(where: { $0.hasPrefix("--database=") }) {
            option = String(word.dropFirst("--database=".count))
        }
        let target = DatabaseTarget.resolve(option: option, environment: environment)
        var overrides = target.overrides
        overrides["connect_timeout"] = "2"
        guard let connection = try? Connection(connectionString: target.connectionString, overrides: overrides) else { return [] }
        defer { connection.close() }
        guard let rows = try? connection.query(StoredQuery.named("attendance/group_codes")) else { return [] }
        return rows.compactMap { (try? $0["group_code"]) ?? nil }
    }
}
