import Postgres

/// `carelog db migrate` and `carelog db status`.
public enum SchemaOperations {
    /// Applies every pending migration and says what it did.
    public static func migrate(target: DatabaseTarget, console: Console) throws {
        let connection = try DatabaseSession.open(target, console: console, schema: .leaveAlone)
        defer { connection.close() }
        let applied = try Migrator.embedded().migrate(connection, console: console)
        console.print(applied.isEmpty
            ? "The database is up to date; nothing to apply."
            : "Applied \(applied.count) migration\(applied.count == 1 ? "" : "s"): \(applied.map(\.name).joined(separator: ", ")).")
    }

    /// Lists applied and pending migrations.
    public static func status(target: DatabaseTarget, console: Console) throws {
        let connection = try DatabaseSession.open(target, console: console, schema: .leaveAlone)
        defer { connection.close() }
        let entries = try Migrator.embedded().status(connection)
        let width = max(9, entries.map(\.migration.name.count).max() ?? 0)
        console.print("migration".padding(width) + "  state")
        for entry in entries {
            switch entry.state {
            case .applied(let at): console.print(entry.migration.name.padding(width) + "  applied \(at)")
            case .pending: console.print(entry.migration.name.padding(width) + "  pending")
            }
        }
        let pending = entries.filter { $0.state == .pending }.count
        console.print(pending == 0 ? "Up to date." : "\(pending) pending: run `carelog db migrate`.")
    }
}
