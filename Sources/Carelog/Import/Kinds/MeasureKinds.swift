/// Assessments and drug screens.
extension ImportKind {
    static let assessments = ImportKind(
        name: "assessments", table: "assessment",
        columns: [
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("instrument", .enumeration(Vocabulary.instruments)),
            ImportColumn("administered_on", .date),
            ImportColumn("score", .decimal(positive: false)),
        ],
        naturalKey: ["patient_id", "instrument", "administered_on"],
        ruleChecks: [
            """
            SELECT r.record_number, 'score' AS column_name,
                   format('is outside the %s range %s to %s', r.instrument, b.low, b.high) AS message
              FROM import_resolved AS r
              JOIN (VALUES ('PHQ-9', 0, 27), ('GAD-7', 0, 21), ('BAM', 0, 12)) AS b(instrument, low, high)
                ON b.instrument = r.instrument
             WHERE r.score NOT BETWEEN b.low AND b.high
            """,
        ])

    static let screens = ImportKind(
        name: "screens", table: "drug_screen",
        columns: [
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("collected_on", .date),
            ImportColumn("result", .enumeration(Vocabulary.screenResults)),
            ImportColumn("substances", .text, .optional),
        ],
        naturalKey: ["patient_id", "collected_on"])
}

extension ImportKind {
    /// Every kind, in the order a fresh database is best filled.
    static let all: [ImportKind] = [
        .sites, .staff, .patients, .episodes, .assignments, .plans, .planRequirements, .goals, .reviews,
        .groups, .enrollments, .sessions, .attendance, .assessments, .screens,
    ]

    static func named(_ name: String) -> ImportKind? {
        all.first { $0.name == name }
    }
}
