import CLibPQ

/// Owns one `PGresult` and frees it exactly once, when the last reference goes.
final class ResultHandle {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { PQclear(pointer) }
}

/// The rows (or command outcome) of one statement, read in PostgreSQL's text format.
///
/// The whole result is held by libpq in memory, so use it for statements whose
/// result is small by construction (a report, a count, a lookup); stream big data
/// with `Connection.copyOut`.
public struct QueryResult: RandomAccessCollection {
    let handle: ResultHandle

    init(_ handle: ResultHandle) { self.handle = handle }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(PQntuples(handle.pointer)) }
    public subscript(position: Int) -> Row { Row(result: self, index: Int32(position)) }

    public var columnCount: Int { Int(PQnfields(handle.pointer)) }

    public var columnNames: [String] {
        (0..<PQnfields(handle.pointer)).map { String(cString: PQfname(handle.pointer, $0)) }
    }

    /// The type of each column, as the OID of its PostgreSQL type (`PQftype`): 23 for
    /// integer, 1082 for date, 25 for text… (see `pg_type`).
    public var columnTypes: [UInt32] {
        (0..<PQnfields(handle.pointer)).map { UInt32(PQftype(handle.pointer, $0)) }
    }

    /// The command tag, for example `INSERT 0 3`.
    public var commandTag: String { String(cString: PQcmdStatus(handle.pointer)) }

    /// Rows affected by INSERT/UPDATE/DELETE/COPY (or returned by SELECT), when the
    /// server reports it.
    public var affectedRows: Int? { Int(String(cString: PQcmdTuples(handle.pointer))) }

    func columnIndex(_ name: String) throws -> Int32 {
        let index = PQfnumber(handle.pointer, SQLQuery.quoteIdentifier(name))
        guard index >= 0 else {
            throw PostgresError(
                kind: .misuse,
                message: "the result has no column \"\(name)\"; it has \(columnNames.joined(separator: ", "))")
        }
        return index
    }

    func text(row: Int32, column: Int32) -> String? {
        if PQgetisnull(handle.pointer, row, column) == 1 { return nil }
        let length = Int(PQgetlength(handle.pointer, row, column))
        let bytes = UnsafeRawBufferPointer(start: PQgetvalue(handle.pointer, row, column), count: length)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One row of a `QueryResult`. Columns are found by name; NULL comes back as `nil`.
public struct Row {
    let result: QueryResult
    let index: Int32

    /// The raw text of a column, or `nil` for NULL.
    public subscript(column: String) -> String? {
        get throws { result.text(row: index, column: try result.columnIndex(column)) }
    }

    /// The raw text of the column at a position, or `nil` for NULL.
    public subscript(position: Int) -> String? {
        result.text(row: index, column: Int32(position))
    }

    /// The value of a column that must not be NULL.
    public func decode<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        guard let value = try decodeIfPresent(column, as: type) else {
            throw PostgresError(kind: .decoding, message: "column \"\(column)\" is NULL; expected \(Value.self)")
        }
        return value
    }

    /// The value of a column, or `nil` when it is NULL.
    public func decodeIfPresent<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value? {
        guard let text = try self[column] else { return nil }
        guard let value = Value(postgresText: text) else {
            throw PostgresError(kind: .decoding, message: "column \"\(column)\" holds \"\(text)\", which is not a \(Value.self)")
        }
        return value
    }
}
