import Carelog
import Postgres
import Testing

extension DatabaseTests {
    /// Migration 017: a goal domain outside the new vocabulary becomes `other`, its text
    /// kept at the front of the goal's description (free text), so nothing is lost and
    /// no free text stays in a column the privacy modes write.
    @Suite("migration 017: goal domains checked")
    struct ColumnClassMigrationTests {
        @Test("a stored free-text domain moves to the description; a listed one stays")
        func legacyDomains() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            defer { connection.close() }
            _ = try Migrator(migrations: try Migration.embedded().filter { $0.version < 17 }).migrate(connection)
            try connection.executeScript(try FixtureSQL.named("before_017_goal_domains"))
            _ = try Migrator.embedded().migrate(connection)
            #expect(try connection.scalar("""
                SELECT string_agg(goal_code || '|' || domain || '|' || coalesce(description, ''), '; ' ORDER BY goal_code)
                  FROM carelog.plan_goal
                """) == "G1|other|domain: Yolanda Vexworth 00912 — Abstain; G2|housing|; G3|other|domain: Family therapy")
        }
    }
}
