import Postgres

/// Who the audit trail names as having made a change.
enum ActingStaff {
    /// Checks that the staff member exists and records them for this transaction. An
    /// unknown ID is a usage error (exit 2), as every unknown code on the command line.
    static func set(_ staffID: String?, on connection: Connection) throws {
        guard let staffID else { return }
        let known = try connection.query(StoredQuery.named("audit/staff_exists", staffID))
        guard !known.isEmpty else {
            throw CarelogError(
                .usage, "--by names no staff member: there is no staff ID \"\(staffID)\"",
                suggestion: "Give the staff ID of the person making the change (import staff first); nothing was written.")
        }
        try connection.query(StoredQuery.named("audit/set_acting_staff", staffID))
    }
}
