import Postgres

/// `carelog import KIND FILE`.
public enum ImportOperation {
    /// The KIND names, in the order a fresh database is best filled.
    public static var kindNames: [String] { ImportKind.all.map(\.name) }

    /// Imports one file all or nothing, and prints what it did.
    ///
    /// - Parameters:
    ///   - actingStaff: the staff member the audit trail records as having made the
    ///     change (`--by`); checked against the staff table.
    ///   - changeReason: `--reason`: why recorded attendance changes (the database
    ///     refuses a correction without one, and keeps it with the record).
    @discardableResult
    public static func run(
        target: DatabaseTarget, kind kindName: String, input: CSVInput, dryRun: Bool, actingStaff: String?,
        dateOrder: DateOrder? = nil, changeReason: String? = nil, console: Console
    ) throws -> ImportSummary {
        let changeReason = try ChangeReason.checked(changeReason)
        guard let kind = ImportKind.named(kindName) else {
            throw CarelogError(.usage, "there is no import kind \"\(kindName)\"",
                               suggestion: "The kinds are: \(kindNames.joined(separator: ", ")).")
        }
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let summary = try importing(connection: connection, dryRun: dryRun) {
            try ActingStaff.setForRecords(actingStaff, on: connection)
            if let changeReason { try connection.query(StoredQuery.named("attendance/set_change_reason", changeReason)) }
            var importer = Importer(connection: connection, kind: kind, console: console)
            importer.dateOrder = dateOrder
            return try importer.run(input, dryRun: dryRun)
        }
        console.print(summary.description)
        if !summary.dryRun, summary.inserted + summary.updated >= ReadyForReading.importThreshold {
            ReadyForReading.settle(connection, vacuuming: [kind.table], console: console)
        }
        return summary
    }

    /// Runs `body` in a transaction that is committed only when it succeeds and this
    /// is not a dry run; turns a refusal into the exit-status-3 error.
    static func importing<Summary: Sendable>(
        connection: Connection, dryRun: Bool, wording: @autoclosure () -> ImportRefusal.Wording = .file, _ body: () throws -> Summary
    ) throws -> Summary {
        do {
            return try connection.transaction {
                let summary = try body()
                if dryRun { throw DryRunDone(summary: summary) }
                return summary
            }
        } catch let done as DryRunDone<Summary> {
            return done.summary
        } catch let refusal as ImportRefusal {
            throw refusal.carelogError(wording())
        } catch let error as PostgresError where error.kind == .connectionLost {
            throw CarelogError(
                .failure, "the connection to the database was lost during the import: \(error.message)",
                suggestion: "Nothing was written (the transaction never committed). Run the import again once the database is back.")
        }
    }
}

/// Rolls a dry run back, carrying what it would have done.
private struct DryRunDone<Summary: Sendable>: Error {
    let summary: Summary
}
