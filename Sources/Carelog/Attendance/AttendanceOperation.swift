import Postgres

/// `carelog attendance record`: one session's attendance in one command, as a
/// therapist logs it right after the group.
public enum AttendanceOperation {
    /// The MRNs given for each status, in the order the options were given.
    public struct Roll: Sendable {
        public var entries: [(status: String, mrn: String)] = []
        public init() {}
        public mutating func add(_ status: String, _ mrns: [String]) {
            entries += mrns.map { (status, $0) }
        }
    }

    /// Records the roll for the session of `groupCode` starting at `startsAt` (site
    /// wall time, `YYYY-MM-DD HH:MM`), creating the session as held when it does not
    /// exist yet. The rows go through the same checks as an attendance import, in
    /// one transaction; a problem names the option that carried the MRN.
    @discardableResult
    public static func record(
        target: DatabaseTarget, groupCode: String, startsAt: String, by staffID: String, roll: Roll, console: Console
    ) throws -> ImportSummary {
        try checkRoll(roll)
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let labels = roll.entries.map { "--\($0.status.replacingOccurrences(of: "_", with: "-")) \($0.mrn)" }
        let summary = try ImportOperation.importing(connection: connection, dryRun: false) {
            try ActingStaff.set(staffID, on: connection)
            try AttendanceAccess.check(connection, groupCode: groupCode, startsAt: startsAt, mrns: roll.entries.map(\.mrn))
            try connection.query(ImportStatements.lock(.attendance))
            try createSessionIfMissing(connection, groupCode: groupCode, startsAt: startsAt, staffID: staffID)
            var csv = "group_code,starts_at,mrn,status,recorded_by\n"
            for entry in roll.entries {
                csv += [groupCode, startsAt, entry.mrn, entry.status, staffID].map(csvField).joined(separator: ",") + "\n"
            }
            let importer = Importer(connection: connection, kind: .attendance, console: nil, locate: { line in
                line >= 2 && line - 2 < labels.count ? labels[line - 2] : "line \(line)"
            })
            return try importer.run(.bytes(Array(csv.utf8)), dryRun: false)
        }
        console.print("\(groupCode) \(startsAt): \(summary.inserted) recorded, \(summary.updated) corrected, \(summary.unchanged) unchanged")
        return summary
    }

    private static func checkRoll(_ roll: Roll) throws {
        guard !roll.entries.isEmpty else {
            throw CarelogError(.usage, "no patients given", suggestion: "Name at least one MRN with --present, --late, --left-early, --excused or --absent.")
        }
        var seen: [String: String] = [:]
        for entry in roll.entries {
            if let earlier = seen[entry.mrn] {
                throw CarelogError(.usage, "MRN \(entry.mrn) is given twice (as \(earlier) and as \(entry.status))",
                                   suggestion: "Give each patient one status.")
            }
            seen[entry.mrn] = entry.status
        }
    }

    /// Creates the session as held, facilitated by the group's facilitator or, when
    /// the group has none, by the person recording. An unknown group or a malformed
    /// time is left for the attendance checks to report.
    private static func createSessionIfMissing(_ connection: Connection, groupCode: String, startsAt: String, staffID: String) throws {
        guard try connection.scalarBool("SELECT carelog.is_import_timestamp(\(startsAt)) AS ok") else {
            throw CarelogError(.usage, "--at \"\(startsAt)\" is not a time like 2026-10-05 07:30 (the site's local time)")
        }
        try connection.query("""
            INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
            SELECT g.id, carelog.to_site_instant(\(startsAt), st.timezone), coalesce(g.facilitator_id, by.id), 'held'
              FROM carelog.care_group AS g
              JOIN carelog.site AS st ON st.id = g.site_id
              JOIN carelog.staff AS by ON by.staff_id = \(staffID)
             WHERE g.group_code = \(groupCode)
               -- An existing session is not offered again: row-level security checks a
               -- proposed row before ON CONFLICT, and a therapist may record in a
               -- session it could not have created.
               AND NOT EXISTS (SELECT 1 FROM carelog.group_session AS s
                                WHERE s.group_id = g.id AND s.starts_at = carelog.to_site_instant(\(startsAt), st.timezone))
            ON CONFLICT (group_id, starts_at) DO NOTHING
            """)
    }

    private static func csvField(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
