/// An error meant for the person at the terminal: what happened, and what to do next.
///
/// Every failure that reaches the command line is one of these, so that the exit
/// status is something scripts can rely on: 1 for a failure, 2 for a usage error,
/// 3 when input was checked and refused (nothing was written).
public struct CarelogError: Error, CustomStringConvertible, Sendable {
    public enum Category: Int32, Sendable {
        case failure = 1
        case usage = 2
        case validation = 3
    }

    public var category: Category
    /// What happened, as one sentence without a trailing period.
    public var message: String
    /// What to do about it, when there is something to do.
    public var suggestion: String?

    public init(_ category: Category = .failure, _ message: String, suggestion: String? = nil) {
        self.category = category
        self.message = message
        self.suggestion = suggestion
    }

    public var exitCode: Int32 { category.rawValue }

    public var description: String {
        if let suggestion { return "\(message)\n\(suggestion)" }
        return message
    }
}

import Postgres

extension CarelogError {
    /// An error that leaves the library, as a `CarelogError`, or nil for an error
    /// that is not the library's (the command-line parser's own): the command line
    /// knows one error type and never the database driver's.
    ///
    /// A database error the library did not already turn into a sentence of its own
    /// keeps the server's message and its detail or hint (never a connection string:
    /// `Postgres` does not put one in an error).
    public init?(libraryError error: Error) {
        switch error {
        case let error as CarelogError:
            self = error
        case let error as PostgresError where error.kind == .connectionFailed:
            self.init(.failure, "could not connect to the database: \(error.message)",
                      suggestion: "Check --database (or CARELOG_DATABASE) and that the server is running.")
        case let error as PostgresError where error.kind == .connectionLost:
            self.init(.failure, "the connection to the database was lost: \(error.message)",
                      suggestion: "Nothing of the interrupted transaction was written. Run the command again once the database is back.")
        case let error as PostgresError where error.sqlState == .insufficientPrivilege:
            self.init(.failure, "not allowed for this login: \(error.message)",
                      suggestion: error.hint ?? "The database's access rules (grants and row-level security) refuse it; nothing was written. "
                        + "See README, \"Access control\", for what each role may do.")
        case let error as PostgresError:
            self.init(.failure, "the database refused: \(error.message)", suggestion: error.detail ?? error.hint)
        default:
            return nil
        }
    }
}
