import Postgres

/// Who the audit trail names as having made a change.
enum ActingStaff {
    /// Checks that the staff member exists and records them for this transaction. An
    /// unknown ID is a usage error (exit 2), as every unknown code on the command line.
    static func set(_ staffID: String?, on connection: Connection) throws {
        guard let staffID else { return }
        try requireKnown(staffID, on: connection)
        try record(staffID, on: connection)
    }

    /// Records the staff member for this transaction without checking: for a writer
    /// that brings the staff table itself (`import bundle`), which checks with
    /// `requireKnown` once its staff rows are in, before it commits.
    static func record(_ staffID: String, on connection: Connection) throws {
        try connection.query(StoredQuery.named("audit/set_acting_staff", staffID))
    }

    /// Throws the usage error of an unknown `--by` unless the staff ID names a staff member.
    static func requireKnown(_ staffID: String, on connection: Connection) throws {
        let known = try connection.query(StoredQuery.named("audit/staff_exists", staffID))
        guard !known.isEmpty else {
            throw CarelogError(
                .usage, "--by names no staff member: there is no staff ID \"\(staffID)\"",
                suggestion: "Give the staff ID of the person making the change (import staff first); nothing was written.")
        }
    }
}
