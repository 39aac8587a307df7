import Foundation
import Postgres

/// Applies the numbered migrations of `sql/`, each once, in order, each in its own
/// transaction, and records its name and SHA-256 in `carelog.schema_migration`.
///
/// An applied migration whose text has changed is refused, naming the file: the
/// schema of a database holding clinical records must be reproducible from the
/// migrations exactly. Concurrent migrators take turns on an advisory lock.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    public static func embedded() throws -> Migrator {
        Migrator(migrations: try Migration.embedded())
    }

    public enum State: Equatable, Sendable {
        case applied(at: String)
        case pending
    }

    public struct Entry: Equatable, Sendable {
        public let migration: Migration
        public let state: State
    }

    /// Every migration with its state. Throws when the database was changed by a
    /// different set of migrations (edited, or unknown to this build).
    public func status(_ connection: Connection) throws -> [Entry] {
        let applied = try appliedMigrations(connection)
        try checkConsistency(applied)
        return migrations.map { migration in
            if let record = applied[migration.version] {
                return Entry(migration: migration, state: .applied(at: record.appliedAt))
            }
            return Entry(migration: migration, state: .pending)
        }
    }

    /// Applies what is pending and returns it (empty when the database is current).
    @discardableResult
    public func migrate(_ connection: Connection, console: Console? = nil) throws -> [Migration] {
        try connection.transaction {
            try lock(connection)
            try connection.executeScript(StoredQuery.text("migrations/bookkeeping"))
        }
        var newlyApplied: [Migration] = []
        for migration in migrations {
            let wasApplied = try connection.transaction { () -> Bool in
                try lock(connection)
                let applied = try appliedMigrations(connection)
                try checkConsistency(applied)
                if applied[migration.version] != nil { return false }
                do {
                    try connection.executeScript(migration.sql)
                } catch let error as PostgresError {
                    throw CarelogError(
                        .failure,
                        "migration \(migration.name) failed and was rolled back, so the database is as it was before it: \(error.message)"
                            + (error.detail.map { " (\($0))" } ?? ""),
                        suggestion: error.hint ?? "Nothing of this migration was kept; fix the cause and run `carelog db migrate` again.")
                }
                // From 008 on, what a migration created is handed to carelog_owner.
                try connection.query(StoredQuery.named("access/hand_to_owner"))
                try connection.query(StoredQuery.named(
                    "migrations/record_applied", migration.version, migration.name, migration.checksum))
                return true
            }
            if wasApplied {
                console?.note("applied migration \(migration.name)")
                newlyApplied.append(migration)
            }
        }
        return newlyApplied
    }

    /// True when every migration of this build is applied.
    public func isCurrent(_ connection: Connection) throws -> Bool {
        try status(connection).allSatisfy { $0.state != .pending }
    }

    // MARK: - Bookkeeping

    private struct AppliedRecord {
        let name: String
        let checksum: String
        let appliedAt: String
    }

    private func lock(_ connection: Connection) throws {
        try connection.query(StoredQuery.named("migrations/lock"))
    }

    private func appliedMigrations(_ connection: Connection) throws -> [Int: AppliedRecord] {
        let exists = try connection.query(StoredQuery.named("migrations/bookkeeping_exists"))
        guard try exists.first?.decode("present", as: Bool.self) == true else { return [:] }
        let rows = try connection.query(StoredQuery.named("migrations/applied"))
        var applied: [Int: AppliedRecord] = [:]
        for row in rows {
            applied[try row.decode("version")] = AppliedRecord(
                name: try row.decode("name"), checksum: try row.decode("checksum"), appliedAt: try row.decode("applied_at"))
        }
        return applied
    }

    private func checkConsistency(_ applied: [Int: AppliedRecord]) throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for (version, record) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[version] else {
                throw CarelogError(
                    .failure,
                    "the database has migration \(record.name), which this build of carelog does not know",
                    suggestion: "It was migrated by a newer carelog; use that version.")
            }
            guard migration.checksum == record.checksum else {
                throw CarelogError(
                    .failure,
                    "migration \(migration.name) was edited after it was applied to this database (recorded SHA-256 \(record.checksum.prefix(12))…, now \(migration.checksum.prefix(12))…)",
                    suggestion: "Restore the file as it was applied and put the change in a new, higher-numbered migration.")
            }
        }
    }
}
