@testable import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// Migration 015: attendance in monthly partitions by the session's site-local month,
    /// the audit trail's events by the UTC month they were written in (docs/partitions.md).
    @Suite("monthly partitions of attendance and the audit trail")
    struct PartitionTests {
        /// The import fixture plus three sessions of AA-AM (New York) at 23:30 local on
        /// the last day of September, October and November (03:30 UTC the next day),
        /// each attended by 00912.
        private func monthEnds() throws -> TestDatabase {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            _ = try importCSV("sessions", """
                group_code,starts_at,duration_minutes,facilitator,status
                AA-AM,2026-09-30 23:30,60,T001,held
                AA-AM,2026-10-31 23:30,60,T001,held
                AA-AM,2026-11-30 23:30,60,T001,held
                """, into: database)
            _ = try importCSV("attendance", """
                group_code,starts_at,mrn,status,minutes_attended,recorded_by,recorded_at
                AA-AM,2026-09-30 23:30,00912,present,60,T001,
                AA-AM,2026-10-31 23:30,00912,present,60,T001,
                AA-AM,2026-11-30 23:30,00912,absent,,T001,
                """, into: database)
            return database
        }

        @Test("a session at 23:30 local on the last day of a month is filed under that month and counted in its report")
        func lastDayOfTheMonth() throws {
            let database = try monthEnds()
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.scalar("""
                SELECT string_agg(to_char(s.starts_at AT TIME ZONE 'UTC', 'MM-DD HH24:MI') || ' ' || a.tableoid::regclass::text,
                                  ', ' ORDER BY s.starts_at)
                  FROM carelog.attendance a JOIN carelog.group_session s ON s.id = a.session_id
                 WHERE to_char(s.starts_at AT TIME ZONE 'America/New_York', 'HH24:MI') = '23:30'
                """) == "10-01 03:30 carelog.attendance_2026_09, 11-01 03:30 carelog.attendance_2026_10, "
                + "12-01 04:30 carelog.attendance_2026_11")
            // October's group-attendance: AA-AM held 10-05 (present, late) and 10-31 (present),
            // cancelled 10-06; the session of 30 September at 23:30 is September's.
            let report = try #require(try ReportCatalog.named("group-attendance"))
            let rows = try connection.query(SQLQuery(unsafeSQL: report.sql, parameters: ["2026-10-01", "2026-11-01", nil]))
            let aa = try #require(try rows.first { try $0.decode("group_code", as: String.self) == "AA-AM" })
            #expect(try aa.decode("sessions_held", as: Int.self) == 2)
            #expect(try aa.decode("sessions_cancelled", as: Int.self) == 1)
            #expect(try aa.decode("attended", as: Int.self) == 3)
            #expect(try aa.decode("late", as: Int.self) == 1)
            let september = try connection.query(SQLQuery(unsafeSQL: report.sql, parameters: ["2026-09-01", "2026-10-01", nil]))
            let aaSeptember = try #require(try september.first { try $0.decode("group_code", as: String.self) == "AA-AM" })
            #expect(try aaSeptember.decode("sessions_held", as: Int.self) == 1)
            #expect(try aaSeptember.decode("attended", as: Int.self) == 1)
        }

        /// Every relation name in an EXPLAIN (FORMAT JSON) plan.
        private func relations(in plan: Any) -> Set<String> {
            var names: Set<String> = []
            if let object = plan as? [String: Any] {
                if let name = object["Relation Name"] as? String { names.insert(name) }
                for value in object.values { names.formUnion(relations(in: value)) }
            } else if let array = plan as? [Any] {
                for value in array { names.formUnion(relations(in: value)) }
            }
            return names
        }

        @Test("each monthly report reads the attendance of its month's partition only (EXPLAIN)")
        func reportsPruneToTheirMonth() throws {
            let database = try monthEnds()
            let connection = try database.connect()
            defer { connection.close() }
            for name in ["group-attendance", "patient-participation", "therapist-caseload", "documentation-gaps"] {
                let report = try #require(try ReportCatalog.named(name))
                let plan = try #require(try connection.scalar(SQLQuery(
                    unsafeSQL: "EXPLAIN (FORMAT JSON) " + report.sql, parameters: ["2026-10-01", "2026-11-01", nil])))
                let json = try JSONSerialization.jsonObject(with: Data(plan.utf8))
                let attendance = relations(in: json).filter { $0.hasPrefix("attendance") }
                #expect(attendance == ["attendance_2026_10"], "\(name)")
            }
            // The director's 12-month trend reads those 12 months' partitions.
            let trend = try #require(try connection.scalar(SQLQuery(
                unsafeSQL: "EXPLAIN (FORMAT JSON) " + StoredQuery.text("summary/trend"),
                parameters: ["2025-12-01", "2026-12-01", nil])))
            let trendRelations = relations(in: try JSONSerialization.jsonObject(with: Data(trend.utf8)))
                .filter { $0.hasPrefix("attendance") }
            #expect(trendRelations == ["attendance_2026_01", "attendance_2026_02", "attendance_2026_03", "attendance_2026_04",
                                       "attendance_2026_05", "attendance_2026_06", "attendance_2026_07", "attendance_2026_08",
                                       "attendance_2026_09", "attendance_2026_10", "attendance_2026_11"])
        }

        @Test("a month without a partition: a plain INSERT is refused by name, an import creates it")
        func monthWithoutPartition() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            _ = try importCSV("episodes", "mrn,admitted_on,level_of_care,discharged_on,discharge_reason\n00912,2025-03-01,3.5,2025-04-01,completed",
                              into: database)
            _ = try importCSV("sessions", "group_code,starts_at,duration_minutes,facilitator,status\nAA-AM,2025-03-10 07:30,60,T001,held",
                              into: database)
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.scalar("SELECT to_regclass('carelog.attendance_2025_03')") == nil)
            let refused = expectPostgresError(.checkViolation) {
                try connection.query("""
                    INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id, session_month)
                    SELECT s.id, p.id, 'present', st.id, carelog.session_month(s.id)
                      FROM carelog.group_session s, carelog.patient p, carelog.staff st
                     WHERE s.starts_at = '2025-03-10 07:30 America/New_York' AND p.mrn = '00912' AND st.staff_id = 'T001'
                    """)
            }
            #expect(refused?.message == "no partition of relation \"attendance\" found for row")
            #expect(refused?.detail == "Partition key of the failing row contains (session_month) = (2025-03-01).")

            let summary = try importCSV("attendance", """
                group_code,starts_at,mrn,status,minutes_attended,recorded_by,recorded_at
                AA-AM,2025-03-10 07:30,00912,present,60,T001,
                """, into: database)
            #expect(summary.inserted == 1)
            #expect(try connection.scalar("""
                SELECT a.tableoid::regclass::text FROM carelog.attendance a JOIN carelog.group_session s ON s.id = a.session_id
                 WHERE s.starts_at = '2025-03-10 07:30 America/New_York'
                """) == "carelog.attendance_2025_03")
            // A session_month that is not the session's month is refused by the database.
            try connection.query("SET carelog.change_reason = 'test: void the March record'")
            try connection.query("DELETE FROM carelog.attendance WHERE session_month = '2025-03-01'")
            let wrong = expectPostgresError(.checkViolation, constraint: "attendance_session_month") {
                try connection.query("""
                    INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id, session_month)
                    SELECT s.id, p.id, 'present', st.id, date '2026-10-01'
                      FROM carelog.group_session s, carelog.patient p, carelog.staff st
                     WHERE s.starts_at = '2025-03-10 07:30 America/New_York' AND p.mrn = '00912' AND st.staff_id = 'T001'
                    """)
            }
            #expect(wrong?.detail == "Group \"AA-AM\", session 2025-03-10 07:30 (America/New_York) is in 2025-03; the record says 2026-10.")
        }

        @Test("a session moved into another month takes its attendance along, and the change is audited")
        func retimedSessionMoves() throws {
            let database = try monthEnds()
            let connection = try database.connect()
            defer { connection.close() }
            let before = try connection.count("carelog.audit_event")
            // 31 October 23:30 -> 1 November 00:30, New York.
            try connection.query("""
                UPDATE carelog.group_session SET starts_at = '2026-11-01 00:30 America/New_York'
                 WHERE starts_at = '2026-10-31 23:30 America/New_York'
                """)
            #expect(try connection.scalar("""
                SELECT a.tableoid::regclass::text || ' ' || a.session_month
                  FROM carelog.attendance a JOIN carelog.group_session s ON s.id = a.session_id
                 WHERE s.starts_at = '2026-11-01 00:30 America/New_York'
                """) == "carelog.attendance_2026_11 2026-11-01")
            // One event for the session, one for its attendance record.
            #expect(try connection.count("carelog.audit_event") == before + 2)
            #expect(try connection.scalar("""
                SELECT (old_values ->> 'session_month') || ' -> ' || (new_values ->> 'session_month')
                  FROM carelog.audit_event WHERE table_name = 'attendance' AND operation = 'UPDATE'
                """) == "2026-10-01 -> 2026-11-01")
            #expect(try AuditOperation.verify(target: database.target, console: Console.recording().0).isIntact)
        }

        @Test("a partition is not written or read by name: not by the owner's triggers' bypass, not by a therapist")
        func partitionsOnlyThroughTheirTable() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            defer { superuser.close() }
            let partition = try #require(try superuser.scalar("SELECT min(tableoid::regclass::text) FROM carelog.attendance"))
            let event = try #require(try superuser.scalar("SELECT min(tableoid::regclass::text) FROM carelog.audit_event"))
            // Even the superuser: a write naming a partition would escape the checks and the audit.
            for statement in ["DELETE FROM \(partition)", "UPDATE \(partition) SET status = 'absent'", "TRUNCATE \(partition)",
                              "DELETE FROM \(event)", "TRUNCATE \(event)",
                              "INSERT INTO \(event) (batch_id, table_name, operation, record_id, new_values) VALUES (1, 'x', 'INSERT', 1, '{}')"] {
                expectPostgresError(.insufficientPrivilege) { try superuser.query(SQLQuery(unsafeSQL: statement)) }
            }
            let therapist = try fixture.connect(as: fixture.therapist)
            defer { therapist.close() }
            let visible = try therapist.count("carelog.attendance")
            #expect(visible == 4)
            for statement in ["SELECT count(*) FROM \(partition)", "SELECT count(*) FROM \(event)",
                              "UPDATE \(partition) SET status = 'absent'", "DELETE FROM \(partition)"] {
                expectPostgresError(.insufficientPrivilege) { try therapist.query(SQLQuery(unsafeSQL: statement)) }
            }
            // Row-level security is enabled and forced on every partition, with no policy.
            #expect(try superuser.scalar("""
                SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                 WHERE i.inhparent IN ('carelog.attendance'::regclass, 'carelog.audit_event'::regclass)
                   AND NOT (c.relrowsecurity AND c.relforcerowsecurity AND c.relacl IS NULL)
                """) == "0")
        }

        @Test("audit verify names the month it cannot check when its events are detached, and passes again when reattached")
        func detachedMonthOfTheTrail() throws {
            let database = try monthEnds()
            let connection = try database.connect()
            defer { connection.close() }
            let (console, _) = Console.recording()
            let intact = try AuditOperation.verify(target: database.target, console: console)
            #expect(intact.unchecked.isEmpty)
            let month = try #require(try connection.scalar("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')"))
            let partition = "carelog.audit_event_" + month.replacingOccurrences(of: "-", with: "_")
            let batches = try #require(try connection.query("""
                SELECT min(id) AS first, max(id) AS last, count(*) AS batches, sum(row_count) AS rows FROM carelog.audit_batch
                """).first)
            try connection.query(SQLQuery(unsafeSQL: "ALTER TABLE carelog.audit_event DETACH PARTITION \(partition)"))
            // The month being written is detached: its events could be rewritten unseen,
            // so the trail fails to verify (a month archived in the past only gets a note).
            let last = try batches.decode("last", as: Int.self)
            let detached = #expect(throws: CarelogError.self) { try AuditOperation.verify(target: database.target, console: console) }
            #expect(detached?.exitCode == 1)
            #expect(detached?.message == "the audit events of \(month), the month of the chain's head (batch \(last)), are not attached: "
                + "the newest part of the trail cannot be checked")
            let unchecked = try connection.query(StoredQuery.named("audit/unchecked")).map { row in
                [try row.decode("month", as: String.self), String(try row.decode("first_batch", as: Int.self)),
                 String(try row.decode("last_batch", as: Int.self)), String(try row.decode("batches", as: Int.self))]
            }
            #expect(unchecked == [[month, String(try batches.decode("first", as: Int.self)), String(last),
                                   String(try batches.decode("batches", as: Int.self))]])
            // Tampering with a batch of a detached month is still seen in the links.
            try connection.query(SQLQuery(unsafeSQL: """
                ALTER TABLE carelog.audit_event ATTACH PARTITION \(partition)
                    FOR VALUES FROM ('\(month)-01 00:00:00+00') TO ('\(month)-01 00:00:00+00'::timestamptz + interval '1 month')
                """))
            let again = try AuditOperation.verify(target: database.target, console: console)
            #expect(again == intact)
        }

        @Test("db partitions lists the months and creates those ahead")
        func partitionsCommand() throws {
            let database = try TestDatabase()
            let (console, output) = Console.recording()
            let listed = try PartitionOperation.run(target: database.target, ahead: nil, console: console)
            #expect(listed.created.isEmpty)
            let connection = try database.connect()
            defer { connection.close() }
            let now = try #require(try connection.query("""
                SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM') AS this,
                       to_char((now() AT TIME ZONE 'UTC') + interval '13 months', 'YYYY-MM') AS beyond,
                       to_char((now() AT TIME ZONE 'UTC') + interval '14 months', 'YYYY-MM') AS further
                """).first)
            let beyond: String = try now.decode("beyond"), further: String = try now.decode("further")
            #expect(listed.partitions.contains { $0.table == "audit_event" && $0.month == (try? now.decode("this", as: String.self)) })
            #expect(!listed.partitions.contains { $0.month == beyond })
            let ahead = try PartitionOperation.run(target: database.target, ahead: 14, console: console)
            #expect(ahead.created == ["attendance_" + beyond.replacingOccurrences(of: "-", with: "_"),
                                      "audit_event_" + beyond.replacingOccurrences(of: "-", with: "_"),
                                      "attendance_" + further.replacingOccurrences(of: "-", with: "_"),
                                      "audit_event_" + further.replacingOccurrences(of: "-", with: "_")])
            #expect(output.output.contains("Created 4 partitions: \(ahead.created.joined(separator: ", "))."))
            #expect(try PartitionOperation.run(target: database.target, ahead: 14, console: console).created.isEmpty)
            let refused = #expect(throws: CarelogError.self) {
                try PartitionOperation.run(target: database.target, ahead: 121, console: console)
            }
            #expect(refused?.exitCode == 2)
        }

        @Test("a database at 014's schema with rows: migrated, every row is where it was, the trail verifies, writes go on")
        func migrationWithData() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            defer { connection.close() }
            _ = try Migrator(migrations: try Migration.embedded().filter { $0.version < 15 }).migrate(connection)
            try connection.executeScript(try FixtureSQL.named("before_015_attendance"))
            let rowsBefore = try connection.scalar("""
                SELECT string_agg(concat_ws('|', id, session_id, patient_id, status, minutes_attended, recorded_by_id, recorded_at),
                                  ',' ORDER BY id) FROM carelog.attendance
                """)
            let eventsBefore = try connection.scalar("""
                SELECT string_agg(concat_ws('|', id, batch_id, table_name, operation, record_id, old_values, new_values),
                                  ',' ORDER BY id) FROM carelog.audit_event
                """)
            let batchesBefore = try connection.count("carelog.audit_batch")

            _ = try Migrator.embedded().migrate(connection)
            #expect(try connection.scalar("""
                SELECT string_agg(concat_ws('|', id, session_id, patient_id, status, minutes_attended, recorded_by_id, recorded_at),
                                  ',' ORDER BY id) FROM carelog.attendance
                """) == rowsBefore)
            #expect(try connection.scalar("""
                SELECT string_agg(concat_ws('|', id, batch_id, table_name, operation, record_id, old_values, new_values),
                                  ',' ORDER BY id) FROM carelog.audit_event
                """) == eventsBefore)
            #expect(try connection.scalar("""
                SELECT string_agg(p.relname || ':' || p.n, ' ' ORDER BY p.relname)
                  FROM (SELECT a.tableoid::regclass::text AS relname, count(*) AS n FROM carelog.attendance a GROUP BY 1) AS p
                """) == "carelog.attendance_2026_08:2 carelog.attendance_2026_09:2 carelog.attendance_2026_10:2")
            #expect(try connection.count("carelog.audit_batch") == batchesBefore)
            let (console, _) = Console.recording()
            let verified = try AuditOperation.verify(target: database.target, console: console)
            #expect(verified.isIntact)
            #expect(verified.batches == batchesBefore)

            // Writes after the migration, in three months, and the ids go on from where they were.
            _ = try importCSV("sessions", """
                group_code,starts_at,duration_minutes,facilitator,status
                AA,2026-08-10 10:00,60,T1,held
                AA,2026-09-30 23:30,60,T1,held
                AA,2026-11-02 10:00,60,T1,held
                """, into: database)
            _ = try importCSV("attendance", """
                group_code,starts_at,mrn,status,minutes_attended,recorded_by,recorded_at
                AA,2026-08-10 10:00,001,present,60,T1,
                AA,2026-09-30 23:30,001,absent,,T1,
                AA,2026-11-02 10:00,002,present,60,T1,
                AA,2026-09-15 10:00,001,excused,,T1,
                """, into: database, reason: "excused after the fact")
            #expect(try connection.scalar("SELECT string_agg(id::text, ' ' ORDER BY id) FROM carelog.attendance WHERE id > 6") == "7 8 9")
            #expect(try connection.scalar("""
                SELECT string_agg(p.relname || ':' || p.n, ' ' ORDER BY p.relname)
                  FROM (SELECT a.tableoid::regclass::text AS relname, count(*) AS n FROM carelog.attendance a GROUP BY 1) AS p
                """) == "carelog.attendance_2026_08:3 carelog.attendance_2026_09:3 carelog.attendance_2026_10:2 carelog.attendance_2026_11:1")
            #expect(try AuditOperation.verify(target: database.target, console: console).isIntact)
        }
    }
}
