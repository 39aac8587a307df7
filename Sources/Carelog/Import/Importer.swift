import Foundation
import Postgres

/// Runs one import inside the caller's transaction: streams the file into a
/// staging table, checks the whole of it in SQL, and writes only when nothing is
/// wrong. On any problem it throws `ImportRefusal` and the caller rolls back.
struct Importer {
    static let problemLimit = 50

    let connection: Connection
    let kind: ImportKind
    var console: Console?
    /// Turns a record's line number into the location a problem names.
    var locate: @Sendable (Int) -> String = { "line \($0)" }
    /// Undo the export's spreadsheet guard in text columns (drop one leading `'`):
    /// only for files known to be carelog's own export (`import bundle`). A plain
    /// import stores text exactly as given.
    var unescapesSpreadsheetText = false
    /// How to read day-first or month-first dates (`--date-order`); nil refuses them.
    var dateOrder: DateOrder? = nil

    /// Validates and, unless `dryRun`, writes. Returns what was (or would be) done.
    func run(_ input: CSVInput, dryRun: Bool) throws -> ImportSummary {
        try connection.query(ImportStatements.lock(kind))
        try connection.query(StoredQuery.named("import/session_settings"))
        let defaults = try tableDefaults()
        let staging = ImportStatements(kind: kind, presentNames: Set(kind.columns.map(\.name)), tableDefaults: defaults)
        for statement in staging.createTemporaryTables { try connection.query(statement) }

        let streamed = try stream(input, into: staging)
        let statements = ImportStatements(kind: kind, presentNames: streamed.presentNames, tableDefaults: defaults, dateOrder: dateOrder)
        let progress = console ?? Console(showsProgress: false, output: { _ in }, diagnostic: { _ in })
        let sqlProblems = try progress.whileWorking("checking \(streamed.records) \(kind.name) records") {
            if let normalization = statements.normalization { try connection.query(normalization) }
            try check(statements)
            return try collectProblems(headerOrder: streamed.headerOrder)
        }
        let total = sqlProblems.total + streamed.problems.count
        if total > 0 {
            let merged = (streamed.problems + sqlProblems.first).sorted { $0.line < $1.line }.prefix(Self.problemLimit)
            throw ImportRefusal(kind: kind.name, problems: merged.map(\.problem), totalProblems: total)
        }

        let counts = try connection.query(statements.counts)[0]
        var summary = ImportSummary(
            kind: kind.name, records: streamed.records,
            inserted: try counts.decode("inserted"), updated: try counts.decode("updated"),
            unchanged: try counts.decode("unchanged"), dryRun: dryRun)
        if !dryRun && streamed.records > 0 {
            try progress.whileWorking("writing \(streamed.records) \(kind.name) records") {
                if kind.table == "attendance" {
                    // The monthly partitions the new records are filed under (sql/015).
                    try connection.query(StoredQuery.named("partitions/ensure_for_import"))
                }
                try write(statements, records: 1...streamed.lastRecordNumber,
                          inserts: summary.inserted > 0, updates: summary.updated > 0)
            }
        }
        summary.dryRun = dryRun
        return summary
    }

    // MARK: - Streaming

    private struct LocatedProblem {
        var line: Int
        var problem: ImportProblem
    }

    private struct Streamed {
        var presentNames: Set<String> = []
        var headerOrder: [String] = []
        var records = 0
        var lastRecordNumber = 0
        var problems: [LocatedProblem] = []
    }

