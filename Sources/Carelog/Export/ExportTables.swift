/// The files of an auditor export and the statement that produces each one.
///
/// Every file has the columns of the import kind of the same name (natural keys, not
/// surrogate ids), so an exported file can be imported again. Each file's SELECT is
/// `queries/export/NAME.sql`, composed with the shared blocks it declares by
/// `ExportStatement`. The statements read the period, the site and the pseudonym pads
/// from transaction-local settings (`carelog.export_*`, set by `ExportOperation.export`),
/// because `COPY (SELECT …) TO STDOUT` takes no bind parameters; no value is ever part
/// of the SQL text.
///
/// What a period [from, to] (inclusive local dates) exports:
/// - sessions whose site-local date is in the period, their attendance and the closed
///   rolls of the open groups' ones;
/// - episodes, therapist assignments, group enrollments and treatment plans whose days
///   overlap the period (assignment and enrollment ends inclusive, discharge and closing dates exclusive; a same-day episode or plan counts for its
///   first day, as the episode_no_overlap constraint sees it); plans with a review in
///   the period too, so that every exported review has its plan;
/// - the requirements and goals of the exported plans; reviews, assessments and drug
///   screens dated in the period; the outcome measures (NOMs) of the exported episodes;
///   the consents in force on some day of the period (under `--basis consent`, only
///   those to the bundle's recipient);
/// - the patients, staff, groups and sites those rows refer to (so the files are closed
///   under reference: each can be imported after the ones it names);
/// - the audit events whose batch was written in the period, by UTC calendar date
///   (the trail belongs to no site; `--site` does not narrow it).
///
/// With `--site`, group-side rows (groups, enrollments, sessions, attendance) are those
/// of the site's groups and patient-side rows (episodes, assignments, plans and what
/// hangs off them, assessments, screens) those of the site's patients; the records they
/// refer to are exported whatever their own site.
enum ExportTables {
    struct Table: Sendable {
        /// File name without `.csv`: the import kind, or `audit`.
        let name: String
        /// The SELECT, complete with its WITH clause; trusted text from `queries/export/`.
        let select: String

        var fileName: String { name + ".csv" }
    }

    /// Every file, in the order an import of them would go (sites first, audit last).
    static let names = [
        "sites", "staff", "patients", "episodes", "assignments", "plans", "plan-requirements", "goals",
        "reviews", "groups", "enrollments", "sessions", "attendance", "roll-closures", "assessments", "screens", "consents", "measures",
        "credentials", "service-codes", "session-notes", "participant-notes", "note-addenda", "audit",
    ]

    /// Every file's statement in `mode`.
    static func all(mode: ExportStatement.Mode) -> [Table] {
        names.map { Table(name: $0, select: ExportStatement.composed($0, mode: mode)) }
    }

    /// The statement run once before the files (`queries/export/references.sql`): it
    /// works out which patients, staff members, groups and sites the rows of the period
    /// refer to and keeps their ids in transaction-local settings, which sites.csv,
    /// staff.csv, patients.csv and groups.csv then read.
    static func references(mode: ExportStatement.Mode) -> String {
        ExportStatement.composed("references", mode: mode)
    }

    /// An instant as the export files write it: ISO 8601 in UTC (`2026-10-05T11:30:00Z`),
    /// with the fraction of a second only when there is one. The same expression as in
    /// `queries/export/sessions.sql`, for callers that need the export's rendering of a
    /// value (the tests work out expected rows with it).
    static func instant(_ column: String) -> String {
        "replace(replace(\(column)::text, ' ', 'T'), '+00', 'Z')"
    }

    /// The column names of a file, from the header line COPY wrote first. The names are
    /// the statements' own plain identifiers, so no CSV quoting is involved.
    static func columns(ofHeader chunk: UnsafeRawBufferPointer) -> [String] {
        var line = String(decoding: chunk, as: UTF8.self)
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        return line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}
