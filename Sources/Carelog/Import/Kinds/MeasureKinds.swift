/// Assessments, drug screens and consents.
extension ImportKind {
    static let assessments = ImportKind(
        name: "assessments", table: "assessment",
        columns: [
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("instrument", .enumeration(Vocabulary.instruments)),
            ImportColumn("administered_on", .date),
            ImportColumn("score", .decimal(positive: false)),
        ],
        naturalKey: ["patient_id", "instrument", "administered_on"])

    static let screens = ImportKind(
        name: "screens", table: "drug_screen",
        columns: [
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("collected_on", .date),
            ImportColumn("result", .enumeration(Vocabulary.screenResults)),
            ImportColumn("substances", .text, .optional),
        ],
        naturalKey: ["patient_id", "collected_on"])

    /// SAMHSA National Outcome Measures of one episode at admission or discharge, as
    /// TEDS codes (docs/teds.md). The episode is found by the patient and its
    /// admission date; a row per episode and time point. An empty item is not
    /// recorded; -9 is recorded as unknown.
    static let measures = ImportKind(
        name: "measures", table: "outcome_measure",
        columns: [
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("admitted_on", .date, lookupOnly: true),
            ImportColumn("time_point", .enumeration(Vocabulary.timePoints)),
        ] + TEDSCodes.items.map { ImportColumn($0.column, .tedsCode($0.codes), .optional) },
        naturalKey: ["episode_id", "time_point"],
        extraJoins: """
            LEFT JOIN carelog.episode AS measure_episode
                   ON measure_episode.patient_id = ref_mrn.id AND measure_episode.admitted_on = s.admitted_on::date
            """,
        extraTargets: [("episode_id", "measure_episode.id")],
        lookupChecks: [
            ("admitted_on", "ref_mrn.id IS NOT NULL AND measure_episode.id IS NULL",
             "no episode of this patient was admitted on this day (import the episode first)"),
        ])

    /// 42 CFR 2.31 consents to disclose to a recipient (docs/audit.md). Active on d when
    /// signed_on <= d and d is before expires_on and revoked_on (each ends it on that
    /// day). `export --basis consent --recipient R` includes only patients with an
    /// active consent whose recipient is exactly R.
    static let consents = ImportKind(
        name: "consents", table: "consent",
        columns: [
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("recipient", .text),
            ImportColumn("purpose", .text),
            ImportColumn("signed_on", .date),
            ImportColumn("expires_on", .date, .optional),
            ImportColumn("revoked_on", .date, .optional),
        ],
        naturalKey: ["patient_id", "recipient", "signed_on"])
}

extension ImportKind {
    /// Every kind, in the order a fresh database is best filled.
    static let all: [ImportKind] = [
        .sites, .staff, .patients, .episodes, .assignments, .plans, .planRequirements, .goals, .reviews,
        .groups, .cofacilitators, .enrollments, .sessions, .attendance, .rollClosures, .assessments, .screens, .consents,
        .credentials, .serviceCodes, .sessionNotes, .participantNotes, .noteAddenda, .measures,
    ]

    /// The kinds the auditor export writes a file for, in the same order: what
    /// `import bundle` reads back.
    static var exported: [ImportKind] {
        all.filter { ExportTables.names.contains($0.name) }
    }

    static func named(_ name: String) -> ImportKind? {
        all.first { $0.name == name }
    }
}
