import Postgres
import Testing

/// Runs `body` and returns the `PostgresError` it throws; records an issue when it
/// throws nothing or something else.
@discardableResult
func expectPostgresError(
    _ sqlState: SQLState, constraint: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) -> PostgresError? {
    do {
        try body()
        Issue.record("expected SQLSTATE \(sqlState), but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as PostgresError {
        #expect(error.sqlState == sqlState, "\(error.message)", sourceLocation: sourceLocation)
        if let constraint {
            #expect(error.constraint == constraint, "\(error.message)", sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("expected a PostgresError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

extension Connection {
    /// The single value of a one-row, one-column query, as text.
    func scalar(_ query: SQLQuery) throws -> String? {
        let result = try self.query(query)
        guard let row = result.first else { return nil }
        return row[0]
    }

    func count(_ table: String) throws -> Int {
        Int(try scalar(SQLQuery(unsafeSQL: "SELECT count(*) FROM \(table)")) ?? "") ?? -1
    }
}
