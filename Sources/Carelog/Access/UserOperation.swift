import Postgres

/// `carelog user add|list|disable`: the database logins of carelog's users.
///
/// Each person logs in as their own PostgreSQL role, mapped to one staff member
/// (`carelog.app_user`), and gets what their group role allows
/// (`carelog_therapist`, `carelog_director`, `carelog_auditor`; see README, "Access
/// control"). The work is done by the database's own functions
/// (`carelog.user_add`, `carelog.user_disable`), which check who is asking: the
/// database's administrator (the superuser; on the local default, whoever created it)
/// or a director's login.
public enum UserOperation {
    public static let roles = ["therapist", "director", "auditor"]

    /// Creates the login. A password, when given, is turned into a SCRAM verifier by
    /// libpq on this side, so that the server and its logs never see it.
    public static func add(
        target: DatabaseTarget, login: String, staffID: String, role: String, site: String?, password: String?, console: Console
    ) throws {
        guard roles.contains(role) else {
            throw CarelogError(.usage, "--role \(role) is not a role", suggestion: "Use therapist, director or auditor.")
        }
        if let password, password.isEmpty {
            throw CarelogError(.usage, "the password read from standard input is empty", suggestion: "Give a password, or leave out --password-stdin.")
        }
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let verifier = try password.map { try connection.passwordVerifier(for: $0, user: login) }
        try refusingClearly {
            try connection.transaction {
                try connection.query(StoredQuery.named("access/user_add", login, staffID, role, site, verifier))
            }
        }
        console.print("Added login \(login) for staff member \(staffID) as \(role)"
            + (site.map { ", limited to site \($0)" } ?? "") + (password == nil ? " (no password set)." : "."))
    }

    /// Disables the login: it can no longer connect, an open session of it loses its
    /// rights at its next statement, and its history stays.
    public static func disable(target: DatabaseTarget, login: String, console: Console) throws {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        try refusingClearly {
            try connection.transaction {
                try connection.query(StoredQuery.named("access/user_disable", login))
            }
        }
        console.print("Disabled login \(login): it can no longer connect; its records and history stay.")
    }

    /// Prints every login, active ones first.
    public static func list(target: DatabaseTarget, console: Console) throws {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let rows = try refusingClearly { try connection.query(StoredQuery.named("access/user_list")) }
        let header = ["login", "staff", "name", "role", "site", "state", "created"]
        let lines = try [header] + rows.map { row in try header.indices.map { try row.decode(rowColumns[$0], as: String.self) } }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        for line in lines {
            console.print(line.indices.map { $0 == line.count - 1 ? line[$0] : line[$0].padding(widths[$0]) }.joined(separator: "  "))
        }
        if rows.isEmpty { console.print("(no logins yet: `carelog user add LOGIN --staff STAFF_ID --role ROLE`)") }
    }

    private static let rowColumns = ["login", "staff_id", "staff_name", "role", "site", "state", "created"]

    /// The database's refusals of a login command, as errors naming what is wrong:
    /// a bad argument is refused input (exit 3), a caller without the right is a
    /// failure (exit 1).
    @discardableResult
    private static func refusingClearly<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege {
            throw CarelogError(.failure, error.message, suggestion: error.hint ?? "Ask a director or the database's administrator.")
        } catch let error as PostgresError
            where [.invalidParameterValue, .uniqueViolation, .duplicateObject].contains(error.sqlState) {
            throw CarelogError(.validation, error.message, suggestion: (error.hint.map { $0 + " " } ?? "") + "Nothing was changed.")
        }
    }
}
