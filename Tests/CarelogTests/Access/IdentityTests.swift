import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("access control: who is who (--by)")
    struct IdentityTests {
        private func attendanceCount(_ fixture: AccessFixture) throws -> Int {
            try fixture.database.connect().count("carelog.attendance")
        }

        @Test("a therapist records its own group, as itself; the trail names the login and the staff member")
        func recordsAsItself() throws {
            let fixture = try AccessFixture()
            // 00916 is not T001's patient, but AA-AM is T001's group.
            try fixture.record(as: fixture.therapist, group: "AA-AM", at: "2026-10-12 07:30", by: "T001",
                               [("present", ["00912"]), ("late", ["00916"])])
            let superuser = try fixture.database.connect()
            #expect(try superuser.scalar("""
                SELECT string_agg(db_user || ' ' || coalesce(acting_staff, '-') || ' ' || table_name || ' ' || row_count, ', ' ORDER BY id)
                  FROM carelog.audit_batch WHERE db_user <> 'postgres'
                """) == "\(fixture.therapist) T001 group_session 1, \(fixture.therapist) T001 attendance 2")
            // T003's own patient in T001's session: T001's record, not T003's to rewrite (the
            // open group's roll is still open, so only a changed status is refused).
            let logged = #expect(throws: CarelogError.self) {
                try fixture.record(as: fixture.otherTherapist, group: "AA-AM", at: "2026-10-05 07:30", by: "T003", [("excused", ["00913"])])
            }
            #expect(logged?.message == "AA-AM at 2026-10-05 07:30 already has a different record of 00913 (recorded late by T001)")
            #expect(logged?.exitCode == 3)
            let notItsSession = #expect(throws: CarelogError.self) {
                try fixture.record(as: fixture.otherTherapist, group: "AA-AM", at: "2026-10-05 07:30", by: "T003",
                                   correcting: "excused by phone", [("excused", ["00913"])])
            }
            #expect(notItsSession?.message == "therapist T003 does not facilitate AA-AM at 2026-10-05 07:30, so it cannot correct its records")
            #expect(try superuser.scalar("""
                SELECT a.status || ' ' || s.staff_id FROM carelog.attendance a JOIN carelog.staff s ON s.id = a.recorded_by_id
                  JOIN carelog.patient p ON p.id = a.patient_id JOIN carelog.group_session gs ON gs.id = a.session_id
                 WHERE p.mrn = '00913' AND gs.starts_at = '2026-10-05 07:30 America/New_York'
                """) == "late T001")
        }

        @Test("--by naming someone else is refused for a therapist and allowed for a director")
        func spoofing() throws {
            let fixture = try AccessFixture()
            let before = try attendanceCount(fixture)
            let spoof = #expect(throws: CarelogError.self) {
                try fixture.record(as: fixture.therapist, group: "AA-AM", at: "2026-10-12 07:30", by: "T003", [("present", ["00912"])])
            }
            #expect(spoof?.exitCode == 3)
            #expect(spoof?.message == "--by T003 is refused (only_directors_act_for_others): login \(fixture.therapist) is staff member T001 and cannot act as T003: only a director records for a colleague")
            #expect(try attendanceCount(fixture) == before)

            // The same through plain SQL: the trigger, not the client, decides.
            let raw = try fixture.connect(as: fixture.therapist)
            try raw.query("SET carelog.acting_staff = 'T003'")
            let error = expectPostgresError(.insufficientPrivilege) {
                try raw.query("UPDATE carelog.treatment_plan SET review_interval_days = 21 WHERE plan_code = 'P-912'")
            }
            #expect(error?.message == "login \(fixture.therapist) is staff member T001 and cannot act as T003: only a director records for a colleague")

            // A director may record for a colleague; the trail keeps both names.
            try fixture.record(as: fixture.director, group: "AA-AM", at: "2026-10-12 07:30", by: "T001", [("present", ["00912"])])
            #expect(try fixture.database.connect().scalar("""
                SELECT db_user || ' ' || acting_staff FROM carelog.audit_batch WHERE table_name = 'attendance' ORDER BY id DESC LIMIT 1
                """) == "\(fixture.director) T001")
        }

        @Test("a therapist outside the group and the caseload is refused, naming the rule; nothing is written")
        func outsideCaseload() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            let sessions = try superuser.count("carelog.group_session")
            let before = try attendanceCount(fixture)
            let none = #expect(throws: CarelogError.self) {
                try fixture.record(as: fixture.otherTherapist, group: "AA-AM", at: "2026-10-12 07:30", by: "T003",
                                   [("present", ["00912", "00916"])])
            }
            #expect(none?.message == "therapist T003 does not facilitate AA-AM and none of these patients is in its caseload")
            #expect(none?.exitCode == 3)
            let some = #expect(throws: CarelogError.self) {
                try fixture.record(as: fixture.otherTherapist, group: "AA-AM", at: "2026-10-05 07:30", by: "T003",
                                   [("present", ["00913"]), ("late", ["00912"])])
            }
            #expect(some?.message == "therapist T003 does not facilitate AA-AM and patient 00912 is not in its caseload")
            #expect(try attendanceCount(fixture) == before)
            #expect(try superuser.count("carelog.group_session") == sessions)
        }

        @Test("an auditor's staff ID records nothing, whoever is connected")
        func auditorsWriteNothing() throws {
            let fixture = try AccessFixture()
            let before = try attendanceCount(fixture)
            for login in [fixture.auditor, "postgres"] {
                let error = #expect(throws: CarelogError.self) {
                    try fixture.record(as: login, group: "AA-AM", at: "2026-10-12 07:30", by: "A001", [("present", ["00912"])])
                }
                #expect(error?.exitCode == 3)
                #expect(error?.message == "--by A001 is refused (auditors_write_nothing): A001 is an auditor, and auditors write no records")
            }
            // And without --by, the auditor's login itself may not write.
            let error = #expect(throws: CarelogError.self) {
                try importCSV("screens", "mrn,collected_on,result\n00914,2026-10-12,negative", into: fixture.database, as: fixture.auditor)
            }
            #expect(error?.exitCode == 3)
            #expect(error?.message == "this login may not write (auditors_write_nothing): A001 is an auditor, and auditors write no records")
            #expect(try attendanceCount(fixture) == before)
        }
    }
}


/// Imports CSV text as `login`.
@discardableResult
func importCSV(_ kind: String, _ csv: String, into database: TestDatabase, as login: String, by staff: String? = nil) throws -> ImportSummary {
    var parameters = database.parameters
    parameters["user"] = login
    let (console, _) = Console.recording()
    return try ImportOperation.run(
        target: DatabaseTarget(source: .option, connectionString: "", overrides: parameters), kind: kind,
        input: .bytes(Array((csv + "\n").utf8)), dryRun: false, actingStaff: staff, console: console)
}
