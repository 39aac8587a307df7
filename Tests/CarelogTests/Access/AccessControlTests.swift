import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("access control: what each role reads and writes")
    struct AccessControlTests {
        static let everything = [
            "patient": 5, "episode": 5, "therapist_assignment": 7, "treatment_plan": 2, "plan_requirement": 3,
            "plan_goal": 2, "plan_review": 1, "group_enrollment": 2, "group_session": 5, "attendance": 6,
            "assessment": 3, "drug_screen": 2,
        ]

        @Test("each login sees exactly its rows through plain SQL; the superuser sees everything")
        func readsByRole() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            var all: [String: Int] = [:]
            for table in AccessFixture.patientTables { all[table] = try superuser.count("carelog.\(table)") }
            #expect(all == Self.everything)
            #expect(try fixture.visibleCounts(as: fixture.director) == Self.everything)
            #expect(try fixture.visibleCounts(as: fixture.auditor) == Self.everything)
            #expect(try fixture.visibleCounts(as: fixture.therapist) == [
                "patient": 3, "episode": 3, "therapist_assignment": 4, "treatment_plan": 2, "plan_requirement": 3,
                "plan_goal": 2, "plan_review": 1, "group_enrollment": 2, "group_session": 4, "attendance": 4,
                "assessment": 3, "drug_screen": 2,
            ])
            #expect(try fixture.visibleCounts(as: fixture.otherTherapist) == [
                "patient": 3, "episode": 3, "therapist_assignment": 5, "treatment_plan": 1, "plan_requirement": 1,
                "plan_goal": 1, "plan_review": 0, "group_enrollment": 1, "group_session": 3, "attendance": 4,
                "assessment": 1, "drug_screen": 1,
            ])
            #expect(try fixture.visibleCounts(as: fixture.siteDirector) == [
                "patient": 2, "episode": 2, "therapist_assignment": 2, "treatment_plan": 0, "plan_requirement": 0,
                "plan_goal": 0, "plan_review": 0, "group_enrollment": 0, "group_session": 1, "attendance": 2,
                "assessment": 0, "drug_screen": 0,
            ])
            // Which rows, not only how many.
            let other = try fixture.connect(as: fixture.otherTherapist)
            #expect(try other.scalar("SELECT string_agg(mrn, ' ' ORDER BY mrn) FROM carelog.patient") == "00913 00914 00915")
            #expect(try other.scalar("""
                SELECT string_agg(g.group_code || ':' || p.mrn, ' ' ORDER BY g.group_code, p.mrn)
                  FROM carelog.attendance a JOIN carelog.group_session s ON s.id = a.session_id
                  JOIN carelog.care_group g ON g.id = s.group_id JOIN carelog.patient p ON p.id = a.patient_id
                """) == "AA-AM:00913 LAX-AA:00914 LAX-AA:00915 M-RP:00913")
            // Reference data is everyone's; the login mapping is not a therapist's.
            #expect(try other.count("carelog.staff") == 6)
            #expect(try other.count("carelog.care_group") == 4)
            expectPostgresError(.insufficientPrivilege) { try other.query("SELECT * FROM carelog.app_user") }
        }

        @Test("the audit trail and the run log are filtered the same way")
        func auditTablesByRole() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            let allEvents = try superuser.count("carelog.audit_event")
            #expect(try fixture.connect(as: fixture.auditor).count("carelog.audit_event") == allEvents)
            #expect(try fixture.connect(as: fixture.director).count("carelog.audit_event") == allEvents)
            // T003 sees the events about its caseload, 00913, 00914 and 00915, and
            // nothing else (no staff, group or site rows, no other patient).
            let other = try fixture.connect(as: fixture.otherTherapist)
            #expect(try other.scalar("""
                SELECT string_agg(table_name || ' ' || n, ', ' ORDER BY table_name)
                  FROM (SELECT table_name, count(*) AS n FROM carelog.audit_event GROUP BY table_name) AS t
                """) == "assessment 1, attendance 4, drug_screen 1, episode 3, group_enrollment 1, patient 3, therapist_assignment 5, treatment_plan 1")
            #expect(try other.scalar("""
                SELECT count(*) FROM carelog.audit_batch b
                 WHERE NOT EXISTS (SELECT 1 FROM carelog.audit_event e WHERE e.batch_id = b.id)
                """) == "0")
            expectPostgresError(.insufficientPrivilege) { try other.query("SELECT * FROM carelog.audit_verify()") }
            // A director limited to a site reads part of the trail but verifies all of it.
            let (quiet, _) = Console.recording()
            let verified = try AuditOperation.verify(target: fixture.target(as: fixture.siteDirector), console: quiet)
            #expect(verified.isIntact)
            #expect(verified.events == allEvents)

            // Each login's own runs: the therapist sees its run, not the director's.
            let (console, _) = Console.recording()
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("access-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: out) }
            for login in [fixture.otherTherapist, fixture.director] {
                try ReportOperation.run(
                    target: fixture.target(as: login), name: "group-attendance", period: try ReportPeriod(month: "2026-10"),
                    site: nil, format: .csv, output: out, privacy: PrivacyOptions(), console: console)
            }
            #expect(try other.scalar("SELECT string_agg(db_user, ' ') FROM carelog.run_log") == fixture.otherTherapist)
            #expect(try fixture.connect(as: fixture.auditor).count("carelog.run_log") == 2)
            // A run logged under another login's name is logged under its own: the
            // server, not the client, says who ran it (sql/016).
            try other.query("INSERT INTO carelog.run_log (db_user, command) VALUES (\(fixture.director), 'forged')")
            #expect(try other.scalar("SELECT db_user FROM carelog.run_log WHERE command = 'forged'") == fixture.otherTherapist)
        }

        @Test("a report is the same SQL for everyone: the database filters its rows")
        func reportsByRole() throws {
            let fixture = try AccessFixture()
            func participants(_ login: String?) throws -> [String] {
                let target = login.map { fixture.target(as: $0) } ?? fixture.database.target
                let (console, recording) = Console.recording()
                try ReportOperation.run(
                    target: target, name: "patient-participation", period: try ReportPeriod(month: "2026-10"), site: nil,
                    format: .csv, output: nil, privacy: PrivacyOptions(), console: console)
                return recording.output.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[1]) }
            }
            #expect(try participants(nil) == ["00914", "00915", "00912", "00913", "00916"])
            #expect(try participants(fixture.auditor) == ["00914", "00915", "00912", "00913", "00916"])
            #expect(try participants(fixture.therapist) == ["00912", "00913", "00916"])
            #expect(try participants(fixture.otherTherapist) == ["00914", "00915", "00913"])
            #expect(try participants(fixture.siteDirector) == ["00914", "00915"])
        }

        @Test("raw writes: each role may do what docs/access.md gives it and nothing more")
        func rawWrites() throws {
            let fixture = try AccessFixture()
            let therapist = try fixture.connect(as: fixture.therapist)
            // Its own caseload's plan: allowed. Another therapist's patient, a patient
            // record, a delete, a truncate: refused.
            try therapist.query("UPDATE carelog.treatment_plan SET review_interval_days = 14 WHERE plan_code = 'P-912'")
            #expect(try fixture.database.connect().scalar("SELECT review_interval_days FROM carelog.treatment_plan WHERE plan_code = 'P-912'") == "14")
            expectPostgresError(.insufficientPrivilege) { try therapist.query("UPDATE carelog.patient SET last_name = 'X'") }
            // A delete is a void: only with a reason, and only of its own sessions' rows.
            expectPostgresError(.checkViolation, constraint: "attendance_void_reason") { try therapist.query("DELETE FROM carelog.attendance") }
            expectPostgresError(.insufficientPrivilege) { try therapist.query("TRUNCATE carelog.attendance") }
            expectPostgresError(.insufficientPrivilege) { try therapist.query("INSERT INTO carelog.assessment (patient_id, instrument, administered_on, score) SELECT id, 'BAM', '2026-10-09', 3 FROM carelog.patient WHERE mrn = '00912'") }
            // Attendance: for T003's patient in T003's group, or recorded as someone else,
            // refused; a row it cannot see, not touched. (Ids from the superuser: the
            // therapist cannot even look them up.)
            let superuser = try fixture.database.connect()
            let ids = try #require(try superuser.query("""
                SELECT (SELECT s.id FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id WHERE g.group_code = 'LAX-AA') AS lax,
                       (SELECT carelog.session_month(s.id)::text FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id
                         WHERE g.group_code = 'LAX-AA') AS lax_month,
                       (SELECT s.id FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id
                         WHERE g.group_code = 'AA-AM' AND s.status = 'held') AS aa,
                       (SELECT id FROM carelog.patient WHERE mrn = '00915') AS p915,
                       (SELECT id FROM carelog.patient WHERE mrn = '00912') AS p912,
                       (SELECT id FROM carelog.staff WHERE staff_id = 'T001') AS t001,
                       (SELECT id FROM carelog.staff WHERE staff_id = 'T003') AS t003
                """).first)
            let (lax, aa, p915, p912, t001, t003) = (
                try ids.decode("lax", as: Int64.self), try ids.decode("aa", as: Int64.self), try ids.decode("p915", as: Int64.self),
                try ids.decode("p912", as: Int64.self), try ids.decode("t001", as: Int64.self), try ids.decode("t003", as: Int64.self))
            let laxMonth = try ids.decode("lax_month", as: String.self)
            expectPostgresError(.insufficientPrivilege) {
                try therapist.query("INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id, session_month) VALUES (\(lax), \(p915), 'present', \(t001), \(laxMonth)::date)")
            }
            // Its own session's record: a correction needs a reason, and never changes
            // who first recorded it.
            expectPostgresError(.checkViolation, constraint: "attendance_correction_reason") {
                try therapist.query("UPDATE carelog.attendance SET status = 'late', recorded_by_id = \(t003) WHERE session_id = \(aa) AND patient_id = \(p912)")
            }
            try therapist.query("BEGIN")
            try therapist.query("SET LOCAL carelog.change_reason = 'came in late after all'")
            try therapist.query("UPDATE carelog.attendance SET status = 'late', recorded_by_id = \(t003) WHERE session_id = \(aa) AND patient_id = \(p912)")
            try therapist.query("COMMIT")
            #expect(try superuser.scalar("""
                SELECT a.status || ' ' || r.staff_id || ' ' || c.staff_id || ' ' || a.correction_reason FROM carelog.attendance a
                  JOIN carelog.staff r ON r.id = a.recorded_by_id JOIN carelog.staff c ON c.id = a.corrected_by_id
                 WHERE a.session_id = \(aa) AND a.patient_id = \(p912)
                """) == "late T001 T001 came in late after all")
            #expect(try therapist.query("UPDATE carelog.attendance SET status = 'absent' WHERE session_id = \(lax)").affectedRows == 0)
            #expect(try superuser.scalar("SELECT string_agg(status, ' ' ORDER BY patient_id) FROM carelog.attendance WHERE session_id = \(lax)") == "present late")

            // The auditor writes nothing but its own runs.
            let auditor = try fixture.connect(as: fixture.auditor)
            expectPostgresError(.insufficientPrivilege) { try auditor.query("UPDATE carelog.attendance SET status = 'absent'") }
            expectPostgresError(.insufficientPrivilege) { try auditor.query("INSERT INTO carelog.site (site_code, name, timezone) VALUES ('SFO', 'x', 'UTC')") }
            try auditor.query("INSERT INTO carelog.run_log (command) VALUES ('audit review')")

            // A director limited to LAX changes LAX and cannot reach NYC.
            let siteDirector = try fixture.connect(as: fixture.siteDirector)
            #expect(try siteDirector.query("UPDATE carelog.patient SET last_name = 'Moss' WHERE mrn = '00912'").affectedRows == 0)
            #expect(try siteDirector.query("UPDATE carelog.patient SET last_name = 'Marr-Lee' WHERE mrn = '00915'").affectedRows == 1)
            expectPostgresError(.insufficientPrivilege) {
                try siteDirector.query("INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id) SELECT '00999', 'A', 'B', '2000-01-01', 'male', id FROM carelog.site WHERE site_code = 'NYC'")
            }
            // The unlimited director writes anywhere, but truncates nothing.
            let director = try fixture.connect(as: fixture.director)
            #expect(try director.query("UPDATE carelog.patient SET last_name = 'Moss' WHERE mrn = '00912'").affectedRows == 1)
            expectPostgresError(.insufficientPrivilege) { try director.query("TRUNCATE carelog.drug_screen") }
        }

        @Test("the runtime logins are plain roles; the owner cannot log in; no runtime role bypasses row-level security")
        func rolesAreWhatTheySeem() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            #expect(try superuser.scalar("""
                SELECT string_agg(rolname || ' super ' || rolsuper || ', bypassrls ' || rolbypassrls || ', login ' || rolcanlogin, '; ' ORDER BY rolname)
                  FROM pg_roles WHERE rolname IN ('carelog_owner', 'carelog_therapist', 'carelog_director', 'carelog_auditor')
                """) == "carelog_auditor super false, bypassrls false, login false; carelog_director super false, bypassrls false, login false; "
                    + "carelog_owner super false, bypassrls true, login false; carelog_therapist super false, bypassrls false, login false")
            #expect(try superuser.scalar("""
                SELECT count(*) FROM pg_roles WHERE rolname = ANY(\([fixture.therapist, fixture.otherTherapist, fixture.director, fixture.siteDirector, fixture.auditor]))
                   AND rolcanlogin AND NOT rolsuper AND NOT rolbypassrls AND NOT rolcreaterole
                """) == "5")
            #expect(try superuser.scalar("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'carelog'") == "carelog_owner")
            #expect(try superuser.scalar("""
                SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'carelog' AND c.relowner <> 'carelog_owner'::regrole
                """) == "0")
            // Every table but the migrator's bookkeeping has row-level security, forced.
            #expect(try superuser.scalar("""
                SELECT coalesce(string_agg(c.relname, ' '), 'none') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'carelog' AND c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                """) == "schema_migration")
            // Views, should there be any, read as the caller.
            #expect(try superuser.scalar("""
                SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'carelog' AND c.relkind = 'v' AND NOT coalesce(c.reloptions @> '{security_invoker=true}', false)
                """) == "0")
            var owner = fixture.database.parameters
            owner["user"] = "carelog_owner"
            #expect(throws: PostgresError.self) { try Connection(connectionString: "", overrides: owner) }
        }

        @Test("a therapist cannot switch the trail off: triggers, replica mode, the audit tables")
        func trailAgainstALogin() throws {
            let fixture = try AccessFixture()
            let therapist = try fixture.connect(as: fixture.therapist)
            for statement in [
                "ALTER TABLE carelog.audit_event DISABLE TRIGGER ALL",
                "ALTER TABLE carelog.attendance DISABLE TRIGGER zz_audit_update",
                "SET session_replication_role = replica",
                "UPDATE carelog.audit_event SET new_values = '{}'",
                "INSERT INTO carelog.audit_batch (table_name, operation, row_count, previous_hash, hash) VALUES ('x', 'INSERT', 1, repeat('0', 64), repeat('0', 64))",
                "SELECT carelog.user_add('mallory', 'T001', 'director', NULL, NULL)",
            ] {
                expectPostgresError(.insufficientPrivilege) { try therapist.query(SQLQuery(unsafeSQL: statement)) }
            }
        }
    }
}

extension DatabaseTests {
    @Suite("access control: audit log, export and an existing database")
    struct AccessReadPathsTests {
        @Test("audit log shows a therapist only the events it may see")
        func auditLogByRole() throws {
            let fixture = try AccessFixture()
            func log(_ login: String?, _ mrn: String) throws -> [String] {
                let (console, recording) = Console.recording()
                try AuditOperation.log(
                    target: login.map { fixture.target(as: $0) } ?? fixture.database.target, mrn: mrn, table: nil, limit: 50,
                    console: console)
                return recording.output.split(separator: "\n").dropFirst().map(String.init)
            }
            // 00913 is in T003's caseload: it sees the whole history, as the superuser does.
            let all = try log(nil, "00913")
            #expect(all.count == 11)
            #expect(try log(fixture.otherTherapist, "00913") == all)
            // T001 can find 00916 (he may walk into its open group) but reads none of his file.
            #expect(try log(fixture.therapist, "00916") == ["  (no recorded changes)"])
            // and T001 cannot find 00914, a patient of another site.
            let hidden = #expect(throws: CarelogError.self) { try log(fixture.therapist, "00914") }
            #expect(hidden?.message == "no patient with MRN \"00914\"")
        }

        @Test("an export by a therapist holds its rows only")
        func exportByRole() throws {
            let fixture = try AccessFixture()
            let directory = ScratchFolder.url("export").path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let (console, _) = Console.recording()
            let manifest = try ExportOperation.export(
                target: fixture.target(as: fixture.otherTherapist), from: "2026-10-01", to: "2026-10-31", site: nil,
                directory: directory, pseudonymizer: nil, console: console)
            #expect(manifest.file(named: "attendance.csv")?.rows == 4)
            #expect(manifest.file(named: "patients.csv")?.rows == 3)
            #expect(manifest.file(named: "plans.csv")?.rows == 1)
        }

        @Test("migration 008 on a database that already holds records keeps them and the chain")
        func upgradeWithData() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            let all = try Migration.embedded()
            try Migrator(migrations: Array(all.prefix { $0.version < 8 })).migrate(connection)
            try connection.query("SET carelog.acting_staff = 'T001'")
            try connection.query("INSERT INTO carelog.site (site_code, name, timezone) VALUES ('NYC', 'New York House', 'America/New_York')")
            try connection.query("""
                INSERT INTO carelog.staff (staff_id, first_name, last_name, role, site_id)
                SELECT 'T001', 'Ana', 'Reyes', 'therapist', id FROM carelog.site
                """)
            let applied = try Migrator(migrations: all).migrate(connection)
            #expect(applied.map(\.name).contains("008_access_control.sql"))
            #expect(try connection.scalar("SELECT string_agg(staff_id, ' ') FROM carelog.staff") == "T001")
            #expect(try connection.scalar("SELECT acting_staff FROM carelog.audit_batch WHERE table_name = 'staff'") == "T001")
            #expect(try AuditOperation.verify(target: database.target, console: Console.recording().0).isIntact)
            #expect(try connection.scalar("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'carelog'") == "carelog_owner")
            // A change after the migration chains on to the batches before it.
            try connection.query("RESET carelog.acting_staff")
            try connection.query("UPDATE carelog.staff SET credentials = 'LCSW'")
            #expect(try AuditOperation.verify(target: database.target, console: Console.recording().0).batches == 3)
        }
    }
}
