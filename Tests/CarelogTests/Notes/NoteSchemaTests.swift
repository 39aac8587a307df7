import Carelog
import Foundation
import Postgres
import Testing

/// Group notes in the database (sql/018, docs/notes.md), through plain SQL as each
/// role: who reads which note and section, a signed note final for every writer,
/// co-signatures, goal references.
///
/// On the access fixture (AccessFixture): AA-AM 2026-10-05 07:30 (NYC, facilitator
/// T001, LCSW) with 00912 present and 00913 late, and here also 00914 (LAX, T003's
/// primary patient) present; LAX-AA 2026-10-05 09:00 (T003, LMFT) with 00914 and
/// 00915; M-RP 2026-10-07 17:00 (T002, a counselor with CADC, which does not sign
/// alone) with 00913 left early. 00913's primary therapist is T002; T001 and T003
/// are its secondary therapists.
extension DatabaseTests {
    @Suite("notes: the database's rules")
    struct NoteSchemaTests {
        struct Ids {
            let am: Int64, lax: Int64, mrp: Int64, wproc: Int64
            let p912: Int64, p913: Int64, p914: Int64, p915: Int64
            let h0005: Int64

            init(_ superuser: Connection) throws {
                func id(_ sql: String) throws -> Int64 { Int64(try #require(try superuser.scalar(SQLQuery(unsafeSQL: sql))))! }
                func session(_ group: String) throws -> Int64 {
                    try id("""
                        SELECT s.id FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id
                         WHERE g.group_code = '\(group)' AND s.status = 'held'
                        """)
                }
                am = try session("AA-AM"); lax = try session("LAX-AA"); mrp = try session("M-RP"); wproc = try session("W-PROC")
                p912 = try id("SELECT id FROM carelog.patient WHERE mrn = '00912'")
                p913 = try id("SELECT id FROM carelog.patient WHERE mrn = '00913'")
                p914 = try id("SELECT id FROM carelog.patient WHERE mrn = '00914'")
                p915 = try id("SELECT id FROM carelog.patient WHERE mrn = '00915'")
                h0005 = try id("SELECT id FROM carelog.service_code WHERE code = 'H0005'")
            }
        }

        /// A login for T002 (the counselor whose notes need a co-signature).
        static func counselorLogin(_ fixture: AccessFixture) throws -> String {
            let login = "t002_" + fixture.database.name
            try UserOperation.add(target: fixture.database.target, login: login, staffID: "T002", role: "therapist", site: nil,
                                  password: nil, console: Console.recording().0)
            return login
        }

        /// Drafts of AA-AM (00912, 00913, 00914), LAX-AA (00914, 00915) and M-RP (00913),
        /// written as superuser naming each note's facilitator: `Fixtures/note_drafts.sql`.
        static func writeDrafts(_ superuser: Connection) throws {
            try superuser.executeScript(try FixtureSQL.named("note_drafts"))
        }

        @Test("each role reads the notes and sections its place gives it; a therapist never another patient's section")
        func rowCountsPerRole() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            let ids = try Ids(superuser)
            try Self.writeDrafts(superuser)
            // Signed, then two addenda to AA-AM: one to the note, one to 00912's section.
            let t001 = try fixture.connect(as: fixture.therapist)
            #expect(try t001.query("UPDATE carelog.session_note SET status = 'signed' WHERE session_id = \(ids.am)").affectedRows == 1)
            try t001.query("""
                INSERT INTO carelog.note_addendum (session_note_id, patient_id, body)
                SELECT id, NULL, 'Fire drill cut the group short by five minutes.' FROM carelog.session_note WHERE session_id = \(ids.am)
                """)
            try t001.query("""
                INSERT INTO carelog.note_addendum (session_note_id, patient_id, body)
                SELECT id, \(ids.p912)::bigint, 'Asked for a sponsor list afterwards.' FROM carelog.session_note WHERE session_id = \(ids.am)
                """)

            func counts(_ login: String) throws -> [Int] {
                let connection = try fixture.connect(as: login)
                defer { connection.close() }
                return try ["session_note", "participant_note", "note_addendum"].map { try connection.count("carelog.\($0)") }
            }
            // T001: its AA-AM note and all three sections (it facilitates it); not M-RP,
            // where its secondary patient 00913 has a section.
            #expect(try counts(fixture.therapist) == [1, 3, 2])
            // T003: LAX-AA, and AA-AM because its primary patient 00914 attended; of AA-AM
            // only 00914's section and the addendum to the whole note.
            #expect(try counts(fixture.otherTherapist) == [2, 3, 1])
            let t003 = try fixture.connect(as: fixture.otherTherapist)
            #expect(try t003.scalar("""
                SELECT string_agg(p.mrn, ' ' ORDER BY p.mrn) FROM carelog.participant_note pn JOIN carelog.patient p ON p.id = pn.patient_id
                 JOIN carelog.session_note n ON n.id = pn.session_note_id WHERE n.session_id = \(ids.am)
                """) == "00914")
            #expect(try counts(fixture.director) == [3, 6, 2])
            // LAX's director: the notes of LAX sessions.
            #expect(try counts(fixture.siteDirector) == [1, 2, 0])
            #expect(try counts(fixture.auditor) == [3, 6, 2])
            // The audit trail of a section is read like the section: T003 reads the
            // events of its primary patients' sections only (not of 00913, its secondary
            // patient, nor of 00912, whose section shares AA-AM's note).
            #expect(try t003.scalar("""
                SELECT string_agg(pid::text, ' ' ORDER BY pid)
                  FROM (SELECT DISTINCT coalesce(e.patient_id, (e.new_values ->> 'patient_id')::bigint) AS pid
                          FROM carelog.audit_event e WHERE e.table_name = 'participant_note') AS s
                """) == "\(ids.p914) \(ids.p915)")
            // A therapist writes no note of a session it does not facilitate.
            #expect(try t003.query("UPDATE carelog.session_note SET topic = 'x' WHERE session_id = \(ids.mrp)").affectedRows == 0)
            expectPostgresError(.insufficientPrivilege) {
                try t003.query("INSERT INTO carelog.session_note (session_id, topic) VALUES (\(ids.wproc), 'x')")
            }
        }

        @Test("a signed note and its sections are final for the owner, a director and the author; addenda are added; the trail shows each step")
        func signedIsFinal() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            let ids = try Ids(superuser)
            try Self.writeDrafts(superuser)
            let author = try fixture.connect(as: fixture.therapist)
            // The draft is changed freely, then signed by the author.
            #expect(try author.query("UPDATE carelog.session_note SET topic = 'Coping with cravings at work' WHERE session_id = \(ids.am)").affectedRows == 1)
            #expect(try author.query("UPDATE carelog.session_note SET status = 'signed', signed_by_id = 1 WHERE session_id = \(ids.am)").affectedRows == 1)
            #expect(try superuser.scalar("""
                SELECT s.staff_id || ' ' || n.signer_credential || ' ' || n.cosign_required
                  FROM carelog.session_note n JOIN carelog.staff s ON s.id = n.signed_by_id WHERE n.session_id = \(ids.am)
                """) == "T001 LCSW false")

            let owner = try fixture.database.connect()
            try owner.query("SET ROLE carelog_owner")
            let director = try fixture.connect(as: fixture.director)
            let final = "the note of AA-AM at 2026-10-05 07:30 is signed: it is never changed"
            for (who, connection) in [("owner", owner), ("director", director), ("author", author)] {
                let update = expectPostgresError(.checkViolation, constraint: "session_note_signed_is_final") {
                    try connection.query("UPDATE carelog.session_note SET topic = 'rewritten' WHERE session_id = \(ids.am)")
                }
                #expect(update?.message == final, "\(who)")
                #expect(update?.hint?.contains("carelog note addendum") == true, "\(who)")
                expectPostgresError(.checkViolation, constraint: "session_note_signed_is_final") {
                    try connection.query("DELETE FROM carelog.session_note WHERE session_id = \(ids.am)")
                }
                let section = expectPostgresError(.checkViolation, constraint: "session_note_signed_is_final") {
                    try connection.query("""
                        UPDATE carelog.participant_note SET progress = 'rewritten'
                         WHERE session_note_id = (SELECT id FROM carelog.session_note WHERE session_id = \(ids.am))
                        """)
                }
                #expect(section?.message == "the note of AA-AM at 2026-10-05 07:30 is signed: a participant's section is never changed", "\(who)")
                expectPostgresError(.checkViolation, constraint: "session_note_signed_is_final") {
                    try connection.query("""
                        DELETE FROM carelog.participant_note
                         WHERE session_note_id = (SELECT id FROM carelog.session_note WHERE session_id = \(ids.am))
                        """)
                }
            }
            expectPostgresError(.insufficientPrivilege) { try owner.query("TRUNCATE carelog.participant_note") }
            // A co-signature is no way round: T001 signs alone.
            expectPostgresError(.checkViolation, constraint: "session_note_cosign_not_required") {
                try director.query("UPDATE carelog.session_note SET cosigned_by_id = 1, cosigned_at = now() WHERE session_id = \(ids.am)")
            }
            // An addendum is added, stamped with its author whatever the client says.
            try author.query("""
                INSERT INTO carelog.note_addendum (session_note_id, body, author_id, added_at)
                SELECT id, 'Late arrival of 00913 was excused by the program.', 999, '2001-01-01'
                  FROM carelog.session_note WHERE session_id = \(ids.am)
                """)
            #expect(try superuser.scalar("""
                SELECT s.staff_id || ' ' || (a.added_at > now() - interval '1 hour')
                  FROM carelog.note_addendum a JOIN carelog.staff s ON s.id = a.author_id
                """) == "T001 true")
            expectPostgresError(.insufficientPrivilege) { try owner.query("UPDATE carelog.note_addendum SET body = 'x'") }
            // An addendum to a draft is refused: the draft itself changes.
            expectPostgresError(.checkViolation, constraint: "note_addendum_signed_note") {
                try superuser.query("""
                    INSERT INTO carelog.note_addendum (session_note_id, body, author_id)
                    SELECT id, 'x', 1 FROM carelog.session_note WHERE session_id = \(ids.lax)
                    """)
            }
            // The trail: the author's login and staff member at each step of its note.
            #expect(try superuser.scalar("""
                SELECT string_agg(b.table_name || ' ' || b.operation || ' ' || (b.db_user = \(fixture.therapist)) || ' ' || b.acting_staff, '; ' ORDER BY b.id)
                  FROM carelog.audit_batch b
                 WHERE b.table_name IN ('session_note', 'participant_note', 'note_addendum') AND b.db_user <> current_user
                """) == "session_note UPDATE true T001; session_note UPDATE true T001; note_addendum INSERT true T001")
        }

        @Test("a note signed by a credential that does not sign alone awaits a co-signature by a director or a credentialed colleague")
        func cosignature() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            let ids = try Ids(superuser)
            try Self.writeDrafts(superuser)
            let counselor = try fixture.connect(as: try Self.counselorLogin(fixture))
            #expect(try counselor.query("UPDATE carelog.session_note SET status = 'signed' WHERE session_id = \(ids.mrp)").affectedRows == 1)
            let awaiting = "SELECT count(*) FROM carelog.session_note WHERE status = 'signed' AND cosign_required AND cosigned_by_id IS NULL"
            #expect(try superuser.scalar(SQLQuery(unsafeSQL: awaiting)) == "1")
            // Not by its signer; not by a therapist who does not facilitate the session.
            expectPostgresError(.checkViolation, constraint: "session_note_cosigner") {
                try counselor.query("UPDATE carelog.session_note SET cosigned_by_id = 1, cosigned_at = now() WHERE session_id = \(ids.mrp)")
            }
            let t001 = try fixture.connect(as: fixture.therapist)
            #expect(try t001.query("UPDATE carelog.session_note SET cosigned_by_id = 1, cosigned_at = now() WHERE session_id = \(ids.mrp)").affectedRows == 0)
            // A director co-signs; the server names the director.
            let director = try fixture.connect(as: fixture.director)
            #expect(try director.query("UPDATE carelog.session_note SET cosigned_by_id = 1, cosigned_at = now() WHERE session_id = \(ids.mrp)").affectedRows == 1)
            #expect(try superuser.scalar(SQLQuery(unsafeSQL: awaiting)) == "0")
            #expect(try superuser.scalar("""
                SELECT s.staff_id FROM carelog.session_note n JOIN carelog.staff s ON s.id = n.cosigned_by_id WHERE n.session_id = \(ids.mrp)
                """) == "D001")
            // Once co-signed, final too.
            expectPostgresError(.checkViolation, constraint: "session_note_signed_is_final") {
                try director.query("UPDATE carelog.session_note SET cosigned_by_id = NULL, cosigned_at = NULL WHERE session_id = \(ids.mrp)")
            }
        }

        @Test("goal references: another patient's goal, a met goal, a goal of a later plan and a patient who did not attend are refused")
        func goalReferences() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            let ids = try Ids(superuser)
            try importCSV("goals", """
                plan_code,goal_code,domain,description,target_date,status,status_on
                P-912,G2,housing,Find sober housing,2026-11-01,met,2026-10-01
                P-912,G3,employment,Return to work,2026-12-01,met,2026-10-20
                """, into: fixture.database)
            try importCSV("plans", """
                plan_code,mrn,created_on,author,review_interval_days,closed_on
                P-912-B,00912,2026-11-01,T001,30,
                """, into: fixture.database)
            try importCSV("goals", """
                plan_code,goal_code,domain,description,target_date,status,status_on
                P-912-B,G1,recovery,Later plan's goal,2027-01-01,open,
                """, into: fixture.database)
            func goal(_ plan: String, _ code: String) throws -> Int64 {
                Int64(try #require(try superuser.scalar("""
                    SELECT g.id FROM carelog.plan_goal g JOIN carelog.treatment_plan p ON p.id = g.plan_id
                     WHERE p.plan_code = \(plan) AND g.goal_code = \(code)
                    """)))!
            }
            let t001 = try fixture.connect(as: fixture.therapist)
            try t001.query("""
                INSERT INTO carelog.session_note (session_id, topic, interventions, minutes, service_code_id)
                VALUES (\(ids.am), 'Relapse warning signs', 'Psychoeducation', 60, \(ids.h0005))
                """)
            func section(_ patient: Int64, _ goals: [Int64]) throws {
                try t001.query("""
                    INSERT INTO carelog.participant_note (session_note_id, patient_id, participation, goal_ids)
                    SELECT id, \(patient)::bigint, 'Shared openly', \("{" + goals.map(String.init).joined(separator: ",") + "}")::bigint[]
                      FROM carelog.session_note WHERE session_id = \(ids.am)
                    """)
            }
            for refused in [try goal("P-913", "G1"), try goal("P-912", "G2"), try goal("P-912-B", "G1")] {
                let error = expectPostgresError(.checkViolation, constraint: "participant_note_goal") { try section(ids.p912, [refused]) }
                #expect(error?.message == "the section of MRN 00912 names goal ids \(refused), which are not goals of that patient's plan open on 2026-10-05")
            }
            // G3 was met after the session: it was open that day. G1 is open.
            try section(ids.p912, [try goal("P-912", "G1"), try goal("P-912", "G3")])
            #expect(try superuser.scalar("SELECT cardinality(goal_ids) FROM carelog.participant_note") == "2")
            // 00913's own goal G1 (met on 2026-10-14) was open on 2026-10-05.
            try section(ids.p913, [try goal("P-913", "G1")])
            // W-PROC: 00912 was absent.
            try superuser.query("SELECT set_config('carelog.acting_staff', 'T002', false)")
            try superuser.query("INSERT INTO carelog.session_note (session_id) VALUES (\(ids.wproc))")
            let absent = expectPostgresError(.checkViolation, constraint: "participant_note_attended") {
                try superuser.query("""
                    INSERT INTO carelog.participant_note (session_note_id, patient_id)
                    SELECT id, \(ids.p912)::bigint FROM carelog.session_note WHERE session_id = \(ids.wproc)
                    """)
            }
            #expect(absent?.message == "MRN 00912 did not attend W-PROC at 2026-10-05 18:00 (absent): a section is written for a patient who attended")
            // A note is signed complete: a draft without its topic is not.
            try superuser.query("SELECT set_config('carelog.acting_staff', 'T003', false)")
            try superuser.query("INSERT INTO carelog.session_note (session_id, minutes) VALUES (\(ids.lax), 60)")
            expectPostgresError(.checkViolation, constraint: "session_note_signed_complete") {
                try superuser.query("UPDATE carelog.session_note SET status = 'signed' WHERE session_id = \(ids.lax)")
            }
        }
    }
}
