import Postgres

/// `carelog today`: a therapist's day — the sessions they facilitate, each with its
/// time, the size of its roster, whether its attendance is logged and the state of its
/// note (docs/notes.md).
public enum TodayOperation {
    public struct Session: Sendable, Equatable {
        public var day: String
        public var time: String
        public var groupCode: String
        public var groupName: String
        public var kind: String
        public var status: String
        public var rosterSize: Int
        public var recorded: Int
        public var inFuture: Bool
        /// An open group's roll was closed by its facilitator (sql/019).
        public var rollClosed: Bool
        /// The session's note (carelog.note_state): empty when none is due (cancelled,
        /// or nobody attended), else `missing`, `draft`, `awaiting co-signature`, `signed`.
        public var note: String

        /// The note's state in the text table, short enough for 100 columns.
        var noteColumn: String {
            switch note {
            case "": "-"
            case "awaiting co-signature": "co-sign due"
            default: note
            }
        }

        /// `logged`, `not logged`, `not started` or `cancelled`; for an open group,
        /// whose records are sign-ins, `3 signed in, roll closed` or `… roll open`
        /// (docs/open-groups.md).
        public var attendance: String {
            if status == "cancelled" { return "cancelled" }
            if kind == "open" {
                if inFuture && !rollClosed { return "not started" }
                return "\(recorded) signed in, roll \(rollClosed ? "closed" : "open")"
            }
            if recorded > 0 { return "logged" }
            return inFuture ? "not started" : "not logged"
        }

        /// Logged: a closed group's roll has records, an open group's is closed.
        public var needsRoll: Bool {
            status != "cancelled" && !inFuture && (kind == "open" ? !rollClosed : recorded == 0)
        }
    }

    /// Prints the sessions `staffID` facilitates on `day` (`YYYY-MM-DD`, or nil for
    /// today at each group's site).
    @discardableResult
    public static func show(
        target: DatabaseTarget, staffID: String, day: String?, format: ListFormat = .text, console: Console
    ) throws -> [Session] {
        if let day, !CalendarDate.isValid(day) {
            throw CarelogError(.usage, "--date \"\(day)\" is not a date like 2026-10-05", suggestion: "Give the day as YYYY-MM-DD.")
        }
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        guard try !connection.query(StoredQuery.named("audit/staff_exists", staffID)).isEmpty else {
            throw CarelogError(.usage, "--by names no staff member: there is no staff ID \"\(staffID)\"",
                               suggestion: "Give your own staff ID with --by (or set CARELOG_STAFF_ID).")
        }
        var sessions: [Session] = []
        for row in try connection.query(StoredQuery.named("attendance/facilitated_sessions", staffID, day)) {
            let groupCode: String = try row.decode("group_code")
            let day: String = try row.decode("local_day")
            let time: String = try row.decode("local_time")
            let roster = try RosterOperation.entries(connection: connection, groupCode: groupCode, time: try SessionTime("\(day) \(time)"))
            sessions.append(Session(
                day: day, time: time, groupCode: groupCode, groupName: try row.decode("group_name"), kind: try row.decode("kind"),
                status: try row.decode("status"), rosterSize: roster.filter(\.expected).count,
                recorded: Int(try row.decode("recorded", as: Int64.self)), inFuture: try row.decode("in_future"),
                rollClosed: try row.decode("roll_closed"), note: try row.decode("note")))
        }
        switch format {
        case .json:
            for session in sessions {
                console.print(JSONLine([
                    ("staff_id", .string(staffID)), ("day", .string(session.day)), ("time", .string(session.time)),
                    ("group_code", .string(session.groupCode)), ("group_name", .string(session.groupName)),
                    ("kind", .string(session.kind)), ("status", .string(session.status)),
                    ("roster", .integer(session.rosterSize)), ("recorded", .integer(session.recorded)),
                    ("attendance", .string(session.attendance)),
                    ("roll_closed", .boolean(session.kind == "open" ? session.rollClosed : nil)),
                    ("note", .string(session.note)),
                ]).text)
            }
        case .text:
            console.write(render(sessions, staffID: staffID, day: day))
        }
        return sessions
    }

    static func render(_ sessions: [Session], staffID: String, day: String?) -> String {
        let when = day.map { "on \($0)" } ?? "today"
        guard !sessions.isEmpty else {
            return "\(staffID) facilitates no session \(when).".showingControlCharacters + "\n"
        }
        var text = "Sessions of \(staffID) \(when):".showingControlCharacters + "\n"
        // No kind column: an open group's attendance reads "N signed in, roll …".
        var table = PlainTable(["Time", "Group", "Name", "Roster", "Recorded", "Attendance", "Note"], rightAligned: [3, 4])
        for session in sessions {
            table.add([session.time, session.groupCode, session.groupName.shortened(to: 24),
                       String(session.rosterSize), String(session.recorded), session.attendance, session.noteColumn])
        }
        text += table.render()
        var nextSteps: [String] = []
        let pending = sessions.filter(\.needsRoll)
        if let first = pending.first {
            nextSteps.append(first.kind == "open"
                ? "Not logged yet: \(pending.count). The first is a sign-in list: carelog attendance record --group \(first.groupCode) --at \"\(first.day) \(first.time)\" --present MRN… --done"
                : "Not logged yet: \(pending.count). The roll of the first: carelog attendance roster --group \(first.groupCode) --at \"\(first.day) \(first.time)\"")
        }
        let unsigned = sessions.filter { $0.note == "missing" || $0.note == "draft" }
        if let first = unsigned.first {
            let command = first.note == "missing" ? "note draft" : "note sign"
            nextSteps.append("Notes not signed: \(unsigned.count). The first: carelog \(command) --group \(first.groupCode) --at \"\(first.day) \(first.time)\"")
        }
        if !nextSteps.isEmpty {
            text += "\n" + nextSteps.map { $0.showingControlCharacters + "\n" }.joined()
        }
        return text
    }
}
