import Postgres

/// The attendance already logged for one session, as the login may read it: what
/// `attendance record` must not rewrite unless asked to correct it.
struct SessionRecords {
    struct Record {
        var status: String
        var minutes: String?
        var recordedBy: String
        var recordedAt: String
    }

    private(set) var byMRN: [String: Record] = [:]
    private(set) var first: Record?

    var isEmpty: Bool { byMRN.isEmpty }
    var count: Int { byMRN.count }

    subscript(mrn: String) -> Record? { byMRN[mrn] }

    /// The session's records, oldest first (a session holds tens of rows, never a table).
    static func load(_ connection: Connection, groupCode: String, time: SessionTime) throws -> SessionRecords {
        var records = SessionRecords()
        for row in try connection.query(StoredQuery.named("attendance/session_records", groupCode, time.description)) {
            let record = Record(
                status: try row.decode("status"), minutes: try row["minutes_attended"],
                recordedBy: try row.decode("recorded_by"), recordedAt: try row.decode("recorded_at"))
            if records.first == nil { records.first = record }
            records.byMRN[try row.decode("mrn", as: String.self)] = record
        }
        return records
    }

    /// Refuses to write into a logged session unless the caller is correcting it:
    /// recording a roll into the wrong group or at the wrong time must never turn
    /// another therapist's absences into presences in silence.
    func refuseRewrite(groupCode: String, time: SessionTime, correcting: Bool, closedRoll: (by: String, at: String)? = nil) throws {
        if !correcting, let closedRoll {
            throw CarelogError(
                .validation, "the roll of \(groupCode) at \(time) was closed by \(closedRoll.by) at \(closedRoll.at)",
                suggestion: "Nothing was recorded. A sign-in after the roll was closed is a correction: run the command again "
                    + "with --correct --reason \"why\" (e.g. \"signed the sheet after the meeting\").")
        }
        guard !correcting, let first else { return }
        throw CarelogError(
            .validation,
            "\(groupCode) at \(time) already has \(count) attendance record\(count == 1 ? "" : "s") "
                + "(first logged by \(first.recordedBy) at \(first.recordedAt))",
            suggestion: "Nothing was recorded. Check the group and time with `carelog attendance roster --group \(groupCode) --at \"\(time)\"`; "
                + "to add to or change this roll, run the command again with --correct --reason \"why\".")
    }

    /// Refuses, unless correcting, a roll that gives a patient already recorded a
    /// different status: an open group's roll still open takes new sign-ins, but
    /// changing one taken is a correction.
    func refuseChangedStatus(_ entries: [(status: String, mrn: String)], groupCode: String, time: SessionTime, correcting: Bool) throws {
        guard !correcting else { return }
        let changed = entries.compactMap { entry -> String? in
            guard let earlier = byMRN[entry.mrn], earlier.status != entry.status else { return nil }
            return "\(entry.mrn) (recorded \(earlier.status.replacingOccurrences(of: "_", with: " ")) by \(earlier.recordedBy))"
        }
        guard !changed.isEmpty else { return }
        throw CarelogError(
            .validation, "\(groupCode) at \(time) already has a different record of \(changed.joined(separator: ", "))",
            suggestion: "Nothing was recorded. New sign-ins are added as they come; to change one already recorded, "
                + "run the command again with --correct --reason \"why\".")
    }

    /// Refuses a correction by a therapist who does not facilitate the session: the
    /// database would leave the rows as they are (row-level security), so carelog
    /// names the rule instead of reporting corrections that did not happen.
    static func requireMayCorrect(_ connection: Connection, groupCode: String, time: SessionTime, doing: String = "correct its records") throws {
        guard let row = try connection.query(StoredQuery.named("access/correction_problem", groupCode, time.description)).first else { return }
        let therapist = try row.decode("staff_id", as: String.self)
        throw CarelogError(
            .validation, "therapist \(therapist) does not facilitate \(groupCode) at \(time), so it cannot \(doing)",
            suggestion: "Only the session's facilitators, or a director, correct, void or close a logged roll. Nothing was written.")
    }
}
