import Postgres

/// Whether a session is an open group's, whose roll is a sign-in list closed by its
/// facilitator, and if so whether it is closed (docs/open-groups.md, sql/019).
struct RollState {
    var isOpenGroup: Bool
    /// Who closed the roll, and when (site-local): nil while it is open.
    var closedBy: String?
    var closedAt: String?

    /// The state of a session known to exist.
    static func load(_ connection: Connection, groupCode: String, time: SessionTime) throws -> RollState {
        guard let row = try connection.query(StoredQuery.named("attendance/roll_state", groupCode, time.description)).first else {
            return RollState(isOpenGroup: false)
        }
        return RollState(isOpenGroup: try row.decode("kind", as: String.self) == "open",
                         closedBy: try row["closed_by"], closedAt: try row["closed_at"])
    }

    /// Refuses what does not fit the group's kind: `--all-present` on a sign-in list,
    /// `--done` on a closed group or on a roll closed already.
    func check(groupCode: String, time: SessionTime, allPresent: Bool, done: Bool, correcting: Bool) throws {
        if allPresent && isOpenGroup {
            throw CarelogError(
                .validation,
                "\(groupCode) is an open group: its roster is a sign-in list (who came in the last 14 days), not who is expected, "
                    + "so --all-present would mark people who did not come",
                suggestion: "Record who signed in with --present (--late, --left-early), and close the roll with --done once the "
                    + "sign-ins are complete; nothing was recorded.")
        }
        if done && !isOpenGroup {
            throw CarelogError(
                .validation, "\(groupCode) is a closed group: its roll is logged by its records, there is no roll to close",
                suggestion: "Leave out --done (it closes the sign-in list of an open group); nothing was recorded.")
        }
        if done, let closedBy {
            throw CarelogError(
                .validation, "the roll of \(groupCode) at \(time) was closed by \(closedBy) at \(closedAt ?? "")",
                suggestion: "A later sign-in is a correction: run again without --done, with --correct --reason \"why\"; nothing was recorded.")
        }
    }
}
