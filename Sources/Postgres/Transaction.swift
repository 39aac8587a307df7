/// How a transaction isolates itself from concurrent writers.
public struct TransactionMode: Sendable {
    public enum Isolation: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    public var isolation: Isolation
    public var readOnly: Bool

    public init(isolation: Isolation = .readCommitted, readOnly: Bool = false) {
        self.isolation = isolation
        self.readOnly = readOnly
    }

    public static let readWrite = TransactionMode()
    /// One consistent snapshot for several statements: what the monthly bundle and
    /// the auditor export read from, so that their files agree with each other.
    public static let snapshot = TransactionMode(isolation: .repeatableRead, readOnly: true)

    var beginStatement: String {
        "BEGIN ISOLATION LEVEL \(isolation.rawValue)" + (readOnly ? " READ ONLY" : " READ WRITE")
    }
}

extension Connection {
    /// Runs `body` inside a transaction: commits when it returns, rolls back when it
    /// throws (and rethrows). Transactions do not nest.
    @discardableResult
    public func transaction<Result>(_ mode: TransactionMode = .readWrite, _ body: () throws -> Result) throws -> Result {
        guard transactionStatus == .idle else {
            throw PostgresError(kind: .misuse, message: "a transaction is already open on this connection")
        }
        try query(SQLQuery(unsafeSQL: mode.beginStatement))
        let value: Result
        do {
            value = try body()
        } catch {
            rollbackQuietly()
            throw error
        }
        if transactionStatus == .failedTransaction {
            // A statement failed but the body swallowed the error: COMMIT would
            // silently roll back, so say so instead.
            rollbackQuietly()
            throw PostgresError(kind: .misuse, message: "the transaction failed and was rolled back")
        }
        try query("COMMIT")
        return value
    }

    private func rollbackQuietly() {
        if isOpen, transactionStatus != .idle {
            _ = try? query("ROLLBACK")
        }
    }
}
