/// Sites, staff and patients: the records everything else refers to.
extension ImportKind {
    static let sites = ImportKind(
        name: "sites", table: "site",
        columns: [
            ImportColumn("site_code", .code),
            ImportColumn("name", .text),
            ImportColumn("timezone", .text),
        ],
        naturalKey: ["site_code"],
        ruleChecks: [
            """
            SELECT r.record_number, 'timezone' AS column_name,
                   'is not a time zone name such as America/New_York (IANA spelling, case matters)' AS message
              FROM import_resolved AS r
             WHERE NOT carelog.is_valid_timezone(r.timezone)
            """,
        ])

    static let staff = ImportKind(
        name: "staff", table: "staff",
        columns: [
            ImportColumn("staff_id", .code),
            ImportColumn("first_name", .text),
            ImportColumn("last_name", .text),
            ImportColumn("role", .enumeration(Vocabulary.staffRoles)),
            ImportColumn("credentials", .text, .optional),
            ImportColumn("site_code", .reference(.site), target: "site_id"),
            ImportColumn("active", .boolean, .defaulted),
        ],
        naturalKey: ["staff_id"])

    static let patients = ImportKind(
        name: "patients", table: "patient",
        columns: [
            ImportColumn("mrn", .code),
            ImportColumn("first_name", .text),
            ImportColumn("last_name", .text),
            ImportColumn("date_of_birth", .date),
            ImportColumn("gender", .enumeration(Vocabulary.genders)),
            ImportColumn("site_code", .reference(.site), target: "site_id"),
        ],
        naturalKey: ["mrn"],
        ruleChecks: [
            """
            SELECT r.record_number, 'date_of_birth' AS column_name, 'is in the future' AS message
              FROM import_resolved AS r
             WHERE r.date_of_birth > current_date
            """,
        ])

    static let episodes = ImportKind(
        name: "episodes", table: "episode",
        columns: [
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("admitted_on", .date),
            ImportColumn("level_of_care", .enumeration(Vocabulary.levelsOfCare)),
            ImportColumn("discharged_on", .date, .optional),
            ImportColumn("discharge_reason", .enumeration(Vocabulary.dischargeReasons), .optional),
        ],
        naturalKey: ["patient_id", "admitted_on"],
        ruleChecks: [
            """
            SELECT r.record_number, 'discharged_on' AS column_name, 'is before admitted_on' AS message
              FROM import_resolved AS r WHERE r.discharged_on < r.admitted_on
            """,
            """
            SELECT r.record_number, 'discharge_reason' AS column_name,
                   CASE WHEN r.discharged_on IS NULL
                        THEN 'must be empty while the episode is open (no discharged_on)'
                        ELSE 'is required when discharged_on is given' END AS message
              FROM import_resolved AS r
             WHERE (r.discharged_on IS NULL) <> (r.discharge_reason IS NULL)
            """,
            """
            SELECT r.record_number, 'admitted_on' AS column_name,
                   format('overlaps another episode of this patient (admitted %s%s)', o.admitted_on,
                          CASE WHEN o.record_number IS NOT NULL THEN ', earlier in this file' ELSE '' END) AS message
              FROM import_resolved AS r
              JOIN (SELECT x.record_number, x.patient_id, x.admitted_on, x.discharged_on FROM import_resolved AS x
                    UNION ALL
                    SELECT NULL, e.patient_id, e.admitted_on, e.discharged_on FROM carelog.episode AS e
                     WHERE e.patient_id IN (SELECT patient_id FROM import_resolved)
                       AND NOT EXISTS (SELECT 1 FROM import_resolved AS x WHERE x.existing_id = e.id)) AS o
                ON o.patient_id = r.patient_id
               AND (o.record_number IS NULL OR o.record_number < r.record_number)
               AND carelog.episode_days(r.admitted_on, r.discharged_on) && carelog.episode_days(o.admitted_on, o.discharged_on)
             WHERE r.discharged_on IS NULL OR r.discharged_on >= r.admitted_on
            """,
        ])

    static let assignments = ImportKind(
        name: "assignments", table: "therapist_assignment",
        columns: [
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("staff_id", .reference(.staff), target: "therapist_id"),
            ImportColumn("role", .enumeration(Vocabulary.assignmentRoles)),
            ImportColumn("starts_on", .date),
            ImportColumn("ends_on", .date, .optional),
        ],
        naturalKey: ["patient_id", "therapist_id", "role", "starts_on"],
        ruleChecks: [
            """
            SELECT r.record_number, 'ends_on' AS column_name, 'is before starts_on (ends_on is the last day, starts_on itself for a one-day record)' AS message
              FROM import_resolved AS r WHERE r.ends_on < r.starts_on
            """,
            """
            SELECT r.record_number, 'starts_on' AS column_name,
                   format('overlaps another primary therapist assignment of this patient (staff %s from %s%s)',
                          st.staff_id, o.starts_on,
                          CASE WHEN o.record_number IS NOT NULL THEN ', earlier in this file' ELSE '' END) AS message
              FROM import_resolved AS r
              JOIN (SELECT x.record_number, x.patient_id, x.therapist_id, x.starts_on, x.ends_on FROM import_resolved AS x
                     WHERE x.role = 'primary'
                    UNION ALL
                    SELECT NULL, a.patient_id, a.therapist_id, a.starts_on, a.ends_on FROM carelog.therapist_assignment AS a
                     WHERE a.role = 'primary' AND a.patient_id IN (SELECT patient_id FROM import_resolved)
                       AND NOT EXISTS (SELECT 1 FROM import_resolved AS x WHERE x.existing_id = a.id)) AS o
                ON o.patient_id = r.patient_id
               AND (o.record_number IS NULL OR o.record_number < r.record_number)
               AND daterange(r.starts_on, r.ends_on, '[]') && daterange(o.starts_on, o.ends_on, '[]')
              JOIN carelog.staff AS st ON st.id = o.therapist_id
             WHERE r.role = 'primary' AND (r.ends_on IS NULL OR r.ends_on >= r.starts_on)
            """,
        ])
}
