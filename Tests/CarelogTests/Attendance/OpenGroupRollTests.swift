import Carelog
import Foundation
import Postgres
import Testing

/// An open group's roll is a sign-in list its facilitator closes (sql/019,
/// docs/open-groups.md): who may close it, what the server stamps, and what a closed
/// roll means for later sign-ins, through plain SQL as each role and through carelog.
extension DatabaseTests {
    @Suite("open groups: the roll a facilitator closes")
    struct OpenGroupRollTests {
        /// The id of the session of `group` at the site-local `local` time (as the superuser).
        private func sessionID(_ connection: Connection, _ group: String, _ local: String) throws -> String {
            try #require(try connection.scalar("""
                SELECT s.id::text FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id
                  JOIN carelog.site st ON st.id = g.site_id
                 WHERE g.group_code = \(group) AND s.starts_at = (\(local)::timestamp AT TIME ZONE st.timezone)
                """))
        }

        @Test("only the session's facilitators or a director close a roll; the server stamps who and when; a closing is final")
        func closingThroughSQL() throws {
            let fixture = try AccessFixture()
            let owner = try fixture.database.connect()
            let aaAM = try sessionID(owner, "AA-AM", "2026-10-05 07:30")      // NYC, open, T001
            let laxAA = try sessionID(owner, "LAX-AA", "2026-10-05 09:00")    // LAX, open, T003
            let wProc = try sessionID(owner, "W-PROC", "2026-10-05 18:00")    // NYC, closed, T002
            let d001 = try #require(try owner.scalar("SELECT id::text FROM carelog.staff WHERE staff_id = 'D001'"))
            let insert = { (session: String) in
                "INSERT INTO carelog.roll_closure (session_id, closed_by_id, closed_at) VALUES (\(session), \(d001), '2020-01-01 00:00Z')"
            }

            // A therapist who does not facilitate the session, a director of another site, an auditor: refused.
            let t001 = try fixture.connect(as: fixture.therapist)
            expectPostgresError(.insufficientPrivilege) { try t001.query(SQLQuery(unsafeSQL: insert(laxAA), parameters: [])) }
            let t003 = try fixture.connect(as: fixture.otherTherapist)
            expectPostgresError(.insufficientPrivilege) { try t003.query(SQLQuery(unsafeSQL: insert(aaAM), parameters: [])) }
            let d002 = try fixture.connect(as: fixture.siteDirector)
            expectPostgresError(.insufficientPrivilege) { try d002.query(SQLQuery(unsafeSQL: insert(aaAM), parameters: [])) }
            let auditor = try fixture.connect(as: fixture.auditor)
            expectPostgresError(.insufficientPrivilege) { try auditor.query(SQLQuery(unsafeSQL: insert(aaAM), parameters: [])) }
            #expect(try owner.count("carelog.roll_closure") == 0)

            // A closed group has no roll to close, even for a director.
            let d001Login = try fixture.connect(as: fixture.director)
            let closedGroup = expectPostgresError(.checkViolation, constraint: "roll_closure_open_group") {
                try d001Login.query(SQLQuery(unsafeSQL: insert(wProc), parameters: []))
            }
            #expect(closedGroup?.message == "W-PROC at 2026-10-05 18:00 is a session of a closed group: its roll is its records, there is nothing to close")

            // The facilitator closes its own session: whatever it sends, the server writes itself and now.
            try t001.query(SQLQuery(unsafeSQL: insert(aaAM), parameters: []))
            #expect(try owner.scalar("""
                SELECT st.staff_id || ' ' || (r.closed_at > now() - interval '1 minute') || ' ' || (r.db_user = \(fixture.therapist))
                  FROM carelog.roll_closure r JOIN carelog.staff st ON st.id = r.closed_by_id
                """) == "T001 true true")
            // A director of the session's site closes too (LAX-AA, for D002 limited to LAX).
            try d002.query(SQLQuery(unsafeSQL: insert(laxAA), parameters: []))
            #expect(try owner.scalar("SELECT string_agg(st.staff_id, ' ' ORDER BY st.staff_id) FROM carelog.roll_closure r JOIN carelog.staff st ON st.id = r.closed_by_id")
                    == "D002 T001")
            // Closed once: a second closing, an UPDATE, a DELETE are refused, for the owner too.
            expectPostgresError(.uniqueViolation) { try d001Login.query(SQLQuery(unsafeSQL: insert(aaAM), parameters: [])) }
            for statement in ["UPDATE carelog.roll_closure SET closed_at = now()", "DELETE FROM carelog.roll_closure"] {
                let refused = expectPostgresError(.insufficientPrivilege) { try owner.query(SQLQuery(unsafeSQL: statement, parameters: [])) }
                #expect(refused?.message.hasPrefix("roll_closure is append-only") == true)
            }
            // Audited, and read by the auditor.
            #expect(try owner.scalar("SELECT count(*) FROM carelog.audit_batch WHERE table_name = 'roll_closure' AND operation = 'INSERT'") == "2")
            #expect(try auditor.count("carelog.roll_closure") == 2)
        }

        @Test("after a roll is closed, a sign-in is a correction: refused without a reason for every writer, stamped with one")
        func signInAfterClosing() throws {
            let fixture = try AccessFixture()
            let owner = try fixture.database.connect()
            let aaAM = try sessionID(owner, "AA-AM", "2026-10-05 07:30")
            try owner.query("""
                INSERT INTO carelog.roll_closure (session_id, closed_by_id, closed_at)
                SELECT \(aaAM)::bigint, id, '2026-10-05 08:40 America/New_York' FROM carelog.staff WHERE staff_id = 'T001'
                """)
            let insert = """
                INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id, session_month)
                SELECT s.id, p.id, 'present', s.facilitator_id, '2026-10-01'
                  FROM carelog.group_session s, carelog.patient p WHERE s.id = \(aaAM) AND p.mrn = '00916'
                """
            let refused = expectPostgresError(.checkViolation, constraint: "attendance_roll_closed") {
                try owner.query(SQLQuery(unsafeSQL: insert, parameters: []))
            }
            #expect(refused?.message == "the roll of AA-AM at 2026-10-05 07:30 is closed: a later sign-in is a correction with a reason")
            #expect(try owner.count("carelog.attendance") == 6)
            try owner.query("BEGIN")
            try owner.query("SET LOCAL carelog.acting_staff = 'T001'")
            try owner.query("SET LOCAL carelog.change_reason = 'signed the sheet after the meeting'")
            try owner.query(SQLQuery(unsafeSQL: insert, parameters: []))
            try owner.query("COMMIT")
            #expect(try owner.scalar("""
                SELECT c.staff_id || ' ' || a.correction_reason || ' ' || (a.corrected_at IS NOT NULL)
                  FROM carelog.attendance a JOIN carelog.patient p ON p.id = a.patient_id
                  JOIN carelog.staff c ON c.id = a.corrected_by_id WHERE p.mrn = '00916'
                """) == "T001 signed the sheet after the meeting true")

            // Through carelog, as the facilitator's login: refused without --correct, exit 3, nothing written.
            let target = fixture.target(as: fixture.therapist)
            var roll = AttendanceOperation.Roll()
            roll.add("late", ["00912"])
            let noReason = #expect(throws: CarelogError.self) {
                try AttendanceOperation.record(target: target, groupCode: "AA-AM", startsAt: "2026-10-05 07:30", by: "T001", roll: roll,
                                               console: Console.recording().0)
            }
            #expect(noReason?.exitCode == 3)
            #expect(noReason?.message == "the roll of AA-AM at 2026-10-05 07:30 was closed by T001 at 2026-10-05 08:40")
            let again = #expect(throws: CarelogError.self) {
                try AttendanceOperation.record(target: target, groupCode: "AA-AM", startsAt: "2026-10-05 07:30", by: "T001",
                                               roll: AttendanceOperation.Roll(), done: true, console: Console.recording().0)
            }
            #expect(again?.exitCode == 3)
            #expect(again?.message == "the roll of AA-AM at 2026-10-05 07:30 was closed by T001 at 2026-10-05 08:40")
            #expect(try owner.scalar("""
                SELECT a.status FROM carelog.attendance a JOIN carelog.patient p ON p.id = a.patient_id
                 WHERE p.mrn = '00912' AND a.session_id = \(aaAM)::bigint
                """) == "present")
        }

        @Test("closing through carelog: --done by the facilitator; refused for another therapist, a closed group, --all-present")
        func closingThroughCarelog() throws {
            let fixture = try AccessFixture()
            let owner = try fixture.database.connect()
            // Another therapist: named by the rule, exit 3, nothing closed.
            let other = #expect(throws: CarelogError.self) {
                try AttendanceOperation.record(target: fixture.target(as: fixture.otherTherapist), groupCode: "AA-AM",
                                               startsAt: "2026-10-05 07:30", by: "T003", roll: AttendanceOperation.Roll(), done: true,
                                               console: Console.recording().0)
            }
            #expect(other?.exitCode == 3)
            #expect(other?.message == "therapist T003 does not facilitate AA-AM at 2026-10-05 07:30, so it cannot close its roll")
            #expect(try owner.count("carelog.roll_closure") == 0)

            // The binary: --all-present on an open group and --done on a closed one are refused with exit 3.
            let arguments = fixture.database.databaseArguments
            let allPresent = try CarelogBinary.run(["attendance", "record", "--group", "AA-AM", "--at", "2026-10-05 07:30", "--by", "T001",
                                                    "--all-present"] + arguments)
            #expect(allPresent.status == 3, "\(allPresent)")
            #expect(allPresent.error.contains("AA-AM is an open group: its roster is a sign-in list"))
            let closedGroup = try CarelogBinary.run(["attendance", "record", "--group", "W-PROC", "--at", "2026-10-05 18:00", "--by", "T002",
                                                     "--done"] + arguments)
            #expect(closedGroup.status == 3, "\(closedGroup)")
            #expect(closedGroup.error.contains("W-PROC is a closed group: its roll is logged by its records, there is no roll to close"))
            #expect(try owner.count("carelog.roll_closure") == 0)

            // The facilitator adds the last sign-in and closes the roll in one command.
            let done = try CarelogBinary.run(["attendance", "record", "--group", "AA-AM", "--at", "2026-10-05 07:30", "--by", "T001",
                                              "--present", "00916", "--done"] + arguments)
            #expect(done.status == 0, "\(done)")
            #expect(done.output == "AA-AM 2026-10-05 07:30: 1 recorded, 0 corrected, 0 unchanged\nAA-AM 2026-10-05 07:30: roll closed, 3 signed in\n")
            #expect(try owner.scalar("SELECT st.staff_id FROM carelog.roll_closure r JOIN carelog.staff st ON st.id = r.closed_by_id") == "T001")
            let today = try CarelogBinary.run(["today", "--by", "T001", "--date", "2026-10-05"] + arguments)
            #expect(today.outputLines.contains { $0.hasPrefix("07:30  AA-AM") && $0.hasSuffix("3 signed in, roll closed  missing") }, "\(today)")
            // A late sign-in after closing, with its reason.
            let late = try CarelogBinary.run(["attendance", "record", "--group", "AA-AM", "--at", "2026-10-05 07:30", "--by", "T001",
                                              "--correct", "--reason", "signed the sheet after the meeting", "--late", "00914"] + arguments)
            #expect(late.status == 0, "\(late)")
            #expect(try owner.scalar("""
                SELECT a.correction_reason FROM carelog.attendance a JOIN carelog.patient p ON p.id = a.patient_id
                  JOIN carelog.group_session s ON s.id = a.session_id
                 WHERE p.mrn = '00914' AND s.starts_at = '2026-10-05 07:30 America/New_York'
                """) == "signed the sheet after the meeting")
        }
    }
}
