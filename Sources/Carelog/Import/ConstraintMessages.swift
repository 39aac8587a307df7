import Postgres

/// Plain words for a refusal that came from the database's constraints rather than
/// from the import's own checks.
enum ConstraintMessages {
    /// The import column a constraint is about, for locating the problem.
    static func column(for error: PostgresError, kind: ImportKind) -> String {
        switch error.constraint {
        case "attendance_patient_in_care", "attendance_gender_focus": return "mrn"
        case "attendance_session_held": return "starts_at"
        case "episode_no_overlap", "episode_one_open_per_patient": return "admitted_on"
        case "assignment_one_primary_per_day", "enrollment_no_overlap": return "starts_on"
        default:
            if let column = error.column, let match = kind.columns.first(where: { $0.target == column || $0.name == column }) {
                return match.name
            }
            return kind.columns[0].name
        }
    }

    /// The server's message, with its detail when it names the record. A duplicate
    /// key without a detail is one the login may not read (PostgreSQL leaves the key
    /// out under row-level security): the sentence then names no record either, only
    /// that the key is taken (docs/record-integrity.md).
    static func sentence(for error: PostgresError) -> String {
        if error.sqlState == .uniqueViolation, error.detail == nil {
            return "the database refused the record: this key is already used by a record this login may not read "
                + "(a director of every site can tell whose)"
        }
        var sentence = "the database refused the record: \(error.message)"
        if let detail = error.detail { sentence += " (\(detail))" }
        return sentence
    }
}