    /// Reads the file once: the header decides which columns are present, every
    /// well-formed record goes to the staging table through COPY, every malformed
    /// one becomes a problem.
    private func stream(_ input: CSVInput, into statements: ImportStatements) throws -> Streamed {
        let reader = try CSVReader(input)
        var streamed = Streamed()
        var fieldForColumn: [Int?] = []
        var headerFieldCount = 0
        var encoder = CopyTextEncoder()
        var nextProgress = 1 << 22
        let unescapes = kind.columns.map { unescapesSpreadsheetText && $0.isSpreadsheetText }
        let showProgress = console?.showsProgress == true

        try connection.copyIn(statements.copyIntoStaging) { writer in
            try reader.read(
                onRecord: { record in
                    if record.number == 1 {
                        fieldForColumn = try mapHeader(record, line: record.line)
                        headerFieldCount = record.fieldCount
                        streamed.headerOrder = (0..<record.fieldCount).map { headerName(record.string(at: $0)) }
                        streamed.presentNames = Set(streamed.headerOrder).intersection(kind.columns.map(\.name))
                        return
                    }
                    streamed.records += 1
                    streamed.lastRecordNumber = record.number
                    guard record.fieldCount == headerFieldCount else {
                        streamed.problems.append(LocatedProblem(line: record.line, problem: ImportProblem(
                            location: locate(record.line),
                            message: "has \(record.fieldCount) field\(record.fieldCount == 1 ? "" : "s"); the header has \(headerFieldCount)")))
                        return
                    }
                    encoder.append(record.number)
                    encoder.append(record.line)
                    for (column, field) in fieldForColumn.enumerated() {
                        if let field, !record.isEmpty(at: field) {
                            if unescapes[column] {
                                record.withBytes(at: field) { encoder.append(SpreadsheetEscaping.unescape($0)) }
                            } else {
                                record.withBytes(at: field) { encoder.append($0) }
                            }
                        } else {
                            encoder.appendNull()
                        }
                    }
                    encoder.endRow()
                    if encoder.buffer.count >= 1 << 18 {
                        try encoder.buffer.withUnsafeBytes { try writer.write($0) }
                        encoder.removeAll()
                    }
                    if showProgress, reader.bytesRead >= nextProgress {
                        nextProgress = reader.bytesRead + (1 << 22)
                        console?.progress(progressLine(reader, records: streamed.records))
                    }
                },
                onProblem: { problem in
                    let located = ImportProblem(location: locate(problem.line), message: problem.message)
                    guard problem.number > 1 else {
                        // Without a readable header no record can be read.
                        throw ImportRefusal(kind: kind.name, problems: [located], totalProblems: 1)
                    }
                    streamed.records += 1
                    streamed.problems.append(LocatedProblem(line: problem.line, problem: located))
                })
            try encoder.buffer.withUnsafeBytes { try writer.write($0) }
        }
        if showProgress { console?.endProgress() }
        if streamed.headerOrder.isEmpty && streamed.problems.isEmpty {
            throw ImportRefusal(kind: kind.name, problems: [ImportProblem(
                location: "line 1", message: "the file is empty; it needs a header row naming the columns (\(kind.columns.map(\.name).joined(separator: ", ")))")],
                totalProblems: 1)
        }
        return streamed
    }

    private func progressLine(_ reader: CSVReader, records: Int) -> String {
        let megabytes = Double(reader.bytesRead) / 1_048_576
        if let total = reader.totalBytes, total > 0 {
            return String(format: "importing %@: %.1f of %.1f MB (%d%%), %d records",
                          kind.name, megabytes, Double(total) / 1_048_576, reader.bytesRead * 100 / total, records)
        }
        return String(format: "importing %@: %.1f MB, %d records", kind.name, megabytes, records)
    }

