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
    /// wall time, `YYYY-MM-DD HH:MM`). The session must exist — a typo in the time
    /// must never create a phantom session — unless `newSession` asks to create it
    /// (as held); a session that starts in the future is refused either way. The rows
    /// go through the same checks as an attendance import, in one transaction; a
    /// problem names the option that carried the MRN.
    @discardableResult
    public static func record(
        target: DatabaseTarget, groupCode: String, startsAt: String, by staffID: String, roll: Roll,
        newSession: Bool = false, console: Console
    ) throws -> ImportSummary {
        try checkRoll(roll)
        let time = try SessionTime(startsAt)
        let startsAt = time.description
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let labels = roll.entries.map { "--\($0.status.replacingOccurrences(of: "_", with: "-")) \($0.mrn)" }
        let summary = try ImportOperation.importing(connection: connection, dryRun: false) {
            // Who may write is settled before the lock, which a login without write
            // rights on attendance could not take: the refusal then names the rule.
            try ActingStaff.set(staffID, on: connection)
            try AttendanceAccess.check(connection, groupCode: groupCode, startsAt: startsAt, mrns: roll.entries.map(\.mrn))
            try connection.query(ImportStatements.lock(.attendance))
            try SessionCheck(connection: connection, groupCode: groupCode, time: time)
                .requireSession(creatingAs: newSession ? staffID : nil)
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

    private static func csvField(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
