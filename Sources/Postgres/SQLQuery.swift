/// A SQL statement whose interpolated values travel as bound parameters.
///
/// Writing `"SELECT * FROM carelog.patient WHERE mrn = \(mrn)"` produces the text
/// `... WHERE mrn = $1` and sends `mrn` separately, so no value can ever change the
/// meaning of a statement. Text that must become part of the SQL itself has to be
/// asked for by name: `\(identifier:)` quotes a name, `\(unsafeRaw:)` splices
/// trusted text (constants of the program, never input). The safe way is the short one.
public struct SQLQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var sql: String
    /// Parameter values in PostgreSQL's text format; `nil` is SQL NULL.
    public private(set) var parameters: [String?]

    public init(stringLiteral value: String) {
        sql = value
        parameters = []
    }

    /// Trusted SQL text with no parameters, such as a migration or report file
    /// embedded in the binary.
    public init(unsafeSQL: String, parameters: [String?] = []) {
        sql = unsafeSQL
        self.parameters = parameters
    }

    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        parameters = stringInterpolation.parameters
    }

    public var description: String { sql }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var parameters: [String?] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// A value, sent as the next `$n` parameter.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            parameters.append(value?.postgresText)
            sql += "$\(parameters.count)"
        }

        /// A table, column or database name, double-quoted as PostgreSQL requires.
        public mutating func appendInterpolation(identifier: String) {
            sql += SQLQuery.quoteIdentifier(identifier)
        }

        /// Trusted SQL text spliced as it is. Never pass user input here.
        public mutating func appendInterpolation(unsafeRaw text: String) {
            sql += text
        }
    }

    /// Quotes an identifier the way `PQescapeIdentifier` does: wrap in double quotes
    /// and double any double quote inside.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
