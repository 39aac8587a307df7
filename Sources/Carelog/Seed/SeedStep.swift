/// One file of `queries/seed/` and how the seeder runs it.
///
/// The seed is the files of `queries/seed/`, run in file order in one transaction;
/// this list says, per file, what it needs from Swift (values to bind, rows to
/// count, a note to print). A test checks that it names every file, in order.
struct SeedStep: Sendable {
    enum Kind: Sendable {
        /// Refuses a database that already holds sites, staff or patients.
        case requireEmpty
        /// Statements without values or rows worth counting (the draw functions, a
        /// staging table with its index and statistics), run as one script; `label`
        /// names the step in the progress notes (none for the quick ones).
        case script(label: String?)
        /// Binds the run's values as `$1`… (see `SeedPlan.parameters`).
        case parameters
        /// An INSERT into `carelog.<table>`, whose rows are counted.
        case insert(table: String, label: String)
        /// An INSERT into `carelog.<table>` run a month at a time, with the first day
        /// of the month and the first day after it as `$1` and `$2`.
        case monthly(table: String, label: String)
    }

    /// The file's path in `queries/` without the extension (`seed/010_site`).
    let path: String
    let kind: Kind

    init(_ file: String, _ kind: Kind) {
        path = "seed/" + file
        self.kind = kind
    }

    /// Every step, in the order of the files.
    static let all: [SeedStep] = [
        SeedStep("000_require_empty", .requireEmpty),
        SeedStep("001_draws", .script(label: nil)),
        SeedStep("002_parameters", .parameters),
        SeedStep("010_site", .insert(table: "site", label: "sites")),
        SeedStep("011_seed_site", .script(label: nil)),
        SeedStep("020_staff", .insert(table: "staff", label: "staff")),
        SeedStep("021_seed_clinician", .script(label: nil)),
        SeedStep("030_seed_stay", .script(label: "stays")),
        SeedStep("031_seed_patient", .script(label: "patient draws")),
        SeedStep("040_patient", .insert(table: "patient", label: "patients")),
        SeedStep("041_seed_episode", .script(label: "episode draws")),
        SeedStep("050_episode", .insert(table: "episode", label: "episodes")),
        SeedStep("060_therapist_assignment", .insert(table: "therapist_assignment", label: "therapist assignments")),
        SeedStep("070_treatment_plan", .insert(table: "treatment_plan", label: "treatment plans")),
        SeedStep("080_plan_requirement", .insert(table: "plan_requirement", label: "plan requirements")),
        SeedStep("090_plan_goal", .insert(table: "plan_goal", label: "plan goals")),
        SeedStep("100_plan_review", .insert(table: "plan_review", label: "plan reviews")),
        SeedStep("110_care_group", .insert(table: "care_group", label: "groups")),
        SeedStep("111_seed_group", .script(label: nil)),
        SeedStep("120_group_enrollment", .insert(table: "group_enrollment", label: "group enrollments")),
        SeedStep("130_seed_session", .script(label: "session schedule")),
        SeedStep("140_group_session", .insert(table: "group_session", label: "group sessions")),
        SeedStep("141_seed_held", .script(label: "held sessions")),
        SeedStep("142_seed_patient_day", .script(label: "patient days")),
        SeedStep("150_attendance", .monthly(table: "attendance", label: "attendance records")),
        SeedStep("151_roll_closure", .insert(table: "roll_closure", label: "closed rolls of open groups")),
        SeedStep("160_assessment", .insert(table: "assessment", label: "assessments")),
        SeedStep("165_outcome_measure", .insert(table: "outcome_measure", label: "outcome measures")),
        SeedStep("170_drug_screen", .insert(table: "drug_screen", label: "drug screens")),
        SeedStep("175_seed_note", .script(label: "note draws")),
        SeedStep("180_session_note", .insert(table: "session_note", label: "session notes")),
        SeedStep("181_participant_note", .monthly(table: "participant_note", label: "participant sections")),
        SeedStep("182_note_addendum", .insert(table: "note_addendum", label: "note addenda")),
    ]
}
