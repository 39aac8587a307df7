/// Treatment plans and what hangs off them.
extension ImportKind {
    static let plans = ImportKind(
        name: "plans", table: "treatment_plan",
        columns: [
            ImportColumn("plan_code", .code),
            ImportColumn("mrn", .reference(.patient), target: "patient_id"),
            ImportColumn("created_on", .date),
            ImportColumn("author", .reference(.staff)),
            ImportColumn("review_interval_days", .integer(minimum: 1, maximum: 365), .defaulted),
            ImportColumn("closed_on", .date, .optional),
        ],
        naturalKey: ["plan_code"])

    static let planRequirements = ImportKind(
        name: "plan-requirements", table: "plan_requirement",
        columns: [
            ImportColumn("plan_code", .reference(.plan), target: "plan_id"),
            ImportColumn("modality", .enumeration(Vocabulary.modalities)),
            ImportColumn("sessions_per_week", .decimal(positive: true)),
        ],
        naturalKey: ["plan_id", "modality"])

    static let goals = ImportKind(
        name: "goals", table: "plan_goal",
        columns: [
            ImportColumn("plan_code", .reference(.plan), target: "plan_id"),
            ImportColumn("goal_code", .code),
            ImportColumn("domain", .enumeration(Vocabulary.goalDomains)),
            ImportColumn("description", .text, .optional),
            ImportColumn("target_date", .date, .optional),
            ImportColumn("status", .enumeration(Vocabulary.goalStatuses), .defaulted),
            ImportColumn("status_on", .date, .optional),
        ],
        naturalKey: ["plan_id", "goal_code"])

    static let reviews = ImportKind(
        name: "reviews", table: "plan_review",
        columns: [
            ImportColumn("plan_code", .reference(.plan), target: "plan_id"),
            ImportColumn("reviewed_on", .date),
            ImportColumn("reviewer", .reference(.staff)),
            ImportColumn("note", .text, .optional),
        ],
        naturalKey: ["plan_id", "reviewed_on"])
}
