import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// `attendance record` names an existing session: a typo never creates a phantom
    /// one, and nothing is recorded for the future (docs/imports.md).
    @Suite("attendance record: the session must exist")
    struct SessionCheckTests {
        private func record(
            _ database: TestDatabase, group: String = "AA-AM", at: String, newSession: Bool = false, present: [String] = ["00912"],
            correcting reason: String? = nil
        ) throws -> ImportSummary {
            var roll = AttendanceOperation.Roll()
            roll.add("present", present)
            let (console, _) = Console.recording()
            return try AttendanceOperation.record(
                target: database.target, groupCode: group, startsAt: at, by: "T001", roll: roll, newSession: newSession,
                correctionReason: reason, console: console)
        }

        @Test("a time with no session is refused, the day's sessions are listed, nothing is written")
        func missingSession() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let error = #expect(throws: CarelogError.self) { try record(database, at: "2026-10-05 07:00") }
            #expect(error?.exitCode == 3)
            #expect(error?.message == "AA-AM has no session at 2026-10-05 07:00")
            #expect(error?.suggestion == "AA-AM has one session on 2026-10-05: 07:30. Give the time of one of them with --at, "
                + "or add --new-session to record a session that is not on the schedule; nothing was recorded.")
            let empty = #expect(throws: CarelogError.self) { try record(database, at: "2026-10-09 07:30") }
            #expect(empty?.suggestion?.hasPrefix("AA-AM has no session on 2026-10-09. ") == true)
            let cancelled = #expect(throws: CarelogError.self) { try record(database, at: "2026-10-06 08:00") }
            #expect(cancelled?.suggestion?.hasPrefix("AA-AM has one session on 2026-10-06: 07:30 (cancelled). ") == true)
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
        }

        @Test("an hour without its leading zero names the same session")
        func unpaddedHour() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let summary = try record(database, at: "2026-10-05 7:30", present: ["00912", "00913"], correcting: "arrived on time")
            // 00912 was present already; 00913 was late and is now present.
            #expect(summary.description == "attendance: 2 records; 0 inserted, 1 updated, 1 unchanged")
            #expect(try database.tableCounts()["group_session"] == 4)
        }

        @Test("a session in the future is refused, with or without --new-session")
        func future() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("sessions", "group_code,starts_at,duration_minutes,facilitator,status\nAA-AM,2099-01-05 07:30,60,T001,held", into: database)
            let scheduled = #expect(throws: CarelogError.self) { try record(database, at: "2099-01-05 07:30") }
            #expect(scheduled?.exitCode == 3)
            #expect(scheduled?.message == "the session of AA-AM at 2099-01-05 07:30 has not started yet")
            let created = #expect(throws: CarelogError.self) { try record(database, at: "2099-01-06 07:30", newSession: true) }
            #expect(created?.exitCode == 3)
            #expect(created?.message == "2099-01-06 07:30 is in the future: a session is created only once it has started")
            var counts = ImportFixture.expectedCounts
            counts["group_session"] = 5
            #expect(try database.tableCounts() == counts)
        }

        @Test("a mistyped group is one usage error with the code it may have meant")
        func mistypedGroup() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let typo = #expect(throws: CarelogError.self) { try record(database, group: "AA-MA", at: "2026-10-05 07:30", present: ["00912", "00913", "00914"]) }
            #expect(typo?.exitCode == 2)
            #expect(typo?.message == "there is no group \"AA-MA\"")
            #expect(typo?.suggestion == "Did you mean AA-AM? Nothing was recorded.")
            let unknown = #expect(throws: CarelogError.self) { try record(database, group: "ZZZ", at: "2026-10-05 07:30") }
            #expect(unknown?.suggestion == "Check the group code (as in the groups import file); nothing was recorded.")
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
        }

        @Test("a closed group takes attendance only from a patient enrolled on the session's day, whoever writes it")
        func closedGroupEnrollment() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            // 00914 (nonbinary) is in care from 2026-10-01 but not enrolled in M-RP; the
            // women's group would refuse for gender, so the men's closed group is used
            // with a male patient whose enrollment has ended: 00913 left M-RP on 2026-10-20.
            try importCSV("episodes", "mrn,admitted_on,level_of_care,discharged_on,discharge_reason\n00913,2026-10-25,3.7,,", into: database)
            try importCSV("sessions", "group_code,starts_at,duration_minutes,facilitator,status\nM-RP,2026-10-27 17:00,60,T002,held", into: database)
            let refused = #expect(throws: CarelogError.self) {
                try record(database, group: "M-RP", at: "2026-10-27 17:00", present: ["00913"])
            }
            #expect(refused?.exitCode == 3)
            let connection = try database.connect()
            defer { connection.close() }
            // The database refuses it too, for any writer.
            let direct = #expect(throws: PostgresError.self) {
                try connection.query("""
                    INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id, session_month)
                    SELECT s.id, p.id, 'present', st.id, carelog.session_month(s.id)
                      FROM carelog.group_session s, carelog.patient p, carelog.staff st
                     WHERE s.starts_at = '2026-10-27 17:00 America/New_York' AND p.mrn = '00913' AND st.staff_id = 'T002'
                    """)
            }
            #expect(direct?.constraint == "attendance_enrolled")
            // Enrolled again from that day: accepted.
            try importCSV("enrollments", "group_code,mrn,starts_on,ends_on\nM-RP,00913,2026-10-27,", into: database)
            #expect(try record(database, group: "M-RP", at: "2026-10-27 17:00", present: ["00913"]).inserted == 1)
            // Removing that enrollment would orphan the record: refused.
            let removed = #expect(throws: PostgresError.self) {
                try connection.query("DELETE FROM carelog.group_enrollment WHERE starts_on = '2026-10-27'")
            }
            #expect(removed?.constraint == "attendance_enrolled")
        }
    }
}
