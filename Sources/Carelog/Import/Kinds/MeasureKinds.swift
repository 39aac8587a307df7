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
