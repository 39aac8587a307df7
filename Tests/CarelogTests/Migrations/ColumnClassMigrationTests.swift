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
            try connection.executeScript("""
                INSERT INTO carelog.site (site_code, name, timezone) VALUES ('NYC', 'New York', 'America/New_York');
                INSERT INTO carelog.staff (staff_id, first_name, last_name, role, site_id)
                SELECT 'T1', 'A', 'B', 'therapist', id FROM carelog.site;
                INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
                SELECT '00912', 'P', 'Q', '1990-01-01', 'female', id FROM carelog.site;
                INSERT INTO carelog.treatment_plan (plan_code, patient_id, created_on, author_id)
                SELECT 'P-912', p.id, '2026-09-02', s.id FROM carelog.patient p, carelog.staff s;
                INSERT INTO carelog.plan_goal (plan_id, goal_code, domain, description)
                SELECT id, v.code, v.domain, v.description FROM carelog.treatment_plan,
                       (VALUES ('G1', 'Yolanda Vexworth 00912', 'Abstain'), ('G2', 'housing', NULL), ('G3', 'Family therapy', NULL))
                       AS v(code, domain, description);
                """)
            _ = try Migrator.embedded().migrate(connection)
            #expect(try connection.scalar("""
                SELECT string_agg(goal_code || '|' || domain || '|' || coalesce(description, ''), '; ' ORDER BY goal_code)
                  FROM carelog.plan_goal
                """) == "G1|other|domain: Yolanda Vexworth 00912 — Abstain; G2|housing|; G3|other|domain: Family therapy")
        }
    }
}
