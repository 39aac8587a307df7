import Postgres

/// Who the audit trail names as having made a change.
///
/// The database decides (`carelog.resolve_acting_staff`, asked again by the audit
/// trigger for every write): a carelog login is its own staff member, and only a
/// director's login may name a colleague with `--by`. Asking here first lets the
/// command refuse before writing anything, with a message that names the rule.
enum ActingStaff {
    /// Checks `--by` against the login and records it for this transaction: for the
    /// run log and disclosure records, which every login (an auditor's included)
    /// writes as itself.
    static func set(_ staffID: String?, on connection: Connection) throws {
        try check(staffID, on: connection)
        guard let staffID else { return }
        try record(staffID, on: connection)
    }

    /// As `set`, for a write of records (attendance, imports, closing a month): an
    /// auditor's login writes none, and is told so by the rule's name before
    /// anything is written (its grants would refuse the write anyway).
    static func setForRecords(_ staffID: String?, on connection: Connection) throws {
        try check(staffID, on: connection, writingRecords: true)
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
    static func check(_ staffID: String?, on connection: Connection, writingRecords: Bool = false) throws {
        let resolved = try connection.query(StoredQuery.named("access/resolve_acting_staff", staffID))[0]
        var problem: String? = try resolved["problem"]
        var rule: String? = try resolved["rule"]
        if problem == nil, writingRecords, try resolved["login_role"] == "auditor" {
            let me: String = try resolved.decode("staff_id")
            problem = "\(me) is an auditor, and auditors write no records"
            rule = "auditors_write_nothing"
        }
        guard let problem else { return }
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
