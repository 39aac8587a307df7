/// The notes of group sessions (docs/notes.md, sql/018) and their two reference lists.
///
/// A note names its session as an attendance row does, by group and start time. The
/// notes are written as they were (sql/020, `carelog.restoring_notes()`): a note may
/// arrive signed and co-signed, with its original signer and times, when the import
/// runs as the database's owner (`import bundle`, a migration from another system); a
/// login's import is stamped with its acting staff member and now, and then takes
/// drafts only. Every other rule of a note holds for both (held session, attended
/// patients, their own open goals, a signed note never changed).
extension ImportKind {
    /// Credentials, and whether a note signed under one needs a co-signature.
    static let credentials = ImportKind(
        name: "credentials", table: "credential",
        columns: [
            ImportColumn("code", .code),
            ImportColumn("title", .text),
            ImportColumn("signs_alone", .boolean),
        ],
        naturalKey: ["code"])

    /// HCPCS/CPT codes and the minutes one unit needs.
    static let serviceCodes = ImportKind(
        name: "service-codes", table: "service_code",
        columns: [
            ImportColumn("code", .code),
            ImportColumn("title", .text),
            ImportColumn("minutes_per_unit", .integer(minimum: 1, maximum: 1440)),
        ],
        naturalKey: ["code"])

    static let sessionNotes = ImportKind(
        name: "session-notes", table: "session_note",
        columns: [
            ImportColumn("group_code", .reference(.group), lookupOnly: true),
            ImportColumn("starts_at", .instant(timezoneOf: "group_code"), lookupOnly: true),
            ImportColumn("topic", .text, .optional),
            ImportColumn("interventions", .text, .optional),
            ImportColumn("minutes", .integer(minimum: 1, maximum: 1440), .optional),
            ImportColumn("service_code", .reference(.serviceCode), .optional),
            ImportColumn("status", .enumeration(Vocabulary.noteStatuses)),
            ImportColumn("author", .reference(.staff), .optional),
            ImportColumn("written_at", .instant(timezoneOf: "group_code"), .optional),
            ImportColumn("signed_by", .reference(.staff), .optional),
            ImportColumn("signed_at", .instant(timezoneOf: "group_code"), .optional),
            ImportColumn("signer_credential", .code, .optional),
            ImportColumn("cosign_required", .boolean, .defaulted),
            ImportColumn("cosigned_by", .reference(.staff), .optional),
            ImportColumn("cosigned_at", .instant(timezoneOf: "group_code"), .optional),
        ],
        naturalKey: ["session_id"],
        extraJoins: sessionLookup,
        extraTargets: [("session_id", "session.id")],
        lookupChecks: [sessionCheck])

    /// One patient's section; `goals` are goal codes (`G1 G3`) of the patient's plan
    /// active on the session's day.
    static let participantNotes = ImportKind(
        name: "participant-notes", table: "participant_note",
        columns: [
            ImportColumn("group_code", .reference(.group), lookupOnly: true),
            ImportColumn("starts_at", .instant(timezoneOf: "group_code"), lookupOnly: true),
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("participation", .text, .optional),
            ImportColumn("response", .text, .optional),
            ImportColumn("progress", .text, .optional),
            ImportColumn("goals", .text, .optional, lookupOnly: true),
            ImportColumn("written_at", .instant(timezoneOf: "group_code"), .defaulted),
        ],
        naturalKey: ["session_note_id", "patient_id"],
        extraJoins: sessionLookup + noteLookup + """

            LEFT JOIN LATERAL (
                SELECT count(*) AS named,
                       array_agg(pg.id ORDER BY pg.id) FILTER (WHERE pg.id IS NOT NULL) AS ids,
                       count(pg.id) AS found
                  FROM regexp_split_to_table(btrim(s.goals), '[\\s,;]+') AS code
                  LEFT JOIN carelog.treatment_plan AS tp
                         ON tp.patient_id = ref_mrn.id
                        AND tp.created_on <= carelog.site_local_date(session.starts_at, site_group_code.timezone)
                        AND (tp.closed_on IS NULL
                             OR carelog.site_local_date(session.starts_at, site_group_code.timezone) < tp.closed_on)
                  LEFT JOIN carelog.plan_goal AS pg ON pg.plan_id = tp.id AND pg.goal_code = code
                 WHERE btrim(coalesce(s.goals, '')) <> '') AS goal ON true
            """,
        extraTargets: [("session_note_id", "note.id"), ("goal_ids", "coalesce(goal.ids, '{}')")],
        lookupChecks: [
            sessionCheck, noteCheck,
            ("goals", "goal.named > 0 AND goal.found < goal.named",
             "names a goal code that is not a goal of the patient's plan active on the session's day"),
        ])

    /// Text added to a signed note (mrn empty) or to one patient's section of it.
    static let noteAddenda = ImportKind(
        name: "note-addenda", table: "note_addendum",
        columns: [
            ImportColumn("group_code", .reference(.group), lookupOnly: true),
            ImportColumn("starts_at", .instant(timezoneOf: "group_code"), lookupOnly: true),
            ImportColumn("mrn", .reference(.patient), .optional, target: "patient_id"),
            ImportColumn("body", .text),
            ImportColumn("author", .reference(.staff)),
            ImportColumn("added_at", .instant(timezoneOf: "group_code")),
        ],
        naturalKey: ["session_note_id", "author_id", "added_at"],
        extraJoins: sessionLookup + noteLookup,
        extraTargets: [("session_note_id", "note.id")],
        lookupChecks: [sessionCheck, noteCheck])

    /// The session a row names by group and start time (as for attendance): notes and
    /// roll closures.
    static let sessionLookup = """
        LEFT JOIN LATERAL (SELECT carelog.to_site_instant(s.starts_at, site_group_code.timezone) OFFSET 0)
               AS session_start(instant) ON true
        LEFT JOIN carelog.group_session AS session
               ON session.group_id = ref_group_code.id
              AND session.starts_at = session_start.instant
        """
    private static let noteLookup = """

        LEFT JOIN carelog.session_note AS note ON note.session_id = session.id
        """
    static let sessionCheck = (
        column: "starts_at", condition: "ref_group_code.id IS NOT NULL AND session.id IS NULL",
        message: "no session of this group starts at this time (import the session first)")
    private static let noteCheck = (
        column: "starts_at", condition: "session.id IS NOT NULL AND note.id IS NULL",
        message: "this session has no note (import session-notes first)")
}

extension ImportColumn.Reference {
    static let serviceCode = Self(table: "service_code", keyColumn: "code", missing: "no service code with this code (import service-codes first)")
}
