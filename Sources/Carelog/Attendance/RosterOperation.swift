import Postgres

/// `carelog attendance roster`: who is expected at a session, with names, so that a
/// therapist can take the roll from it and record it with `--all-present` (a closed
/// group; an open group's roster is a sign-in list, docs/open-groups.md).
///
/// Expected means: enrolled on the session's day (a closed group), or attended the
/// group in the 14 days before the session (an open group, whose regulars are its
/// roster); in both cases only patients in care that day whom the group's gender
/// focus admits (`queries/attendance/roster.sql`).
public enum RosterOperation {
    public struct Entry: Sendable, Equatable {
        public var mrn: String
        public var firstName: String
        public var lastName: String
        /// The status already recorded for this session, if any.
        public var recordedStatus: String?
        /// False for a patient recorded for the session but not on its roster.
        public var expected: Bool
    }

    /// Prints the roster of the session of `groupCode` at `startsAt` (site wall
    /// time, or `HH:MM` for today); the session must be on the schedule.
    @discardableResult
    public static func show(
        target: DatabaseTarget, groupCode: String, startsAt: String, format: ListFormat = .text, console: Console
    ) throws -> [Entry] {
        let given = try SessionTime(startsAt)
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        var check = SessionCheck(connection: connection, groupCode: groupCode, time: given)
        let time = try check.requireScheduledSession()
        let groupCode = check.groupCode
        let entries = try Self.entries(connection: connection, groupCode: groupCode, time: time)
        let state = try RollState.load(connection, groupCode: groupCode, time: time)
        switch format {
        case .json:
            for entry in entries {
                console.print(JSONLine([
                    ("group_code", .string(groupCode)), ("starts_at", .string(time.description)),
                    ("mrn", .string(entry.mrn)), ("first_name", .string(entry.firstName)), ("last_name", .string(entry.lastName)),
                    ("expected", .boolean(entry.expected)), ("recorded_status", .string(entry.recordedStatus)),
                ]).text)
            }
        case .text:
            console.write(render(entries, groupCode: groupCode, time: time, rollState: state))
        }
        return entries
    }

    /// The roster of a session known to exist, expected patients first.
    static func entries(connection: Connection, groupCode: String, time: SessionTime) throws -> [Entry] {
        try connection.query(StoredQuery.named("attendance/roster", groupCode, time.description)).map { row in
            Entry(mrn: try row.decode("mrn"), firstName: try row.decode("first_name"), lastName: try row.decode("last_name"),
                  recordedStatus: try row["recorded_status"], expected: try row.decode("expected"))
        }
    }

    /// An open group's roster is a sign-in list (who may come: docs/open-groups.md),
    /// and its heading says whether the roll is closed.
    static func render(_ entries: [Entry], groupCode: String, time: SessionTime, rollState: RollState? = nil) -> String {
        let expected = entries.filter(\.expected).count
        let recorded = entries.filter { $0.recordedStatus != nil }.count
        let heading = rollState?.isOpenGroup == true
            ? "\(groupCode) \(time): sign-in list of \(expected) (who came in the 14 days before), \(recorded) signed in, roll "
                + (rollState?.closedBy.map { "closed by \($0) at \(rollState?.closedAt ?? "")" } ?? "open")
            : "\(groupCode) \(time): \(expected) expected, \(recorded) recorded"
        let text = heading.showingControlCharacters + "\n"
        guard !entries.isEmpty else {
            return text + "Nobody is expected: no enrolled patient (closed group) or recent attendee (open group) is in care that day.\n"
        }
        var table = PlainTable(["MRN", "Name", "Recorded", ""])
        for entry in entries {
            table.add([entry.mrn, entry.lastName + ", " + entry.firstName, entry.recordedStatus?.replacingOccurrences(of: "_", with: " ") ?? "-",
                       entry.expected ? nil : "not on the roster"])
        }
        return text + table.render()
    }
}