    private func headerName(_ field: String) -> String {
        field.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// For each column of the kind, the header field that holds it. Refuses the
    /// file at once when the header is wrong: nothing else can be read sensibly.
    private func mapHeader(_ header: CSVRecord, line: Int) throws -> [Int?] {
        var problems: [ImportProblem] = []
        var positions: [String: Int] = [:]
        for index in 0..<header.fieldCount {
            let name = headerName(header.string(at: index))
            if name.isEmpty {
                problems.append(ImportProblem(location: locate(line), column: "#\(index + 1)", message: "the header has an empty column name"))
            } else if kind.readPast.contains(name) {
                continue  // written by the export for people (the site-local start)
            } else if kind.column(named: name) == nil {
                problems.append(ImportProblem(
                    location: locate(line), column: name,
                    message: "is not a column of \(kind.name); the columns are \(kind.columns.map(\.name).joined(separator: ", "))"))
            } else if positions[name] != nil {
                problems.append(ImportProblem(location: locate(line), column: name, message: "appears twice in the header"))
            } else {
                positions[name] = index
            }
        }
        for required in kind.requiredColumnNames where positions[required] == nil {
            problems.append(ImportProblem(location: locate(line), column: required, message: "is required but missing from the header"))
        }
        if !problems.isEmpty {
            throw ImportRefusal(kind: kind.name, problems: Array(problems.prefix(Self.problemLimit)), totalProblems: problems.count)
        }
        return kind.columns.map { positions[$0.name] }
    }

    // MARK: - Checks

    private func check(_ statements: ImportStatements) throws {
        // Temporary tables have no statistics until analysed; without them the
        // planner guesses their size and may scan a large table to join 20 rows.
        try connection.query(StoredQuery.named("import/analyze_staging"))
        if let formatChecks = statements.formatChecks { try connection.query(formatChecks) }
        try connection.query(statements.resolve)
        try connection.query(StoredQuery.named("import/analyze_resolved"))
        for check in statements.referenceChecks { try connection.query(check) }
        try connection.query(statements.dropProblemRows)
        try connection.query(statements.duplicateKeyCheck)
        try connection.query(statements.dropProblemRows)
        for check in statements.ruleChecks { try connection.query(check) }
    }

    private func collectProblems(headerOrder: [String]) throws -> (first: [LocatedProblem], total: Int) {
        let total = Int(try connection.query(StoredQuery.named("import/problem_count"))[0].decode("n", as: Int.self))
        guard total > 0 else { return ([], 0) }
        let rows = try connection.query(StoredQuery.named("import/first_problems", headerOrder, Self.problemLimit))
        let problems = try rows.map { row in
            let line: Int = try row.decode("line_number")
            return LocatedProblem(line: line, problem: ImportProblem(
                location: locate(line), column: try row["column_name"], value: try row["value"], message: try row.decode("message")))
        }
        return (problems, total)
    }

    private func tableDefaults() throws -> [String: String] {
        let rows = try connection.query(StoredQuery.named("import/table_defaults", kind.table))
        var defaults: [String: String] = [:]
        for row in rows {
            defaults[try row.decode("column_name")] = try row.decode("column_default")
        }
        return defaults
    }

    // MARK: - Writing

    /// Writes in one go. Should the database still refuse (a rule that only its
    /// constraints know, or a race the checks could not see), narrows the refusal
    /// down to the first record that causes it, so that it too comes back as a
    /// located problem rather than a bare SQL error.
    ///
    /// `inserts` and `updates` say whether the counts found anything to insert or to
    /// change (the table is locked against other writers since they were counted): a
    /// statement with nothing to do is not sent, which spares a roll call of unchanged
    /// records its statement triggers.
    private func write(_ statements: ImportStatements, records: ClosedRange<Int>, inserts: Bool, updates: Bool) throws {
        let attemptWrite = { (records: ClosedRange<Int>, keep: Bool) in
            try self.attemptWrite(statements, records: records, inserts: inserts, updates: updates, keep: keep)
        }
        if let error = try attemptWrite(records, true) {
            var good = records.lowerBound - 1
            var bad = records.upperBound
            var lastError = error
            while bad - good > 1 {
                let middle = (good + bad) / 2
                if let error = try attemptWrite(records.lowerBound...middle, false) {
                    bad = middle
                    lastError = error
                } else {
                    good = middle
                }
            }
            throw try refusal(for: lastError, record: bad)
        }
    }

    /// Tries a write inside a savepoint; keeps it when `keep` and it succeeds,
    /// undoes it otherwise. Returns the integrity error it met, if any.
    private func attemptWrite(
        _ statements: ImportStatements, records: ClosedRange<Int>, inserts: Bool, updates: Bool, keep: Bool
    ) throws -> PostgresError? {
        try connection.query(StoredQuery.named("import/savepoint"))
        do {
            try writeForReal(statements, records: records, inserts: inserts, updates: updates)
            try connection.query(keep ? StoredQuery.named("import/release_savepoint") : StoredQuery.named("import/rollback_to_savepoint"))
            return nil
        } catch let error as PostgresError where error.kind == .server && error.sqlState?.errorClass == "23" {
            try connection.query(StoredQuery.named("import/rollback_to_savepoint"))
            return error
        }
    }

    private func writeForReal(_ statements: ImportStatements, records: ClosedRange<Int>, inserts: Bool, updates: Bool) throws {
        if inserts {
            try connection.query(statements.insertNew(records: records))
        }
        if updates, let update = statements.updateChanged(records: records) {
            try connection.query(update)
        }
    }

    private func refusal(for error: PostgresError, record: Int) throws -> ImportRefusal {
        let column = ConstraintMessages.column(for: error, kind: kind)
        let row = try connection.query(StoredQuery.named("import/staging_value", column, record)).first
        let line = try row?.decode("line_number", as: Int.self) ?? 0
        let problem = ImportProblem(
            location: locate(line), column: column, value: try row?["value"],
            message: ConstraintMessages.sentence(for: error))
        return ImportRefusal(kind: kind.name, problems: [problem], totalProblems: 1)
    }
}
