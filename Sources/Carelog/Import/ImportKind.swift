/// What one `carelog import KIND` does: the columns of its file, the table it
/// writes, the natural key that makes a re-import an update, and the rules that
/// need more than one column or more than one row.
struct ImportKind: Sendable {
    /// The KIND argument, e.g. `attendance`.
    let name: String
    /// The table in schema `carelog`.
    let table: String
    let columns: [ImportColumn]
    /// Table columns forming the natural key (after resolution), e.g.
    /// `["session_id", "patient_id"]`.
    let naturalKey: [String]
    /// Further joins of the resolution query (aliases: `s` the staging row, `ref_<column>`
    /// each reference, `site_<column>` its site), for lookups a column cannot express.
    var extraJoins: String = ""
    /// Table columns computed by `extraJoins`, e.g. `("session_id", "session.id")`.
    var extraTargets: [(column: String, expression: String)] = []
    /// Problems of the lookups in `extraJoins`: column, condition (true = problem), message.
    var lookupChecks: [(column: String, condition: String, message: String)] = []
    /// Rules across columns or rows, checked on the resolved rows (`r`) against the
    /// database as it would be after the import: the stored queries in
    /// `queries/import/KIND/`, one rule per file, each a SELECT of
    /// `(record_number, column_name, message)`. A rule is added by adding its file.
    var ruleChecks: [String] { StoredQuery.paths(under: "import/\(name)") }

    /// Columns the export writes for people that an import reads past: the session's
    /// site-local date and time beside its UTC `starts_at`, which is the record.
    var readPast: [String] = []

    var requiredColumnNames: [String] { columns.filter { $0.presence == .required }.map(\.name) }

    func column(named name: String) -> ImportColumn? {
        columns.first { $0.name == name }
    }
}
