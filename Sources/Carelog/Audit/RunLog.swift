import Foundation
import Postgres

/// Writes one line of `carelog.run_log` for a report or export run, after its
/// outputs are written, in a transaction of its own (the run itself read from a
/// read-only snapshot).
enum RunLog {
    static func record(
        _ connection: Connection, command: String, parameters: [String: String?], rowCounts: [String: Int], snapshotTime: String?
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let parametersJSON = String(decoding: try encoder.encode(parameters), as: UTF8.self)
        let countsJSON = String(decoding: try encoder.encode(rowCounts), as: UTF8.self)
        let osUser = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"]
        try connection.query(StoredQuery.named("run_log/record", osUser, command, parametersJSON, countsJSON, snapshotTime))
    }

    /// The most recent runs, newest first, one line each: when, login/OS user by staff
    /// member (`--by`, or `-`), command, parameters, rows.
    /// The same runs as JSON Lines: one object a run, the parameters as the JSON text
    /// they were recorded as, the rows as a number.
    static func recentJSON(_ connection: Connection, limit: Int) throws -> [String] {
        try connection.query(StoredQuery.named("run_log/recent", limit)).map { row in
            JSONLine([("ran_at", .string(try row["ran_at"])), ("db_user", .string(try row["db_user"])),
                      ("os_user", .string(try row["os_user"])), ("acting_staff", .string(try row["acting_staff"])),
                      ("command", .string(try row["command"])), ("parameters", .string(try row["parameters"])),
                      ("total_rows", .number(try row["total_rows"]))]).text
        }
    }

    static func recent(_ connection: Connection, limit: Int) throws -> [String] {
        let rows = try connection.query(StoredQuery.named("run_log/recent", limit))
        return try rows.map { row in
            try [row.decode("ran_at", as: String.self),
                 row.decode("db_user", as: String.self) + "/" + row.decode("os_user", as: String.self)
                    + " by " + row.decode("acting_staff", as: String.self),
                 row.decode("command", as: String.self), row.decode("parameters", as: String.self),
                 "\(try row.decode("total_rows", as: String.self)) rows"].joined(separator: "  ")
        }
    }
}
