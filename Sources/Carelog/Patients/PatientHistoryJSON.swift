import Postgres

/// `carelog patient show MRN --format json`: the same parts as the text, from the same
/// queries, as JSON Lines for a script: one object a row, its `section` first
/// (`patient`, `episode`, `therapist`, `plan`, `requirement`, `goal`, `adherence`,
/// `session`, `note`, `assessment`, `drug_screen`, `measure`), then the query's columns by name;
/// counts, scores and percentages as numbers, flags as true or false, MRNs, codes and
/// dates as strings, a missing value as null.
enum PatientHistoryJSON {
    /// Columns the queries hand over as text, formatted for the screen, that hold numbers.
    static let numericText: Set<String> = ["required_sessions", "adherence_pct", "score", "sessions_per_week",
                                           "admission", "discharge", "computed_self_help", "meetings"]

    static func render(connection: Connection, mrn: String, day: String?) throws -> String {
        let patients = try connection.query(StoredQuery.named("patient/patient", mrn, day))
        guard let patient = patients.first else {
            throw PatientLookup.unknown(mrn, connection: connection)
        }
        let asOf: String = try patient.decode("as_of")
        var out = ""
        func emit(_ section: String, _ result: QueryResult, extra: [(String, JSONLine.Value)] = []) {
            let names = result.columnNames
            let numeric = zip(names, result.columnTypes).map { name, type in
                [20, 21, 23, 700, 701, 1700].contains(type) || Self.numericText.contains(name)
            }
            for row in result {
                var fields: [(String, JSONLine.Value)] = [("section", .string(section))] + extra
                for (index, name) in names.enumerated() {
                    if result.columnTypes[index] == 16 {  // boolean: true or false, not PostgreSQL's t and f
                        fields.append((name, .boolean(row[index].map { $0 == "t" })))
                    } else {
                        fields.append((name, numeric[index] ? .number(row[index]) : .string(row[index])))
                    }
                }
                out += JSONLine(fields).text + "\n"
            }
        }
        emit("patient", patients)
        emit("episode", try connection.query(StoredQuery.named("patient/episodes", mrn)))
        emit("therapist", try connection.query(StoredQuery.named("patient/therapists", mrn)))
        let plans = try connection.query(StoredQuery.named("patient/active_plans", mrn, asOf))
        emit("plan", plans)
        for plan in plans {
            let code: String = try plan.decode("plan_code")
            emit("requirement", try connection.query(StoredQuery.named("patient/plan_requirements", code)), extra: [("plan_code", .string(code))])
            emit("goal", try connection.query(StoredQuery.named("patient/plan_goals", code)), extra: [("plan_code", .string(code))])
        }
        let (monthStart, previousStart, dayAfter) = try PatientHistory.months(of: asOf)
        for (from, to) in [(monthStart, dayAfter), (previousStart, monthStart)] {
            emit("adherence", try connection.query(StoredQuery.named("patient/adherence", mrn, from, to)),
                 extra: [("from", .string(from)), ("until", .string(to))])
        }
        emit("session", try connection.query(StoredQuery.named("patient/recent_sessions", mrn, asOf)))
        emit("note", try connection.query(StoredQuery.named("patient/recent_notes", mrn, asOf)))
        emit("assessment", try connection.query(StoredQuery.named("patient/assessments", mrn, asOf)))
        emit("drug_screen", try connection.query(StoredQuery.named("patient/drug_screens", mrn, asOf)))
        emit("measure", try connection.query(StoredQuery.named("patient/measures", mrn)))
        return out
    }
}
