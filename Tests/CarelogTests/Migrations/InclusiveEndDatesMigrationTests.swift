import Carelog
import Postgres
import Testing

extension DatabaseTests {
    /// Migration 007: `ends_on` becomes the last day (docs/data-model.md), without any stored
    /// record changing meaning, and closed groups require enrollment.
    @Suite("migration 007: inclusive end dates, closed groups")
    struct InclusiveEndDatesMigrationTests {
        /// A database at migration 006 with one site, a patient handed over from one
        /// primary therapist to another (stored with the old exclusive ends), and a
        /// closed group whose enrollment covers the attended session.
        private func databaseAt006(enrollPatient: Bool = true) throws -> (TestDatabase, Connection) {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            let upTo006 = try Migration.embedded().filter { $0.version <= 6 }
            _ = try Migrator(migrations: upTo006).migrate(connection)
            try connection.executeScript(try FixtureSQL.named("before_007_handover"))
            if enrollPatient {
                // Exclusive end 09-10: enrolled through 09-09, the session's day.
                try connection.query("""
                    INSERT INTO carelog.group_enrollment (group_id, patient_id, starts_on, ends_on)
                    SELECT g.id, p.id, '2026-09-02', '2026-09-10' FROM carelog.care_group g, carelog.patient p
                    """)
            }
            try connection.query("""
                INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id)
                SELECT gs.id, p.id, 'present', s.id FROM carelog.group_session gs, carelog.patient p, carelog.staff s
                 WHERE s.staff_id = 'T1'
                """)
            return (database, connection)
        }

        @Test("a stored exclusive end becomes the day before: the same days are covered")
        func storedEndsMoveBack() throws {
            let (database, connection) = try databaseAt006()
            defer { connection.close(); withExtendedLifetime(database) {} }
            _ = try Migrator.embedded().migrate(connection)
            #expect(try connection.scalar("""
                SELECT string_agg(s.staff_id || ' ' || a.starts_on || '..' || coalesce(a.ends_on::text, ''), ', ' ORDER BY a.starts_on)
                  FROM carelog.therapist_assignment a JOIN carelog.staff s ON s.id = a.therapist_id
                """) == "T1 2026-09-01..2026-09-14, T2 2026-09-15..")
            #expect(try connection.scalar("SELECT starts_on || '..' || ends_on FROM carelog.group_enrollment") == "2026-09-02..2026-09-09")
            // The change is in the audit trail, as any update.
            #expect(try connection.scalar("""
                SELECT count(*) FROM carelog.audit_event
                 WHERE operation = 'UPDATE' AND table_name IN ('therapist_assignment', 'group_enrollment')
                """) == "2")
            // The enrollment's last day is the session's day: the attendance stays valid,
            // and shortening it by one more day is refused.
            let shortened = #expect(throws: PostgresError.self) {
                try connection.query("UPDATE carelog.group_enrollment SET ends_on = '2026-09-08'")
            }
            #expect(shortened?.constraint == "attendance_enrolled")
        }

        @Test("attendance of a closed group without enrollment makes the migration refuse, naming the rule")
        func unenrolledAttendanceRefusesMigration() throws {
            let (database, connection) = try databaseAt006(enrollPatient: false)
            defer { connection.close(); withExtendedLifetime(database) {} }
            let error = #expect(throws: CarelogError.self) { try Migrator.embedded().migrate(connection) }
            #expect(error?.message.hasPrefix("migration 007_inclusive_end_dates_and_closed_groups.sql failed and was rolled back") == true)
            #expect(error?.message.contains("attendance in a closed group can only be recorded for a patient enrolled in it") == true)
            #expect(try connection.scalar("SELECT max(version) FROM carelog.schema_migration") == "6")
            #expect(try connection.scalar("SELECT ends_on::text FROM carelog.therapist_assignment WHERE ends_on IS NOT NULL") == "2026-09-15")
        }

        @Test("a one-day covering assignment imports (starts_on = ends_on), and a handover is a day apart")
        func oneDayAssignmentImports() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            // 00914 has no primary therapist; T002 covers 2026-10-12 alone, T001 takes over the next day.
            let summary = try importCSV("assignments", """
                mrn,staff_id,role,starts_on,ends_on
                00914,T002,primary,2026-10-12,2026-10-12
                00914,T001,primary,2026-10-13,
                """, into: database)
            #expect(summary.inserted == 2)
            #expect(refusedImport("assignments", """
                mrn,staff_id,role,starts_on,ends_on
                00914,T001,secondary,2026-10-12,2026-10-11
                """, into: database) == [
                "line 2, column ends_on, value \"2026-10-11\": is before starts_on (ends_on is the last day, starts_on itself for a one-day record)",
            ])
        }
    }
}
