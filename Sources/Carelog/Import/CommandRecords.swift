import Postgres

/// Records that an everyday command writes (`patient admit|discharge`, `group
/// enroll|unenroll`, `session schedule`, `staff add`): they go through the import of
/// their kind, so a command checks exactly what a file is checked against (value shapes,
/// codes, the rules of docs/data-model.md) and writes the same way (all or nothing,
/// audited, idempotent). Only the wording differs: a problem names the record and the
/// option it came from (`01000001 (--on): …`), not a line and a column of a file.
struct CommandRecords {
    var kind: ImportKind
    var columns: [String]
    var rows: [[String]] = []
    /// How each row is named in a problem, in row order: an MRN, a session's time.
    var labels: [String] = []
    /// The option a column's value came from, for the problems: `admitted_on` → `--on`.
    var options: [String: String]

    init(_ kind: ImportKind, columns: [String], options: [String: String]) {
        self.kind = kind
        self.columns = columns
        self.options = options
    }

    /// A value as one quoted CSV field.
    static func field(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    mutating func add(_ values: [String], label: String) {
        precondition(values.count == columns.count, "one value per column")
        rows.append(values)
        labels.append(label)
    }

    /// Writes the records in one transaction, as `actingStaff` for the audit trail;
    /// refused input is exit status 3 with every problem, and nothing is written.
    /// `what` names the change in the refusal ("the admission of 01000001").
    func write(target: DatabaseTarget, actingStaff: String?, what: String, console: Console) throws -> ImportSummary {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        return try write(connection: connection, actingStaff: actingStaff, what: what)
    }

    func write(connection: Connection, actingStaff: String?, what: String) throws -> ImportSummary {
        var csv = columns.joined(separator: ",") + "\n"
        for row in rows { csv += row.map(Self.field).joined(separator: ",") + "\n" }
        return try ImportOperation.importing(connection: connection, dryRun: false, wording: .command(what: what)) {
            try ActingStaff.setForRecords(actingStaff, on: connection)
            let labels = labels
            let importer = Importer(connection: connection, kind: kind, console: nil, locate: { line in
                line >= 2 && line - 2 < labels.count ? labels[line - 2] : "line \(line)"
            })
            do {
                return try importer.run(.bytes(Array(csv.utf8)), dryRun: false)
            } catch var refusal as ImportRefusal {
                refusal.problems = refusal.problems.map { problem in
                    var problem = problem
                    problem.column = problem.column.map { options[$0] ?? $0 }
                    return problem
                }
                throw refusal
            }
        }
    }
}
