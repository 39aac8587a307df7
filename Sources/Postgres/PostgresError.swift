import CLibPQ

/// Every failure that comes out of the `Postgres` module.
///
/// One type for all of them, so that callers can tell a refused connection from a
/// constraint violation by looking at `kind` and `sqlState` instead of parsing text.
/// The server's own fields (message, detail, hint, context, and the names of the
/// table, column and constraint involved) are kept apart, because the importer turns
/// a constraint name into a sentence a therapist can act on.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The connection could not be opened (bad connection string, server down, auth).
        case connectionFailed
        /// An open connection broke during a call (server stopped, backend terminated).
        case connectionLost
        /// The server refused a statement; `sqlState` says why.
        case server
        /// A value read back could not be converted to the requested Swift type.
        case decoding
        /// The caller used the API wrongly (for example COPY data outside a COPY).
        case misuse
    }

    public var kind: Kind
    public var sqlState: SQLState?
    /// Severity as the server sent it, untranslated (`ERROR`, `FATAL`, …).
    public var severity: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    public var context: String?
    public var schema: String?
    public var table: String?
    public var column: String?
    public var constraint: String?

    public init(
        kind: Kind, message: String, sqlState: SQLState? = nil, severity: String? = nil,
        detail: String? = nil, hint: String? = nil, context: String? = nil,
        schema: String? = nil, table: String? = nil, column: String? = nil,
        constraint: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.severity = severity
        self.detail = detail
        self.hint = hint
        self.context = context
        self.schema = schema
        self.table = table
        self.column = column
        self.constraint = constraint
    }

    /// Reads the fields of an error result. `result` stays owned by the caller.
    init(result: OpaquePointer, kind: Kind = .server) {
        func field(_ code: Int32) -> String? {
            guard let pointer = PQresultErrorField(result, code) else { return nil }
            return String(cString: pointer)
        }
        let primary = field(CLIBPQ_DIAG_MESSAGE_PRIMARY)
            ?? PostgresError.trimmed(String(cString: PQresultErrorMessage(result)))
        self.init(
            kind: kind,
            message: primary,
            sqlState: field(CLIBPQ_DIAG_SQLSTATE).map(SQLState.init(rawValue:)),
            severity: field(CLIBPQ_DIAG_SEVERITY_NONLOCALIZED),
            detail: field(CLIBPQ_DIAG_MESSAGE_DETAIL),
            hint: field(CLIBPQ_DIAG_MESSAGE_HINT),
            context: field(CLIBPQ_DIAG_CONTEXT),
            schema: field(CLIBPQ_DIAG_SCHEMA_NAME),
            table: field(CLIBPQ_DIAG_TABLE_NAME),
            column: field(CLIBPQ_DIAG_COLUMN_NAME),
            constraint: field(CLIBPQ_DIAG_CONSTRAINT_NAME)
        )
    }

    static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }

    public var description: String {
        var lines = [message]
        if let detail { lines.append("DETAIL: \(detail)") }
        if let hint { lines.append("HINT: \(hint)") }
        return lines.joined(separator: "\n")
    }
}

/// A five-character SQLSTATE code. A struct of constants rather than an enum, so that
/// a code this file does not list still round-trips and never breaks a `switch`.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The class (first two characters), e.g. `23` for integrity violations.
    public var errorClass: String { String(rawValue.prefix(2)) }

    public static let notNullViolation = SQLState(rawValue: "23502")
    public static let foreignKeyViolation = SQLState(rawValue: "23503")
    public static let uniqueViolation = SQLState(rawValue: "23505")
    public static let checkViolation = SQLState(rawValue: "23514")
    public static let exclusionViolation = SQLState(rawValue: "23P01")
    public static let insufficientPrivilege = SQLState(rawValue: "42501")
    public static let invalidParameterValue = SQLState(rawValue: "22023")
    public static let duplicateObject = SQLState(rawValue: "42710")
    public static let undefinedTable = SQLState(rawValue: "42P01")
    public static let syntaxError = SQLState(rawValue: "42601")
    public static let invalidTextRepresentation = SQLState(rawValue: "22P02")
    public static let invalidDatetimeFormat = SQLState(rawValue: "22007")
    public static let datetimeFieldOverflow = SQLState(rawValue: "22008")
    public static let badCopyFileFormat = SQLState(rawValue: "22P04")
    public static let characterNotInRepertoire = SQLState(rawValue: "22021")
    public static let serializationFailure = SQLState(rawValue: "40001")
    public static let deadlockDetected = SQLState(rawValue: "40P01")
    public static let queryCanceled = SQLState(rawValue: "57014")
    public static let adminShutdown = SQLState(rawValue: "57P01")
    public static let raiseException = SQLState(rawValue: "P0001")
    public static let readOnlySQLTransaction = SQLState(rawValue: "25006")
    public static let duplicateDatabase = SQLState(rawValue: "42P04")
    public static let invalidCatalogName = SQLState(rawValue: "3D000")
}
