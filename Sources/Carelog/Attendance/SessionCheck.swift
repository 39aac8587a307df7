import Postgres

/// Finds the session that `attendance record` or `attendance roster` names, so that
/// a mistyped group or time is refused with what the person meant, instead of
/// creating a phantom session or one error per MRN.
struct SessionCheck {
    let connection: Connection
    /// The code as given; once a `require…` found the group, its code as stored (a
    /// lower-case `s01-wpg-a` becomes S01-WPG-A), for what the command prints.
    private(set) var groupCode: String
    /// The time as given; a time without a day is completed with the group's local
    /// today by `requireSession`.
    private(set) var time: SessionTime

    init(connection: Connection, groupCode: String, time: SessionTime) {
        self.connection = connection
        self.groupCode = groupCode
        self.time = time
    }

    /// Makes sure the session exists, has started and can take attendance, and
    /// returns its time with the day filled in.
    ///
    /// - Parameter creatingAs: with `--new-session`, the staff ID recording: a
    ///   missing session is then created as held (never one in the future).
    @discardableResult
    mutating func requireSession(creatingAs staffID: String?) throws -> SessionTime {
        time = time.on(try requireGroup())
        if let session = try connection.query(StoredQuery.named("attendance/session_at", groupCode, time.description)).first {
            if try session.decode("in_future", as: Bool.self) {
                throw CarelogError(.validation, "the session of \(groupCode) at \(time) has not started yet",
                                   suggestion: "Attendance is recorded once a session has started; nothing was recorded.")
            }
            return time
        }
        guard let staffID else {
            throw CarelogError(.validation, "\(groupCode) has no session at \(time)", suggestion: try sessionsOfDay()
                + " Give the time of one of them with --at, or add --new-session to record a session that is not on the schedule; nothing was recorded.")
        }
        let created = try connection.query(StoredQuery.named("attendance/create_session", groupCode, time.description, staffID))
        if created.affectedRows == 0, try connection.query(StoredQuery.named("attendance/session_at", groupCode, time.description)).isEmpty {
            throw CarelogError(.validation, "\(time) is in the future: a session is created only once it has started",
                               suggestion: "Check the date and time given with --at; nothing was recorded.")
        }
        return time
    }

    /// Makes sure the session exists (whether it has started or not, for a roster read
    /// ahead of the group) and returns its time with the day filled in.
    mutating func requireScheduledSession() throws -> SessionTime {
        time = time.on(try requireGroup())
        guard try connection.query(StoredQuery.named("attendance/session_at", groupCode, time.description)).first != nil else {
            throw CarelogError(.validation, "\(groupCode) has no session at \(time)", suggestion: try sessionsOfDay()
                + " Give the time of one of them with --at.")
        }
        return time
    }

    /// Refuses an unknown group once, with the codes it may have meant; returns the
    /// group's local date today.
    mutating func requireGroup() throws -> String {
        let group = try Self.knownGroup(connection, groupCode: groupCode)
        groupCode = group.code
        return group.localToday
    }

    /// Refuses an unknown group once, with the codes it may have meant; returns the
    /// group's local date today.
    static func requireGroup(_ connection: Connection, groupCode: String) throws -> String {
        try knownGroup(connection, groupCode: groupCode).localToday
    }

    /// The group a --group names (its code as stored: `s01-wpg-a` is S01-WPG-A, see
    /// carelog.known_group_code), with its site's date today; refuses an unknown group.
    /// A group named on the command line, as stored (`attendance/group`).
    struct KnownGroup {
        /// The code as stored (the one typed may differ in case).
        let code: String
        /// The group's site's local date today.
        let localToday: String
        /// The facilitator's staff ID; nil when the group has none.
        let facilitator: String?
    }

    /// The group `groupCode` names, or a usage error with the codes it may have meant.
    static func knownGroup(_ connection: Connection, groupCode: String) throws -> KnownGroup {
        if let group = try connection.query(StoredQuery.named("attendance/group", groupCode)).first {
            let facilitator: String = try group.decode("facilitator")
            return KnownGroup(code: try group.decode("group_code"), localToday: try group.decode("local_today"),
                              facilitator: facilitator.isEmpty ? nil : facilitator)
        }
        let similar = try connection.query(StoredQuery.named("attendance/similar_groups", groupCode))
            .map { try $0.decode("group_code", as: String.self) }
        let suggestion = similar.isEmpty
            ? "Check the group code (as in the groups import file); nothing was recorded."
            : "Did you mean \(similar.count == 1 ? similar[0] : "one of " + similar.joined(separator: ", "))? Nothing was recorded."
        throw CarelogError(.usage, "there is no group \"\(groupCode)\"", suggestion: suggestion)
    }

    /// "S01-WPG has one session on 2026-12-01: 09:30."
    private func sessionsOfDay() throws -> String {
        let sessions = try connection.query(StoredQuery.named("attendance/sessions_of_day", groupCode, time.day ?? "")).map { row in
            let status = try row.decode("status", as: String.self)
            return try row.decode("local_time", as: String.self) + (status == "held" ? "" : " (\(status))")
        }
        switch sessions.count {
        case 0: return "\(groupCode) has no session on \(time.day ?? "")."
        case 1: return "\(groupCode) has one session on \(time.day ?? ""): \(sessions[0])."
        default: return "\(groupCode) has \(sessions.count) sessions on \(time.day ?? ""): \(sessions.joined(separator: ", "))."
        }
    }
}
