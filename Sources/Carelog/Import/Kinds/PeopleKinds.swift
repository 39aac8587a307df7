/// Sites, staff and patients: the records everything else refers to.
extension ImportKind {
    static let sites = ImportKind(
        name: "sites", table: "site",
        columns: [
            ImportColumn("site_code", .code),
            ImportColumn("name", .text),
            ImportColumn("timezone", .text),
        ],
        naturalKey: ["site_code"])

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
        naturalKey: ["mrn"])

    static let episodes = ImportKind(
        name: "episodes", table: "episode",
        columns: [
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("admitted_on", .date),
            ImportColumn("level_of_care", .enumeration(Vocabulary.levelsOfCare)),
            ImportColumn("discharged_on", .date, .optional),
            ImportColumn("discharge_reason", .enumeration(Vocabulary.dischargeReasons), .optional),
        ],
        naturalKey: ["patient_id", "admitted_on"])

    static let assignments = ImportKind(
        name: "assignments", table: "therapist_assignment",
        columns: [
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("staff_id", .reference(.staff), target: "therapist_id"),
            ImportColumn("role", .enumeration(Vocabulary.assignmentRoles)),
            ImportColumn("starts_on", .date),
            ImportColumn("ends_on", .date, .optional),
        ],
        naturalKey: ["patient_id", "therapist_id", "role", "starts_on"])
}
