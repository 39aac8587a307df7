import Postgres

/// A statement kept in `queries/CONCEPT/NAME.sql` and carried in the binary.
///
/// SQL lives in `.sql` files so that it is read, diffed and reviewed as SQL and can
/// be pasted into psql as it is (the yesql pattern). Each file is one statement;
/// its values are PostgreSQL's positional parameters `$1`, `$2`, … (a comment at
/// the top of the file says what each one is), bound here, never spliced.
///
///     let rows = try connection.query(StoredQuery.named("attendance/sessions_of_day", groupCode, day))
public enum StoredQuery {
    /// The text of `queries/PATH.sql` (`PATH` without the extension).
    public static func text(_ path: String) -> String {
        guard let file = EmbeddedSQL.queries.first(where: { $0.name == path + ".sql" }) else {
            // A missing file is a build defect, not a user's mistake: every name is a
            // constant of the program, and a test runs each one.
            preconditionFailure("queries/\(path).sql is not in this build")
        }
        return file.text
    }

    /// The statement of `queries/PATH.sql` with `parameters` bound as `$1`, `$2`, …
    public static func named(_ path: String, _ parameters: (any PostgresEncodable)?...) -> SQLQuery {
        SQLQuery(unsafeSQL: text(path), parameters: parameters.map { $0?.postgresText })
    }

    /// The path of every stored query (`export/audit`), sorted.
    public static var all: [String] {
        EmbeddedSQL.queries.map { String($0.name.dropLast(".sql".count)) }.sorted()
    }

    /// True when `queries/PATH.sql` is in this build.
    public static func exists(_ path: String) -> Bool {
        EmbeddedSQL.queries.contains { $0.name == path + ".sql" }
    }

    /// The paths of every stored query under `folder` (`seed`), sorted: for a concept
    /// whose statements run in file order.
    public static func paths(under folder: String) -> [String] {
        EmbeddedSQL.queries.map(\.name)
            .filter { $0.hasPrefix(folder + "/") }
            .map { String($0.dropLast(".sql".count)) }
            .sorted()
    }
}
