import Carelog
import Foundation
import Postgres
import Testing

/// The write holes an attack with real logins found (docs/record-integrity.md), each
/// tried through plain SQL as the role that exploited it. Ids come from the
/// superuser: an attacker can guess ids, so the tests do not rely on hiding them.
extension DatabaseTests {
    @Suite("write scope: no write beyond one's groups, site and self")
    struct WriteScopeTests {
        /// Ids of fixture rows, looked up as superuser.
        struct Ids {
            let laxSession: Int64, amSession: Int64, p912: Int64, p913: Int64, p914: Int64, p915: Int64
            let t001: Int64, t003: Int64, d001: Int64, laxGroup: Int64, laxMonth: String

            init(_ superuser: Connection) throws {
                let row = try #require(try superuser.query("""
                    SELECT (SELECT s.id FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id WHERE g.group_code = 'LAX-AA') AS lax,
                           (SELECT carelog.session_month(s.id)::text FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id
                             WHERE g.group_code = 'LAX-AA') AS lax_month,
                           (SELECT s.id FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id
                             WHERE g.group_code = 'AA-AM' AND s.status = 'held') AS am,
                           (SELECT id FROM carelog.care_group WHERE group_code = 'LAX-AA') AS lax_group,
                           (SELECT id FROM carelog.patient WHERE mrn = '00912') AS p912,
                           (SELECT id FROM carelog.patient WHERE mrn = '00913') AS p913,
                           (SELECT id FROM carelog.patient WHERE mrn = '00914') AS p914,
                           (SELECT id FROM carelog.patient WHERE mrn = '00915') AS p915,
                           (SELECT id FROM carelog.staff WHERE staff_id = 'T001') AS t001,
                           (SELECT id FROM carelog.staff WHERE staff_id = 'T003') AS t003,
                           (SELECT id FROM carelog.staff WHERE staff_id = 'D001') AS d001
                    """).first)
                laxSession = try row.decode("lax"); amSession = try row.decode("am"); laxGroup = try row.decode("lax_group")
                p912 = try row.decode("p912"); p913 = try row.decode("p913"); p914 = try row.decode("p914"); p915 = try row.decode("p915")
                t001 = try row.decode("t001"); t003 = try row.decode("t003"); d001 = try row.decode("d001")
                laxMonth = try row.decode("lax_month")
            }
        }

        @Test("a therapist cannot take over another therapist's session, nor rename the facilitator of its own")
        func sessionTakeover() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            let ids = try Ids(superuser)
            let therapist = try fixture.connect(as: fixture.therapist)
            // LAX-AA is T003's; T001 reads it (its patient 00913 attended AA-AM, not
            // LAX-AA, so it may not even see it) and cannot claim it.
            #expect(try therapist.query("UPDATE carelog.group_session SET facilitator_id = carelog.login_staff_id() WHERE id = \(ids.laxSession)").affectedRows == 0)
            #expect(try superuser.scalar("SELECT facilitator_id FROM carelog.group_session WHERE id = \(ids.laxSession)") == String(ids.t003))
            // Its own group's session: the facilitator is a director's to change.
            let refused = expectPostgresError(.insufficientPrivilege) {
                try therapist.query("UPDATE carelog.group_session SET facilitator_id = \(ids.t003) WHERE id = \(ids.amSession)")
            }
            #expect(refused?.message == "only a director changes who facilitated a session")
            // It still corrects its own session's length.
            #expect(try therapist.query("UPDATE carelog.group_session SET duration_minutes = 75 WHERE id = \(ids.amSession)").affectedRows == 1)
        }

        @Test("a therapist creates sessions and records attendance only in its own groups, never at another site")
        func anotherSite() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            let ids = try Ids(superuser)
            let therapist = try fixture.connect(as: fixture.therapist)
            expectPostgresError(.insufficientPrivilege) {
                try therapist.query("""
                    INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
                    VALUES (\(ids.laxGroup), '2026-10-12 09:00-07', \(ids.t001), 'held')
                    """)
            }
            // In its own group, naming someone else as facilitator: refused too.
            expectPostgresError(.insufficientPrivilege) {
                try therapist.query("""
                    INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
                    SELECT id, '2026-10-12 07:30-04', \(ids.t003), 'held' FROM carelog.care_group WHERE group_code = 'AA-AM'
                    """)
            }
            // LAX patient 00915 into its own session: refused, and the error names nobody.
            let error = expectPostgresError(.insufficientPrivilege) {
                try therapist.query("""
                    INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id, session_month)
                    VALUES (\(ids.amSession), \(ids.p915), 'present', \(ids.t001), carelog.session_month(\(ids.amSession)))
                    """)
            }
            #expect(error.map { !"\($0.message) \($0.detail ?? "")".contains("0091") } == true)
            #expect(try superuser.scalar("SELECT count(*) FROM carelog.group_session") == "5")
            #expect(try superuser.scalar("SELECT count(*) FROM carelog.attendance") == "6")
        }

        @Test("a rule's error names no patient the caller may not read")
        func ruleErrorsAsOracle() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            let ids = try Ids(superuser)
            // An unlimited director recorded NYC's 00913 (male) at LAX-AA; LAX's director
            // now cancels that session, which the attendance rules refuse. The refusal
            // must not tell it who 00913 is.
            try superuser.query("""
                INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id, session_month)
                VALUES (\(ids.laxSession), \(ids.p913), 'present', \(ids.d001), \(ids.laxMonth)::date)
                """)
            let siteDirector = try fixture.connect(as: fixture.siteDirector)
            let hidden = expectPostgresError(.checkViolation) {
                try siteDirector.query("UPDATE carelog.group_session SET status = 'cancelled' WHERE id = \(ids.laxSession)")
            }
            #expect(hidden?.message == "this change would break an attendance rule for a patient this login may not read")
            #expect(hidden?.detail == nil)
            #expect(hidden?.constraint == nil)
            // The unlimited director, who reads every patient, is told the rule and the row.
            let director = try fixture.connect(as: fixture.director)
            let told = expectPostgresError(.checkViolation, constraint: "attendance_session_held") {
                try director.query("UPDATE carelog.group_session SET status = 'cancelled' WHERE id = \(ids.laxSession)")
            }
            #expect(told?.detail?.contains("MRN \"00913\"") == true)
            // The site director cannot record another site's patient in its own session.
            expectPostgresError(.insufficientPrivilege) {
                try siteDirector.query("""
                    INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id, session_month)
                    VALUES (\(ids.laxSession), \(ids.p912), 'present', \(ids.d001), \(ids.laxMonth)::date)
                    """)
            }
        }

        @Test("a login of another database of the same server reads nothing here, whatever its role there")
        func loginOfAnotherDatabase() throws {
            let fixture = try AccessFixture()
            // A second program's database on the same server: the fixture's logins are
            // roles of the whole server, but have no login row here.
            let other = try TestDatabase()
            try ImportFixture.load(into: other)
            var parameters = other.parameters
            for login in [fixture.auditor, fixture.director, fixture.therapist] {
                parameters["user"] = login
                let connection = try Connection(connectionString: "", overrides: parameters)
                defer { connection.close() }
                var seen: [String: Int] = [:]
                for table in AccessFixture.patientTables + ["run_log", "app_user", "audit_event", "disclosure", "site", "staff"] {
                    seen[table] = (try? connection.count("carelog.\(table)")) ?? 0
                }
                #expect(seen.values.allSatisfy { $0 == 0 }, "\(login): \(seen)")
            }
            // No policy of a role reads every row on the role alone.
            let superuser = try fixture.database.connect()
            #expect(try superuser.scalar("""
                SELECT coalesce(string_agg(tablename || '.' || policyname, ' '), '') FROM pg_policies
                 WHERE schemaname = 'carelog' AND qual = 'true' AND tablename <> 'column_class'
                """) == "")
        }

        @Test("a site director adding another site's MRN is refused without being told whose record holds it")
        func duplicateKeyNamesNoRecord() throws {
            let fixture = try AccessFixture()
            let (console, _) = Console.recording()
            let error = #expect(throws: CarelogError.self) {
                try ImportOperation.run(
                    target: fixture.target(as: fixture.siteDirector), kind: "patients",
                    input: .bytes(Array("mrn,first_name,last_name,date_of_birth,gender,site_code\n00912,Zoe,Tate,1991-01-01,female,LAX\n".utf8)),
                    dryRun: false, actingStaff: nil, console: console)
            }
            #expect(error?.exitCode == 3)
            #expect(error?.suggestion?.hasPrefix("line 2, column mrn, value \"00912\": the database refused the record: this key is already "
                + "used by a record this login may not read (a director of every site can tell whose)\n") == true, "\(String(describing: error))")
        }

        @Test("who may read a patient, as the rules' errors ask it, is exactly what each login's SELECT returns")
        func readableAgreesWithPolicies() throws {
            let fixture = try AccessFixture()
            for login in [fixture.therapist, fixture.otherTherapist, fixture.director, fixture.siteDirector, fixture.auditor] {
                let connection = try fixture.connect(as: login)
                // Every patient id of the database (the ids are not secret), against what
                // the login's own SELECT of the patient table returns.
                let superuser = try fixture.database.connect()
                let everyID = try superuser.query("SELECT id FROM carelog.patient ORDER BY id").map { try $0.decode("id", as: Int64.self) }
                let visible = Set(try connection.query("SELECT id FROM carelog.patient").map { try $0.decode("id", as: Int64.self) })
                for id in everyID {
                    #expect(try connection.scalar("SELECT carelog.login_reads_patient(\(id))") == (visible.contains(id) ? "t" : "f"),
                            "\(login), patient \(id)")
                }
            }
        }

        @Test("a disclosure's who, when and login are the server's; its patients are the maker's readable ones, listed once")
        func forgedDisclosure() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            let ids = try Ids(superuser)
            let therapist = try fixture.connect(as: fixture.therapist)
            try therapist.query("BEGIN")
            let id = try #require(try therapist.scalar("""
                INSERT INTO carelog.disclosure (disclosed_at, db_user, acting_staff_id, command, recipient, purpose, basis, privacy,
                                                manifest_sha256, files)
                VALUES ('2020-01-01', \(fixture.director), \(ids.d001), 'export', 'Anyone', 'forged', 'audit', 'clear', '00', '[]')
                RETURNING id
                """))
            try therapist.query("INSERT INTO carelog.disclosure_patient (disclosure_id, patient_id) VALUES (\(id), \(ids.p912))")
            // 00915 is LAX's, not T001's to read, so not its to disclose.
            expectPostgresError(.insufficientPrivilege) {
                try therapist.query("INSERT INTO carelog.disclosure_patient (disclosure_id, patient_id) VALUES (\(id), \(ids.p915))")
            }
            try therapist.query("ROLLBACK")
            try therapist.query("""
                INSERT INTO carelog.disclosure (disclosed_at, db_user, acting_staff_id, command, recipient, purpose, basis, privacy,
                                                manifest_sha256, files)
                VALUES ('2020-01-01', \(fixture.director), \(ids.d001), 'export', 'Anyone', 'forged', 'audit', 'clear', '00', '[]')
                """)
            let stored = try #require(try superuser.query("""
                SELECT id, db_user, acting_staff_id, disclosed_at > now() - interval '1 minute' AS now FROM carelog.disclosure
                """).first)
            #expect(try stored.decode("db_user", as: String.self) == fixture.therapist)
            #expect(try stored.decode("acting_staff_id", as: Int64.self) == ids.t001)
            #expect(try stored.decode("now", as: Bool.self))
            // A patient added later, in another transaction: refused.
            let storedID = try stored.decode("id", as: Int64.self)
            expectPostgresError(.insufficientPrivilege) {
                try therapist.query("INSERT INTO carelog.disclosure_patient (disclosure_id, patient_id) VALUES (\(storedID), \(ids.p912))")
            }
            // The run log's who and when are the server's as well, and the row is audited.
            try therapist.query("INSERT INTO carelog.run_log (ran_at, db_user, command) VALUES ('2020-01-01', \(fixture.director), 'forged')")
            #expect(try superuser.scalar("SELECT db_user || ' ' || (ran_at > now() - interval '1 minute') FROM carelog.run_log") == "\(fixture.therapist) true")
            #expect(try superuser.scalar("SELECT string_agg(table_name || ':' || operation, ' ' ORDER BY table_name) FROM carelog.audit_event WHERE table_name IN ('run_log', 'disclosure')") == "disclosure:INSERT run_log:INSERT")
        }

        @Test("a director limited to a site reads the disclosures of its site's patients only")
        func siteDirectorDisclosures() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            let ids = try Ids(superuser)
            // One disclosure of NYC's 00912, one of LAX's 00914, by the unlimited director.
            let director = try fixture.connect(as: fixture.director)
            for patient in [ids.p912, ids.p914] {
                try director.query("BEGIN")
                let id = try #require(try director.scalar("""
                    INSERT INTO carelog.disclosure (command, recipient, purpose, basis, privacy, manifest_sha256, files)
                    VALUES ('export', 'Payer', 'claims', 'consent', 'clear', '00', '[]') RETURNING id
                    """))
                try director.query("INSERT INTO carelog.disclosure_patient (disclosure_id, patient_id) VALUES (\(id), \(patient))")
                try director.query("COMMIT")
            }
            let siteDirector = try fixture.connect(as: fixture.siteDirector)
            #expect(try siteDirector.count("carelog.disclosure") == 1)
            #expect(try siteDirector.scalar("SELECT string_agg(p.mrn, ' ') FROM carelog.disclosure_patient dp JOIN carelog.patient p ON p.id = dp.patient_id") == "00914")
            #expect(try director.count("carelog.disclosure") == 2)
            #expect(try fixture.connect(as: fixture.auditor).count("carelog.disclosure_patient") == 2)
        }

        @Test("an auditor exports and runs the monthly bundle, recorded as itself, and still writes no clinical row")
        func auditorExports() throws {
            let fixture = try AccessFixture()
            let out = ScratchFolder.url("auditor").path
            defer { try? FileManager.default.removeItem(atPath: out) }
            let (console, _) = Console.recording()
            try ExportOperation.export(
                target: fixture.target(as: fixture.auditor), from: "2026-10-01", to: "2026-10-31", site: nil, directory: out + "/export",
                pseudonymizer: nil, disclosure: try DisclosureRequest(recipient: "State licensing", purpose: "annual survey", basis: .audit),
                spreadsheets: false, console: console)
            try ReportOperation.monthly(
                target: fixture.target(as: fixture.auditor), period: try ReportPeriod(month: "2026-10"), site: nil, directory: out + "/monthly",
                privacy: PrivacyOptions(), spreadsheets: false, console: console)
            let superuser = try fixture.database.connect()
            #expect(try superuser.scalar("""
                SELECT d.db_user || ' ' || s.staff_id FROM carelog.disclosure d JOIN carelog.staff s ON s.id = d.acting_staff_id
                """) == "\(fixture.auditor) A001")
            #expect(try superuser.scalar("SELECT string_agg(command, ', ' ORDER BY id) FROM carelog.run_log WHERE db_user = \(fixture.auditor)") == "export, report monthly")
            let auditor = try fixture.connect(as: fixture.auditor)
            expectPostgresError(.insufficientPrivilege) { try auditor.query("UPDATE carelog.attendance SET status = 'absent'") }
        }

        @Test("disabling a login ends its open sessions, even one that had run SET ROLE")
        func disabledLoginLosesItsSession() throws {
            let fixture = try AccessFixture()
            let therapist = try fixture.connect(as: fixture.therapist)
            try therapist.query("SET ROLE carelog_therapist")
            #expect(try therapist.count("carelog.care_group") == 4)
            let (console, _) = Console.recording()
            try UserOperation.disable(target: fixture.target(as: fixture.director), login: fixture.therapist, console: console)
            #expect(throws: PostgresError.self) { _ = try therapist.count("carelog.care_group") }
        }
    }
}
