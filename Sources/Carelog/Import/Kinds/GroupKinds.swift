/// Groups, their rosters, their sessions and who attended them.
extension ImportKind {
    static let groups = ImportKind(
        name: "groups", table: "care_group",
        columns: [
            ImportColumn("group_code", .code),
            ImportColumn("name", .text),
            ImportColumn("modality", .enumeration(Vocabulary.modalities)),
            ImportColumn("gender_focus", .enumeration(Vocabulary.genderFocuses), .defaulted),
            ImportColumn("kind", .enumeration(Vocabulary.groupKinds)),
            ImportColumn("site_code", .reference(.site), target: "site_id"),
            ImportColumn("capacity", .integer(minimum: 1, maximum: nil), .optional),
            ImportColumn("facilitator", .reference(.staff), .optional),
        ],
        naturalKey: ["group_code"])

    /// Staff members who run a group beside its facilitator: like the facilitator,
    /// they write the group's sessions and attendance (sql/016).
    static let cofacilitators = ImportKind(
        name: "cofacilitators", table: "group_cofacilitator",
        columns: [
            ImportColumn("group_code", .reference(.group), target: "group_id"),
            ImportColumn("staff_id", .reference(.staff), target: "staff_member_id"),
        ],
        naturalKey: ["group_id", "staff_member_id"])

    static let enrollments = ImportKind(
        name: "enrollments", table: "group_enrollment",
        columns: [
            ImportColumn("group_code", .reference(.group), target: "group_id"),
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("starts_on", .date),
            ImportColumn("ends_on", .date, .optional),
        ],
        naturalKey: ["group_id", "patient_id", "starts_on"])

    static let sessions = ImportKind(
        name: "sessions", table: "group_session",
        columns: [
            ImportColumn("group_code", .reference(.group), target: "group_id"),
            ImportColumn("starts_at", .instant(timezoneOf: "group_code")),
            ImportColumn("duration_minutes", .integer(minimum: 1, maximum: 1440), .defaulted),
            ImportColumn("facilitator", .reference(.staff)),
            ImportColumn("status", .enumeration(Vocabulary.sessionStatuses), .defaulted),
        ],
        naturalKey: ["group_id", "starts_at"],
        readPast: ["local_date", "local_time"])

    /// An open group's closed roll (sql/019): the facilitator said the sign-ins of the
    /// session are complete. Written by `attendance record --done`; imported only to
    /// restore an export (import bundle), where a restore as the database's owner keeps
    /// who closed it and when (sql/023) and a login's import is stamped with itself and now.
    static let rollClosures = ImportKind(
        name: "roll-closures", table: "roll_closure",
        columns: [
            ImportColumn("group_code", .reference(.group), lookupOnly: true),
            ImportColumn("starts_at", .instant(timezoneOf: "group_code"), lookupOnly: true),
            ImportColumn("closed_by", .reference(.staff), target: "closed_by_id"),
            ImportColumn("closed_at", .instant(timezoneOf: "group_code")),
        ],
        naturalKey: ["session_id"],
        extraJoins: sessionLookup,
        extraTargets: [("session_id", "session.id")],
        lookupChecks: [sessionCheck])

    /// An attendance row names its session by group and start time, as a therapist
    /// knows it; the session must exist (import sessions first, or use
    /// `carelog attendance record`, which creates it).
    static let attendance = ImportKind(
        name: "attendance", table: "attendance",
        columns: [
            ImportColumn("group_code", .reference(.group), lookupOnly: true),
            ImportColumn("starts_at", .instant(timezoneOf: "group_code"), lookupOnly: true),
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("status", .enumeration(Vocabulary.attendanceStatuses)),
            ImportColumn("minutes_attended", .integer(minimum: 0, maximum: 1440), .optional),
            ImportColumn("recorded_by", .reference(.staff)),
            ImportColumn("recorded_at", .instant(timezoneOf: "group_code"), .defaulted),
        ],
        naturalKey: ["session_id", "patient_id"],
        // The start time is read in the group's time zone once per distinct (time, zone),
        // not once per row: a LATERAL subquery is what PostgreSQL memoizes.
        extraJoins: """
            LEFT JOIN LATERAL (SELECT carelog.to_site_instant(s.starts_at, site_group_code.timezone) OFFSET 0)
                   AS session_start(instant) ON true
            LEFT JOIN carelog.group_session AS session
                   ON session.group_id = ref_group_code.id
                  AND session.starts_at = session_start.instant
            """,
        // Filed under the session's site-local month, the partition key (sql/015).
        extraTargets: [("session_id", "session.id"),
                       ("session_month", "carelog.local_month(session.starts_at, site_group_code.timezone)")],
        lookupChecks: [
            ("starts_at", "ref_group_code.id IS NOT NULL AND session.id IS NULL",
             "no session of this group starts at this time (import the session first)"),
        ],
        readPast: ["local_date", "local_time"])
}
