import Postgres

/// Names the access rule a therapist's roll breaks before anything is written.
///
/// Row-level security refuses the same rows (`therapist_all` on attendance); the
/// database's own error would only say "new row violates row-level security
/// policy", so the command asks first and says which patients and why.
enum AttendanceAccess {
    static func check(_ connection: Connection, groupCode: String, startsAt: String, mrns: [String]) throws {
        let rows = try connection.query(StoredQuery.named("access/attendance_write_problem", groupCode, startsAt, mrns))
        guard let row = rows.first else { return }
        let therapist = try row.decode("staff_id", as: String.self)
        let outside = try row.decode("outside", as: String.self)
        let count = try row.decode("outside_count", as: Int.self)
        let patients: String
        if count == mrns.count {
            patients = mrns.count == 1 ? "patient \(outside) is not in its caseload" : "none of these patients is in its caseload"
        } else {
            patients = count == 1 ? "patient \(outside) is not in its caseload" : "patients \(outside) are not in its caseload"
        }
        throw CarelogError(
            .validation, "therapist \(therapist) does not facilitate \(groupCode) and \(patients)",
            suggestion: "A therapist records attendance for the groups it facilitates and for the patients of its caseload; "
                + "a director may record for others. Nothing was written.")
    }
}
