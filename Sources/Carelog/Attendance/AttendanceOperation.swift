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
    /// wall time, `YYYY-MM-DD HH:MM`, or `HH:MM` for today). The session must exist —
    /// a typo in the time must never create a phantom session — unless `newSession`
    /// asks to create it (as held); a session that starts in the future is refused
    /// either way. With `allPresent`, every patient of the session's roster (see
    /// `RosterOperation`) not named in `roll` is recorded present. The rows go through
    /// the same checks as an attendance import, in one transaction; a problem names
    /// the option that carried the MRN.
    @discardableResult
    public static func record(
        target: DatabaseTarget, groupCode: String, startsAt: String, by staffID: String, roll: Roll,
        newSession: Bool = false, allPresent: Bool = false, console: Console
    ) throws -> ImportSummary {
        try checkRoll(roll, allPresent: allPresent)
        let given = try SessionTime(startsAt)
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        var check = SessionCheck(connection: connection, groupCode: groupCode, time: given)
        var recordedFor = "\(groupCode) \(given)"
        var roll = roll
        let summary = try ImportOperation.importing(connection: connection, dryRun: false, wording: .command(what: recordedFor)) {
            // Who may write is settled before the lock, which a login without write
            // rights on attendance could not take: the refusal then names the rule.
            try ActingStaff.set(staffID, on: connection)
            try AttendanceAccess.check(connection, groupCode: groupCode, startsAt: given.description, mrns: roll.entries.map(\.mrn))
            try connection.query(ImportStatements.lock(.attendance))
            let time = try check.requireSession(creatingAs: newSession ? staffID : nil)
            recordedFor = "\(groupCode) \(time)"
            if allPresent {
                let named = Set(roll.entries.map(\.mrn))
                let roster = try RosterOperation.entries(connection: connection, groupCode: groupCode, time: time)
                roll.add("all_present", roster.filter { $0.expected && !named.contains($0.mrn) }.map(\.mrn))
                guard !roll.entries.isEmpty else {
                    throw CarelogError(.validation, "the roster of \(groupCode) at \(time) is empty",
                                       suggestion: "Name the patients with --present, --late, --left-early, --excused or --absent; nothing was recorded.")
                }
                try AttendanceAccess.check(connection, groupCode: groupCode, startsAt: time.description, mrns: roll.entries.map(\.mrn))
            }
            let labels = roll.entries.map { "--\($0.status.replacingOccurrences(of: "_", with: "-")) \($0.mrn)" }
            var csv = "group_code,starts_at,mrn,status,recorded_by\n"
            for entry in roll.entries {
                let status = entry.status == "all_present" ? "present" : entry.status
                csv += [groupCode, time.description, entry.mrn, status, staffID].map(csvField).joined(separator: ",") + "\n"
            }
            let importer = Importer(connection: connection, kind: .attendance, console: nil, locate: { line in
                line >= 2 && line - 2 < labels.count ? labels[line - 2] : "line \(line)"
            })
            return try importer.run(.bytes(Array(csv.utf8)), dryRun: false)
        }
        console.print("\(recordedFor): \(summary.inserted) recorded, \(summary.updated) corrected, \(summary.unchanged) unchanged")
        return summary
    }

    private static func checkRoll(_ roll: Roll, allPresent: Bool) throws {
        guard !roll.entries.isEmpty || allPresent else {
            throw CarelogError(.usage, "no patients given",
                               suggestion: "Name at least one MRN with --present, --late, --left-early, --excused or --absent, or give --all-present.")
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
