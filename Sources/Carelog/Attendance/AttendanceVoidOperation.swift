import Postgres

/// `carelog attendance void`: removes attendance records that should never have
/// been logged (the wrong patient, a session that did not take place for them).
/// The database keeps each voided record, with who voided it, when and why, in
/// `attendance_void` and the audit trail; it leaves every count (sql/016).
public enum AttendanceVoidOperation {
    /// Voids the records of `mrns` in the session of `groupCode` at `startsAt`; all or
    /// nothing: an MRN without a record (or one the login may not void) refuses the lot.
    @discardableResult
    public static func void(
        target: DatabaseTarget, groupCode: String, startsAt: String, mrns: [String], reason: String, by staffID: String?,
        console: Console
    ) throws -> [(mrn: String, status: String)] {
        guard !mrns.isEmpty else {
            throw CarelogError(.usage, "no patients given", suggestion: "Name the MRNs whose records are voided with --mrn.")
        }
        let reason = try ChangeReason.checked(reason)
        let given = try SessionTime(startsAt)
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        var check = SessionCheck(connection: connection, groupCode: groupCode, time: given)
        let (time, voided) = try connection.transaction {
            try ActingStaff.setForRecords(staffID, on: connection)
            let time = try check.requireScheduledSession()
            let groupCode = check.groupCode
            try SessionRecords.requireMayCorrect(connection, groupCode: groupCode, time: time)
            try connection.query(StoredQuery.named("attendance/set_change_reason", reason))
            let voided = try connection.query(StoredQuery.named("attendance/void", groupCode, time.description, mrns)).map {
                (mrn: try $0.decode("mrn", as: String.self), status: try $0.decode("status", as: String.self))
            }
            let missing = mrns.filter { mrn in !voided.contains { $0.mrn == mrn } }
            guard missing.isEmpty else {
                throw CarelogError(
                    .validation, "\(groupCode) at \(time) has no record of \(missing.joined(separator: ", ")) that this login may void",
                    suggestion: "Check the MRNs with `carelog attendance roster --group \(groupCode) --at \"\(time)\"`; nothing was voided.")
            }
            return (time, voided)
        }
        for record in voided { console.print("  \(record.mrn) \(record.status) → voided") }
        console.print("\(groupCode) \(time): \(voided.count) record\(voided.count == 1 ? "" : "s") voided (kept with the reason in the audit trail)")
        return voided
    }
}
