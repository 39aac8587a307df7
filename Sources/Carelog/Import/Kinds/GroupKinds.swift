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

    static let enrollments = ImportKind(
        name: "enrollments", table: "group_enrollment",
        columns: [
            ImportColumn("group_code", .reference(.group), target: "group_id"),
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("starts_on", .date),
            ImportColumn("ends_on", .date, .optional),
        ],
        naturalKey: ["group_id", "patient_id", "starts_on"],
        ruleChecks: [
            """
            SELECT r.record_number, 'ends_on' AS column_name, 'is before starts_on (ends_on is the last day, starts_on itself for a one-day record)' AS message
              FROM import_resolved AS r WHERE r.ends_on < r.starts_on
            """,
            """
            SELECT r.record_number, 'starts_on' AS column_name,
                   format('overlaps another enrollment of this patient in this group (from %s%s)', o.starts_on,
                          CASE WHEN o.record_number IS NOT NULL THEN ', earlier in this file' ELSE '' END) AS message
              FROM import_resolved AS r
              JOIN (SELECT x.record_number, x.group_id, x.patient_id, x.starts_on, x.ends_on FROM import_resolved AS x
                    UNION ALL
                    SELECT NULL, e.group_id, e.patient_id, e.starts_on, e.ends_on FROM carelog.group_enrollment AS e
                     WHERE e.patient_id IN (SELECT patient_id FROM import_resolved)
                       AND NOT EXISTS (SELECT 1 FROM import_resolved AS x WHERE x.existing_id = e.id)) AS o
                ON o.group_id = r.group_id AND o.patient_id = r.patient_id
               AND (o.record_number IS NULL OR o.record_number < r.record_number)
               AND daterange(r.starts_on, r.ends_on, '[]') && daterange(o.starts_on, o.ends_on, '[]')
             WHERE r.ends_on IS NULL OR r.ends_on >= r.starts_on
            """,
        ])

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
        ruleChecks: [
            """
            SELECT r.record_number, 'status' AS column_name,
                   format('cannot be cancelled: %s attendance record(s) exist for this session', count(*)) AS message
              FROM import_resolved AS r
              JOIN carelog.attendance AS a ON a.session_id = r.existing_id
             WHERE r.status = 'cancelled'
             GROUP BY r.record_number
            """,
        ])

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
        extraJoins: """
            LEFT JOIN carelog.group_session AS session
                   ON session.group_id = ref_group_code.id
                  AND session.starts_at = carelog.to_site_instant(s.starts_at, site_group_code.timezone)
            """,
        extraTargets: [("session_id", "session.id")],
        lookupChecks: [
            ("starts_at", "ref_group_code.id IS NOT NULL AND session.id IS NULL",
             "no session of this group starts at this time (import the session first)"),
        ],
        ruleChecks: [
            """
            SELECT r.record_number, c.column_name, c.message
              FROM import_resolved AS r
              JOIN carelog.group_session AS gs ON gs.id = r.session_id
              JOIN carelog.care_group AS g ON g.id = gs.group_id
              JOIN carelog.site AS st ON st.id = g.site_id
              JOIN carelog.patient AS p ON p.id = r.patient_id
             CROSS JOIN LATERAL (SELECT carelog.site_local_date(gs.starts_at, st.timezone) OFFSET 0) AS d(local_date)
              LEFT JOIN carelog.episode AS e
                     ON e.patient_id = r.patient_id AND e.admitted_on <= d.local_date
                    AND (e.discharged_on IS NULL OR d.local_date < e.discharged_on)
             CROSS JOIN LATERAL (VALUES
                   ('starts_at', CASE WHEN gs.status <> 'held'
                                      THEN 'the session was cancelled; attendance is recorded for held sessions only' END),
                   ('mrn', CASE WHEN e.id IS NULL
                                THEN format('the patient is not in care on %s, the day of the session', d.local_date) END),
                   ('mrn', CASE WHEN NOT carelog.gender_focus_admits(g.gender_focus, p.gender)
                                THEN format('the patient (%s) is not admitted to this %s''s group', p.gender, g.gender_focus) END)
                   ) AS c(column_name, message)
             WHERE c.message IS NOT NULL
            """,
        ])
}
