import Foundation
import Postgres

/// `carelog attendance record`: one session's attendance in one command, as a
/// therapist logs it right after the group.
public enum AttendanceOperation {
    /// The MRNs given for each status, in the order the options were given.
    public struct Roll: Sendable {
        public var entries: [(status: String, mrn: String)] = []
        public init() {}
        /// `mrns` as typed: a comma-separated list counts as several (MRNList).
        public mutating func add(_ status: String, _ mrns: [String]) {
            let split = (try? MRNList.split(mrns)) ?? mrns
            entries += split.map { (status, $0) }
        }
    }

    /// Records the roll for the session of `groupCode` starting at `startsAt` (site
    /// wall time, `YYYY-MM-DD HH:MM`, or `HH:MM` for today). The session must exist —
    /// a typo in the time must never create a phantom session — unless `newSession`
    /// asks to create it (as held); a session that starts in the future is refused
    /// either way. With `allPresent`, every patient of the session's roster (see
    /// `RosterOperation`) not named in `roll` and not recorded yet is recorded present.
    /// The rows go through the same checks as an attendance import, in one
    /// transaction; a problem names the option that carried the MRN.
    ///
    /// A session that already has records is someone's logged roll: it is refused
    /// unless `correctionReason` is given (`--correct --reason`), so that a wrong
    /// group code or time never rewrites it in silence. A correction lists each
    /// change; the database keeps the original recorder and time beside the
    /// corrector, time and reason (docs/record-integrity.md).
    ///
    /// An open group's roll is a sign-in list (docs/open-groups.md): `--all-present`
    /// is refused there; sign-ins are added while the roll is open, and `done` closes
    /// it (with or without sign-ins in the same command). Once closed, a later
    /// sign-in is a correction with a reason.
    @discardableResult
    public static func record(
        target: DatabaseTarget, groupCode: String, startsAt: String, by staffID: String, roll: Roll,
        newSession: Bool = false, allPresent: Bool = false, correctionReason: String? = nil, done: Bool = false,
        console: Console
    ) throws -> ImportSummary {
        try checkRoll(roll, allPresent: allPresent, done: done)
        let correctionReason = try ChangeReason.checked(correctionReason)
        let given = try SessionTime(startsAt)
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        var check = SessionCheck(connection: connection, groupCode: groupCode, time: given)
        var recordedFor = "\(groupCode) \(given)"
        var roll = roll
        var changes: [String] = []
        var closed: Int?
        let summary = try ImportOperation.importing(connection: connection, dryRun: false, wording: .command(what: recordedFor)) {
            // Who may write is settled before the lock, which a login without write
            // rights on attendance could not take: the refusal then names the rule.
            try ActingStaff.setForRecords(staffID, on: connection)
            try AttendanceAccess.check(connection, groupCode: groupCode, startsAt: given.description, mrns: roll.entries.map(\.mrn))
            try connection.query(ImportStatements.lock(.attendance))
            let time = try check.requireSession(creatingAs: newSession ? staffID : nil)
            let groupCode = check.groupCode
            recordedFor = "\(groupCode) \(time)"
            let logged = try SessionRecords.load(connection, groupCode: groupCode, time: time)
            let state = try RollState.load(connection, groupCode: groupCode, time: time)
            try state.check(groupCode: groupCode, time: time, allPresent: allPresent, done: done, correcting: correctionReason != nil)
            if state.isOpenGroup && state.closedBy == nil {
                // A roll still open takes more sign-ins; changing one already taken is a correction.
                try logged.refuseChangedStatus(roll.entries, groupCode: groupCode, time: time, correcting: correctionReason != nil)
            } else {
                try logged.refuseRewrite(groupCode: groupCode, time: time, correcting: correctionReason != nil,
                                         closedRoll: state.closedBy.map { ($0, state.closedAt ?? "") })
            }
            if done { try SessionRecords.requireMayCorrect(connection, groupCode: groupCode, time: time, doing: "close its roll") }
            if let correctionReason {
                try SessionRecords.requireMayCorrect(connection, groupCode: groupCode, time: time)
                try connection.query(StoredQuery.named("attendance/set_change_reason", correctionReason))
            }
            if allPresent {
                let named = Set(roll.entries.map(\.mrn))
                let roster = try RosterOperation.entries(connection: connection, groupCode: groupCode, time: time)
                roll.add("all_present", roster.filter { $0.expected && !named.contains($0.mrn) && logged[$0.mrn] == nil }.map(\.mrn))
                guard !roll.entries.isEmpty || logged.isEmpty else {
                    throw CarelogError(.validation, "everyone on the roster of \(groupCode) at \(time) is recorded already",
                                       suggestion: "--all-present never changes a recorded status: name the patients whose record changes; nothing was written.")
                }
                guard !roll.entries.isEmpty else {
                    throw CarelogError(.validation, "the roster of \(groupCode) at \(time) is empty",
                                       suggestion: "Name the patients with --present, --late, --left-early, --excused or --absent; nothing was recorded.")
                }
                try AttendanceAccess.check(connection, groupCode: groupCode, startsAt: time.description, mrns: roll.entries.map(\.mrn))
            }
            let labels = roll.entries.map { "--\($0.status.replacingOccurrences(of: "_", with: "-")) \($0.mrn)" }
            var csv = "group_code,starts_at,mrn,status,minutes_attended,recorded_by\n"
            for entry in roll.entries {
                let status = entry.status == "all_present" ? "present" : entry.status
                let earlier = logged[entry.mrn]
                if let earlier, earlier.status != status { changes.append("\(entry.mrn) \(earlier.status) → \(status)") }
                // Minutes stand for the status they were counted under: a changed status drops them.
                let minutes = earlier.flatMap { $0.status == status ? $0.minutes : nil } ?? ""
                csv += [groupCode, time.description, entry.mrn, status, minutes, staffID].map(CommandRecords.field).joined(separator: ",") + "\n"
            }
            var result = ImportSummary(kind: ImportKind.attendance.name, records: 0, inserted: 0, updated: 0, unchanged: 0, dryRun: false)
            if !roll.entries.isEmpty {
                let importer = Importer(connection: connection, kind: .attendance, console: nil, locate: { line in
                    line >= 2 && line - 2 < labels.count ? labels[line - 2] : "line \(line)"
                })
                result = try importer.run(.bytes(Array(csv.utf8)), dryRun: false)
            }
            if done {
                try connection.query(StoredQuery.named("attendance/close_roll", groupCode, time.description))
                closed = logged.count + result.inserted
            }
            return result
        }
        for change in changes { console.print("  " + change) }
        if !roll.entries.isEmpty || closed == nil {
            console.print("\(recordedFor): \(summary.inserted) recorded, \(summary.updated) corrected, \(summary.unchanged) unchanged")
        }
        if let closed {
            console.print("\(recordedFor): roll closed, \(closed) signed in")
        }
        return summary
    }

    private static func checkRoll(_ roll: Roll, allPresent: Bool, done: Bool) throws {
        guard !roll.entries.isEmpty || allPresent || done else {
            throw CarelogError(.usage, "no patients given",
                               suggestion: "Name at least one MRN with --present, --late, --left-early, --excused or --absent, or give --all-present "
                                   + "(a closed group) or --done (an open group's roll, closed).")
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
}
