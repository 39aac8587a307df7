import Postgres

/// `carelog group enroll|unenroll`: a closed group's membership changed without a CSV,
/// through the enrollments import (CommandRecords): the same rules as a file (a known
/// patient and group, no overlapping enrollment, an end not before the start and not
/// before attendance already recorded), all or nothing, audited. Care and gender focus
/// are the attendance rules' to check, as for an imported roster.
public enum EnrollmentCommands {
    /// Enrolls every patient from `day` (default: today at the group's site).
    @discardableResult
    public static func enroll(
        target: DatabaseTarget, groupCode: String, mrns: [String], from day: String?, by staffID: String?, console: Console
    ) throws -> ImportSummary {
        try EpisodeCommands.checkDay(day, option: "--from")
        let mrns = try MRNList.split(mrns)
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let group = try SessionCheck.knownGroup(connection, groupCode: groupCode)
        let groupCode = group.code
        let startsOn = day ?? group.localToday
        var records = CommandRecords(.enrollments, columns: ["group_code", "mrn", "starts_on", "ends_on"],
                                     options: ["group_code": "--group", "starts_on": "--from"])
        for mrn in mrns { records.add([groupCode, mrn, startsOn, ""], label: mrn) }
        let summary = try records.write(connection: connection, actingStaff: staffID, what: "the enrollment in \(groupCode)")
        console.print("\(groupCode) from \(startsOn): \(summary.inserted) enrolled, \(summary.unchanged) enrolled already")
        return summary
    }

    /// Ends the patient's enrollment that covers `lastDay` on that day (inclusive;
    /// default: today at the group's site).
    @discardableResult
    public static func unenroll(
        target: DatabaseTarget, groupCode: String, mrn: String, lastDay: String?, by staffID: String?, console: Console
    ) throws -> ImportSummary {
        try EpisodeCommands.checkDay(lastDay, option: "--last-day")
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let groupCode = try SessionCheck.knownGroup(connection, groupCode: groupCode).code
        let row = try connection.query(StoredQuery.named("attendance/enrollment_on", groupCode, mrn, lastDay))[0]
        let day: String = try row.decode("day")
        guard let startsOn: String = try row["starts_on"] else {
            throw CarelogError(.validation, "\(mrn) is not enrolled in \(groupCode) on \(day)",
                               suggestion: "Give the last day of an enrollment with --last-day (`carelog attendance roster --group \(groupCode) --at \"\(day) HH:MM\"` lists who is enrolled); nothing was written.")
        }
        var records = CommandRecords(.enrollments, columns: ["group_code", "mrn", "starts_on", "ends_on"],
                                     options: ["group_code": "--group", "ends_on": "--last-day"])
        records.add([groupCode, mrn, startsOn, day], label: mrn)
        let summary = try records.write(connection: connection, actingStaff: staffID, what: "the enrollment of \(mrn) in \(groupCode)")
        console.print("\(mrn) leaves \(groupCode): enrolled from \(startsOn), last day \(day)")
        return summary
    }
}
