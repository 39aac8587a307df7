import Postgres

/// `carelog board`: a supervisor's view of one day — every session across groups, by
/// facilitator, with the state of its roll (not logged, roll open, logged) and of its
/// note (missing, draft, awaiting co-signature, signed), so that what is left to do
/// that day (or yesterday) is one command away (docs/paperwork.md).
///
/// Everything is read under the caller's row-level security
/// (`queries/board/day_sessions.sql`): a therapist sees its own sessions and those of
/// its patients, a director its site's. The board holds counts, never a patient.
public enum BoardOperation {
    public enum Format: String, Sendable, CaseIterable {
        case text, csv, json
    }

    public struct Session: Sendable, Equatable {
        public var facilitatorID: String
        public var facilitatorName: String
        public var siteCode: String
        public var day: String
        public var time: String
        public var groupCode: String
        public var groupName: String
        public var kind: String
        public var status: String
        /// Patients the roster expects (a closed group's enrolled, an open group's
        /// sign-in list); nil for a cancelled session.
        public var roster: Int?
        public var recorded: Int
        public var attended: Int
        /// `cancelled`, `not started`, `not logged`, `roll open` or `logged`.
        public var attendance: String
        /// `missing`, `draft`, `awaiting co-signature`, `signed`, or empty (nobody attended).
        public var note: String
    }

    /// Prints the board of `day` (`YYYY-MM-DD`, or nil for today at each site),
    /// of one site or all.
    @discardableResult
    public static func show(
        target: DatabaseTarget, day: String?, site: String?, format: Format = .text, console: Console
    ) throws -> [Session] {
        if let day, !CalendarDate.isValid(day) {
            throw CarelogError(.usage, "--date \"\(day)\" is not a date like 2026-10-05", suggestion: "Give the day as YYYY-MM-DD.")
        }
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let sessions = try connection.transaction(.snapshot) { () -> [Session] in
            if let site { try KnownSite.require(site, on: connection) }
            return try connection.query(StoredQuery.named("board/day_sessions", day, site)).map { row in
                let status: String = try row.decode("status")
                let groupCode: String = try row.decode("group_code")
                let localDay: String = try row.decode("local_day")
                let time: String = try row.decode("local_time")
                let roster = status == "cancelled" ? nil
                    : try RosterOperation.entries(connection: connection, groupCode: groupCode, time: try SessionTime("\(localDay) \(time)"))
                        .filter(\.expected).count
                return Session(
                    facilitatorID: try row.decode("facilitator_id"), facilitatorName: try row.decode("facilitator_name"),
                    siteCode: try row.decode("site_code"), day: localDay, time: time, groupCode: groupCode,
                    groupName: try row.decode("group_name"), kind: try row.decode("kind"), status: status, roster: roster,
                    recorded: Int(try row.decode("recorded", as: Int64.self)), attended: Int(try row.decode("attended", as: Int64.self)),
                    attendance: try row.decode("attendance"), note: try row.decode("note"))
            }
        }
        switch format {
        case .text:
            console.write(render(sessions, day: day, site: site))
        case .json:
            for session in sessions {
                console.print(JSONLine(fields(session).map { ($0.0, $0.1) }).text)
            }
        case .csv:
            var writer = CSVWriter { console.write($0) }
            let header = fields(nil)
            try writer.writeRow(header.map(\.0), numeric: header.map { _ in false })
            for session in sessions {
                let values = fields(session)
                try writer.writeRow(values.map { value -> String? in
                    switch value.1 {
                    case .string(let text): return text
                    case .integer(let number): return number.map(String.init)
                    default: return nil
                    }
                }, numeric: values.map { if case .integer = $0.1 { return true }; return false })
            }
        }
        return sessions
    }

    /// The columns of the CSV and the keys of the JSON, in order (`nil`: the names only).
    private static func fields(_ session: Session?) -> [(String, JSONLine.Value)] {
        [("day", .string(session?.day)), ("time", .string(session?.time)), ("site_code", .string(session?.siteCode)),
         ("facilitator_id", .string(session?.facilitatorID)), ("facilitator_name", .string(session?.facilitatorName)),
         ("group_code", .string(session?.groupCode)), ("group_name", .string(session?.groupName)), ("kind", .string(session?.kind)),
         ("status", .string(session?.status)), ("roster", .integer(session?.roster)), ("recorded", .integer(session?.recorded)),
         ("attended", .integer(session?.attended)), ("attendance", .string(session?.attendance)), ("note", .string(session?.note))]
    }

    /// Sections by facilitator, each an aligned table that reads at 100 columns, and
    /// the day's totals.
    static func render(_ sessions: [Session], day: String?, site: String?) -> String {
        let days = Set(sessions.map(\.day)).sorted()
        let when = day ?? (days.count == 1 ? "today (\(days[0]))" : "today")
        let scope = site.map { " at site \($0)" } ?? ""
        guard !sessions.isEmpty else {
            return "No session on \(when)\(scope).".showingControlCharacters + "\n"
        }
        func counted(_ values: [String], _ order: [String]) -> String {
            order.compactMap { state in
                let count = values.filter { $0 == state }.count
                return count == 0 ? nil : "\(count) \(state)"
            }.joined(separator: ", ")
        }
        let attendance = counted(sessions.map(\.attendance), ["not logged", "roll open", "logged", "not started", "cancelled"])
        let notes = counted(sessions.map(\.note), ["missing", "draft", "awaiting co-signature", "signed"])
        var text = "Board of \(when)\(scope): \(sessions.count) session\(sessions.count == 1 ? "" : "s"); \(attendance)"
            + (notes.isEmpty ? "" : "; notes: \(notes)") + "\n"
        var start = sessions.startIndex
        while start < sessions.endIndex {
            let facilitator = sessions[start].facilitatorID
            let end = sessions[start...].firstIndex { $0.facilitatorID != facilitator } ?? sessions.endIndex
            let own = sessions[start..<end]
            let name = own.first.map { $0.facilitatorName.isEmpty ? $0.facilitatorID : "\($0.facilitatorName) (\($0.facilitatorID))" } ?? ""
            text += "\n" + "\(name): \(own.count) session\(own.count == 1 ? "" : "s")".showingControlCharacters + "\n"
            var table = PlainTable(["Time", "Group", "Name", "Roster", "Recorded", "Attendance", "Note"], rightAligned: [3, 4])
            for session in own {
                table.add([days.count > 1 ? "\(session.day) \(session.time)" : session.time, session.groupCode,
                           session.groupName.shortened(to: 26), session.roster.map(String.init) ?? "-", String(session.recorded),
                           session.attendance, session.note.isEmpty ? "-" : session.note])
            }
            text += table.render(indent: "  ")
            start = end
        }
        return text
    }
}
