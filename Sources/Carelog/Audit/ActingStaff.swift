import Postgres

/// Who the audit trail names as having made a change.
///
/// The database decides (`carelog.resolve_acting_staff`, asked again by the audit
/// trigger for every write): a carelog login is its own staff member, and only a
/// director's login may name a colleague with `--by`. Asking here first lets the
/// command refuse before writing anything, with a message that names the rule.
enum ActingStaff {
    /// Checks `--by` against the login and records it for this transaction.
    static func set(_ staffID: String?, on connection: Connection) throws {
        try check(staffID, on: connection)
        guard let staffID else { return }
        try record(staffID, on: connection)
    }

    /// Whether the staff ID names a staff member yet: a writer that brings the staff
    /// table itself (`import bundle`) sets `--by` once its staff rows are in.
    static func isKnown(_ staffID: String, on connection: Connection) throws -> Bool {
        let resolved = try connection.query(StoredQuery.named("access/resolve_acting_staff", staffID))[0]
        let rule: String? = try resolved["rule"]
        return rule != "unknown_staff"
    }

    private static func record(_ staffID: String, on connection: Connection) throws {
        try connection.query(StoredQuery.named("audit/set_acting_staff", staffID))
    }

    /// Throws unless this login may act as `staffID` (or write at all, for nil): an
    /// unknown staff ID is a usage error (exit 2), as every unknown code on the
    /// command line; a rule that refuses it is input refused (exit 3).
    static func check(_ staffID: String?, on connection: Connection) throws {
        let resolved = try connection.query(StoredQuery.named("access/resolve_acting_staff", staffID))[0]
        guard let problem: String = try resolved["problem"] else { return }
        let rule: String? = try resolved["rule"]
        if rule == "unknown_staff" {
            throw CarelogError(
                .usage, "--by names no staff member: \(problem)",
                suggestion: "Give the staff ID of the person making the change (import staff first); nothing was written.")
        }
        throw CarelogError(
            .validation, (staffID.map { "--by \($0) is refused" } ?? "this login may not write") + " (\(rule ?? "access rule")): \(problem)",
            suggestion: "Nothing was written. --by names yourself; only a director records for a colleague.")
    }
}
