import CLibPQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection, with a single owner that closes it exactly once.
///
/// Blocking by design: carelog is a batch tool that runs one statement after another,
/// so a synchronous API keeps the code straight and the memory flat. Open one
/// connection per thread; a `Connection` is not safe to share between threads.
///
/// ```swift
/// let connection = try Connection(connectionString: "postgresql:///carelog")
/// let rows = try connection.query("SELECT mrn FROM carelog.patient WHERE site_id = \(siteID)")
/// ```
public final class Connection {
    private var handle: OpaquePointer?
    private let noticeSink = NoticeSink()

    /// Opens a connection.
    ///
    /// - Parameters:
    ///   - connectionString: a libpq connection string (`host=… dbname=…`) or URI
    ///     (`postgresql://…`); empty means "libpq's defaults" (the `PG*` environment
    ///     variables, service file and `.pgpass`).
    ///   - overrides: keyword/value pairs that take precedence over the string, such as
    ///     `dbname` when a test opens its own database on a known server.
    ///
    /// Uses `PQconnectdbParams` with `expand_dbname`, so no value is ever pasted into a
    /// connection string: a password holding a quote cannot break anything.
    ///
    /// No error message carries a password, whatever libpq says: a string libpq cannot
    /// parse is refused before connecting with its quoted pieces removed, and every
    /// other message is cleaned by `ConnectionSecrets`.
    public init(connectionString: String, overrides: [String: String] = [:]) throws {
        let secrets = ConnectionSecrets(connectionString: connectionString, overrides: overrides)
        if let parseError = ConnectionSecrets.parse(connectionString).error {
            throw PostgresError(kind: .connectionFailed, message: secrets.redactParseError(parseError))
        }
        var keywords = ["dbname", "fallback_application_name"]
        var values = [connectionString, "carelog"]
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            keywords.append(key)
            values.append(value)
        }
        let connection = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = secrets.redact(PostgresError.trimmed(String(cString: PQerrorMessage(connection))))
            PQfinish(connection)
            throw PostgresError(kind: .connectionFailed, message: message)
        }
        handle = connection
        PQsetNoticeReceiver(connection, noticeReceiver, Unmanaged.passUnretained(noticeSink).toOpaque())
    }

    deinit {
        close()
    }

    /// Closes the connection. Safe to call more than once; later calls do nothing.
    public func close() {
        if let handle {
            self.handle = nil
            PQfinish(handle)
        }
    }

    /// Receives the server's notices and warnings. Without a handler they are dropped.
    public var noticeHandler: ((Notice) -> Void)? {
        get { noticeSink.handler }
        set { noticeSink.handler = newValue }
    }

    // MARK: - What the connection is connected to

    /// True while the connection is open and libpq has not seen it break.
    public var isOpen: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    public var databaseName: String { handle.map { String(cString: PQdb($0)) } ?? "" }
    public var userName: String { handle.map { String(cString: PQuser($0)) } ?? "" }
    /// Host name, or the socket directory for a Unix-socket connection.
    public var host: String { handle.flatMap { PQhost($0) }.map { String(cString: $0) } ?? "" }
    public var port: String { handle.flatMap { PQport($0) }.map { String(cString: $0) } ?? "" }
    /// Server version as an integer, e.g. 150018 for 15.18.
    public var serverVersion: Int { handle.map { Int(PQserverVersion($0)) } ?? 0 }

    /// The version of the libpq this program runs with, as `PQlibVersion` gives it
    /// (150018 for 15.18).
    public static var libraryVersion: Int { Int(PQlibVersion()) }
    /// Process id of the server backend serving this connection.
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// The transaction state libpq sees between statements.
    public var transactionStatus: TransactionStatus {
        guard let handle else { return .unknown }
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: return .idle
        case PQTRANS_INTRANS: return .inTransaction
        case PQTRANS_INERROR: return .failedTransaction
        case PQTRANS_ACTIVE: return .active
        default: return .unknown
        }
    }

    public enum TransactionStatus: Sendable {
        case idle, inTransaction, failedTransaction, active, unknown
    }

    // MARK: - Statements

    /// Runs one statement with its values as bound parameters and returns its rows.
    @discardableResult
    public func query(_ query: SQLQuery) throws -> QueryResult {
        let connection = try liveHandle()
        let result = withOptionalCStringArray(query.parameters) { values in
            PQexecParams(connection, query.sql, Int32(query.parameters.count), nil, values, nil, nil, 0)
        }
        return try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
    }

    /// Runs trusted SQL that may hold several statements, such as a migration file
    /// carried in the binary. Takes no parameters by design: never build its text
    /// from input.
    public func executeScript(_ trustedSQL: String) throws {
        let connection = try liveHandle()
        let result = PQexec(connection, trustedSQL)
        _ = try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY])
    }

    /// The verifier PostgreSQL stores for `password` of the role `user`, computed here
    /// by libpq (`PQencryptPasswordConn`, in the server's `password_encryption`
    /// scheme, SCRAM-SHA-256 by default), so that the password itself is never sent
    /// to the server nor written to its logs: `ALTER ROLE … PASSWORD` gets the verifier.
    public func passwordVerifier(for password: String, user: String) throws -> String {
        let connection = try liveHandle()
        guard let verifier = PQencryptPasswordConn(connection, password, user, nil) else {
            throw PostgresError(kind: .misuse, message: PostgresError.trimmed(String(cString: PQerrorMessage(connection))))
        }
        defer { PQfreemem(verifier) }
        return String(cString: verifier)
    }

    // MARK: - Internals shared with the COPY and transaction extensions

    func liveHandle() throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(kind: .misuse, message: "the connection is closed")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            throw lostConnectionError()
        }
        return handle
    }

    func lostConnectionError(_ result: OpaquePointer? = nil) -> PostgresError {
        var error: PostgresError
        if let result, PQresultErrorField(result, CLIBPQ_DIAG_MESSAGE_PRIMARY) != nil {
            error = PostgresError(result: result, kind: .connectionLost)
        } else {
            let text = handle.map { PostgresError.trimmed(String(cString: PQerrorMessage($0))) } ?? ""
            error = PostgresError(kind: .connectionLost, message: text.isEmpty ? "the connection to the server was lost" : text)
        }
        error.kind = .connectionLost
        return error
    }

    /// Wraps a result so it is freed, and turns a failure into a `PostgresError`.
    func check(_ result: OpaquePointer?, expecting accepted: [ExecStatusType]) throws -> QueryResult {
        guard let result else {
            throw lostConnectionError()
        }
        let owned = ResultHandle(result)
        let status = PQresultStatus(result)
        if accepted.contains(status) {
            return QueryResult(owned)
        }
        if let handle, PQstatus(handle) != CONNECTION_OK {
            throw lostConnectionError(result)
        }
        if status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR {
            var error = PostgresError(result: result)
            // A FATAL error (such as 57P01, the backend terminated by an
            // administrator) ends the session even before libpq notices the
            // socket closing.
            if error.severity == "FATAL" || error.severity == "PANIC" || error.sqlState?.errorClass == "08" {
                error.kind = .connectionLost
            }
            throw error
        }
        throw PostgresError(
            kind: .misuse,
            message: "unexpected result status \(String(cString: PQresStatus(status)))")
    }
}

// MARK: - C string arrays

/// Calls `body` with a NULL-terminated array of C strings that lives for the call.
func withCStringArray<Result>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result) -> Result {
    withOptionalCStringArray(strings.map { Optional($0) }) { pointer in
        body(pointer)
    }
}

/// Like `withCStringArray`, with `nil` entries passed as NULL pointers (SQL NULL
/// parameters). The array itself is NULL-terminated.
func withOptionalCStringArray<Result>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result) -> Result {
    let duplicates: [UnsafeMutablePointer<CChar>?] = strings.map { string in string.map { strdup($0) } }
    defer { duplicates.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = duplicates.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
