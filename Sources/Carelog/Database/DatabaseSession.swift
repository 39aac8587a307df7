import Postgres

/// Opens the database a command works on and checks that its schema is current.
public enum DatabaseSession {
    public enum SchemaPolicy: Sendable {
        /// Every command that reads or writes records: the local default is migrated
        /// on the spot (it is carelog's own); any other database must already be
        /// current, because changing a shared schema is a decision for its owner.
        case requireCurrent
        /// `db migrate` and `db status`, which handle the schema themselves.
        case leaveAlone
    }

    /// - Parameter role: how the note on standard error introduces the database
    ///   (`using`, or `recording the run in` for a run's log database).
    public static func open(
        _ target: DatabaseTarget, console: Console, schema: SchemaPolicy = .requireCurrent, role: String = "using"
    ) throws -> Connection {
        let connection = try target.connect(console: console)
        console.note(DatabaseTarget.describe(connection, source: target.source, role: role))
        guard schema == .requireCurrent else { return connection }
        let migrator = try Migrator.embedded()
        if try migrator.isCurrent(connection) {
            return connection
        }
        if target.source == .localDefault {
            try migrator.migrate(connection, console: console)
        } else {
            let pending = try migrator.status(connection).filter { $0.state == .pending }.map(\.migration.name)
            throw CarelogError(
                .failure,
                "the database \(connection.databaseName) is not at this carelog's schema (pending: \(pending.joined(separator: ", ")))",
                suggestion: "Run `carelog db migrate` with the same --database first.")
        }
        return connection
    }
}
