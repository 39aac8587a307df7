import Carelog
import Foundation
import Postgres
import Testing

/// A logged roll is never rewritten in silence: refused without --correct, corrected
/// with a reason and a list of changes, voided with a reason, and frozen for all but
/// directors once its month is closed (docs/record-integrity.md).
extension DatabaseTests {
    @Suite("attendance: corrections, voids and closed months")
    struct CorrectionTests {
        private func record(
            _ target: DatabaseTarget, group: String = "AA-AM", at: String = "2026-10-05 07:30", by: String = "T001",
            allPresent: Bool = false, correcting reason: String? = nil, _ entries: [(String, [String])]
        ) throws -> String {
            var roll = AttendanceOperation.Roll()
            for (status, mrns) in entries { roll.add(status, mrns) }
            let (console, recording) = Console.recording()
            try AttendanceOperation.record(
                target: target, groupCode: group, startsAt: at, by: by, roll: roll, allPresent: allPresent,
                correctionReason: reason, console: console)
            return recording.output
        }

        /// `status minutes recorded_by recorded_at(UTC) corrected_by reason` of one record.
        private func row(_ connection: Connection, _ mrn: String, at: String = "2026-10-05 07:30 America/New_York") throws -> String? {
            try connection.scalar("""
                SELECT concat_ws(' ', a.status, coalesce(a.minutes_attended::text, '-'), r.staff_id,
                                 to_char(a.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI'), coalesce(c.staff_id, '-'),
                                 coalesce(a.correction_reason, '-'))
                  FROM carelog.attendance a JOIN carelog.patient p ON p.id = a.patient_id
                  JOIN carelog.group_session s ON s.id = a.session_id
                  JOIN carelog.staff r ON r.id = a.recorded_by_id LEFT JOIN carelog.staff c ON c.id = a.corrected_by_id
                 WHERE p.mrn = \(mrn) AND s.starts_at = \(at)::timestamptz
                """)
        }

        @Test("recording into a logged session is refused, names who logged it, and changes nothing")
        func loggedSessionRefused() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let connection = try database.connect()
            // A closed group's roll with records is logged.
            try importCSV("sessions", "group_code,starts_at,duration_minutes,facilitator,status\nW-PROC,2026-10-07 18:00,90,T002,held",
                          into: database)
            try importCSV("attendance", """
                group_code,starts_at,mrn,status,minutes_attended,recorded_by,recorded_at
                W-PROC,2026-10-07 18:00,00912,absent,,T002,2026-10-07 19:45
                """, into: database)
            let error = #expect(throws: CarelogError.self) {
                try record(database.target, group: "W-PROC", at: "2026-10-07 18:00", by: "T002", allPresent: true, [("present", ["00912"])])
            }
            #expect(error?.exitCode == 3)
            #expect(error?.message == "W-PROC at 2026-10-07 18:00 already has 1 attendance record (first logged by T002 at 2026-10-07 19:45)")
            #expect(error?.suggestion == "Nothing was recorded. Check the group and time with `carelog attendance roster --group W-PROC "
                + "--at \"2026-10-07 18:00\"`; to add to or change this roll, run the command again with --correct --reason \"why\".")
            #expect(try row(connection, "00912", at: "2026-10-07 18:00 America/New_York") == "absent - T002 2026-10-07T23:45 - -")
            // An open group's roll is logged once closed: a later sign-in is refused the same way.
            try connection.query("""
                INSERT INTO carelog.roll_closure (session_id, closed_by_id, closed_at)
                SELECT s.id, s.facilitator_id, '2026-10-05 08:40 America/New_York' FROM carelog.group_session s
                 WHERE s.starts_at = '2026-10-05 07:30 America/New_York'
                """)
            let closed = #expect(throws: CarelogError.self) {
                try record(database.target, [("present", ["00914"])])
            }
            #expect(closed?.exitCode == 3)
            #expect(closed?.message == "the roll of AA-AM at 2026-10-05 07:30 was closed by T001 at 2026-10-05 08:40")
            #expect(closed?.suggestion == "Nothing was recorded. A sign-in after the roll was closed is a correction: run the command again "
                + "with --correct --reason \"why\" (e.g. \"signed the sheet after the meeting\").")
            #expect(try row(connection, "00914") == nil)
            #expect(try row(connection, "00913") == "late 45 T001 2026-10-05T12:35 - -")
        }

        @Test("a correction lists each change and keeps the first recorder and time")
        func correction() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n00916,Ned,Ames,1982-03-03,male,NYC", into: database)
            try importCSV("episodes", "mrn,admitted_on,level_of_care,discharged_on,discharge_reason\n00916,2026-09-01,3.7,,", into: database)
            // The next day's session: 00912 and 00913 attended AA-AM in the 14 days before,
            // so both are on its roster; T001 logged 00912 absent.
            try importCSV("sessions", "group_code,starts_at,duration_minutes,facilitator,status\nAA-AM,2026-10-07 07:30,60,T001,held", into: database)
            try importCSV("attendance", """
                group_code,starts_at,mrn,status,minutes_attended,recorded_by,recorded_at
                AA-AM,2026-10-07 07:30,00912,absent,,T001,2026-10-07 08:40
                """, into: database)
            let output = try record(database.target, at: "2026-10-07 07:30", by: "D001",
                                    correcting: "sign-in sheet found", [("present", ["00913"]), ("late", ["00916"])])
            // 00912 stays absent (recorded); 00913 is added present; 00916 added late (an open
            // group takes no --all-present: docs/open-groups.md).
            #expect(output == "AA-AM 2026-10-07 07:30: 2 recorded, 0 corrected, 0 unchanged\n")
            let connection = try database.connect()
            let at = "2026-10-07 07:30 America/New_York"
            #expect(try row(connection, "00912", at: at) == "absent - T001 2026-10-07T12:40 - -")
            #expect(try row(connection, "00913", at: at)?.hasPrefix("present - D001 ") == true)

            // A change of status: listed, minutes dropped, recorder and time kept.
            let changed = try record(database.target, by: "T001", correcting: "came in after the break",
                                     [("left_early", ["00913"]), ("present", ["00912"])])
            #expect(changed == "  00913 late → left_early\nAA-AM 2026-10-05 07:30: 0 recorded, 1 corrected, 1 unchanged\n")
            #expect(try row(connection, "00913") == "left_early - T001 2026-10-05T12:35 T001 came in after the break")
            #expect(try row(connection, "00912") == "present 60 T001 2026-10-05T12:35 - -")
        }

        @Test("a correction without a reason is refused for every writer; with one, the database stamps who and when")
        func psqlCorrection() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let connection = try database.connect()
            let refused = expectPostgresError(.checkViolation, constraint: "attendance_correction_reason") {
                try connection.query("UPDATE carelog.attendance SET status = 'present' WHERE status = 'late'")
            }
            #expect(refused?.message == "a recorded attendance is changed only as a correction with a reason")
            try connection.query("BEGIN")
            try connection.query("SET LOCAL carelog.acting_staff = 'D001'")
            try connection.query("SET LOCAL carelog.change_reason = 'reviewed the sign-in sheet'")
            try connection.query("UPDATE carelog.attendance SET status = 'present', recorded_by_id = NULL, recorded_at = now() WHERE status = 'late'")
            try connection.query("COMMIT")
            #expect(try row(connection, "00913") == "present 45 T001 2026-10-05T12:35 D001 reviewed the sign-in sheet")
            // Same values again: no correction, nothing stamped.
            try connection.query("UPDATE carelog.attendance SET status = status")
            #expect(try connection.scalar("SELECT count(*) FROM carelog.attendance WHERE corrected_at IS NOT NULL") == "1")
        }

        @Test("a void removes the record from every count and keeps it, with its reason, in the trail")
        func void() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let connection = try database.connect()
            expectPostgresError(.checkViolation, constraint: "attendance_void_reason") {
                try connection.query("DELETE FROM carelog.attendance WHERE status = 'late'")
            }
            let (console, recording) = Console.recording()
            let missing = #expect(throws: CarelogError.self) {
                try AttendanceVoidOperation.void(target: database.target, groupCode: "AA-AM", startsAt: "2026-10-05 07:30",
                                                 mrns: ["00913", "00914"], reason: "wrong group", by: "T001", console: console)
            }
            #expect(missing?.message == "AA-AM at 2026-10-05 07:30 has no record of 00914 that this login may void")
            #expect(try connection.count("carelog.attendance") == 4)
            try AttendanceVoidOperation.void(target: database.target, groupCode: "AA-AM", startsAt: "2026-10-05 07:30",
                                             mrns: ["00913"], reason: "was at the M-RP group", by: "T001", console: console)
            #expect(recording.output == "  00913 late → voided\nAA-AM 2026-10-05 07:30: 1 record voided (kept with the reason in the audit trail)\n")
            #expect(try connection.count("carelog.attendance") == 3)
            #expect(try connection.scalar("""
                SELECT concat_ws(' ', p.mrn, v.status, v.minutes_attended, r.staff_id, b.staff_id, v.reason)
                  FROM carelog.attendance_void v JOIN carelog.patient p ON p.id = v.patient_id
                  JOIN carelog.staff r ON r.id = v.recorded_by_id JOIN carelog.staff b ON b.id = v.voided_by_id
                """) == "00913 late 45 T001 T001 was at the M-RP group")
            #expect(try connection.scalar("""
                SELECT string_agg(table_name || ':' || operation, ' ' ORDER BY id) FROM carelog.audit_event
                 WHERE table_name IN ('attendance', 'attendance_void') AND operation <> 'INSERT' OR table_name = 'attendance_void'
                """) == "attendance_void:INSERT attendance:DELETE")
            expectPostgresError(.insufficientPrivilege) { try connection.query("DELETE FROM carelog.attendance_void") }
        }

        @Test("a closed month changes only by a director with a reason, psql included")
        func closedMonth() throws {
            let fixture = try AccessFixture()
            let (console, recording) = Console.recording()
            let notOver = #expect(throws: CarelogError.self) {
                try PeriodOperation.close(target: fixture.target(as: fixture.director), month: "2099-01", site: nil, by: nil, console: console)
            }
            #expect(notOver?.message == "2099-01 has not ended yet")
            #expect(throws: PostgresError.self) {
                try PeriodOperation.close(target: fixture.target(as: fixture.therapist), month: "2026-10", site: nil, by: nil, console: console)
            }
            try PeriodOperation.close(target: fixture.target(as: fixture.director), month: "2026-10", site: "NYC", by: nil, console: console)
            #expect(recording.output == "Closed 2026-10 at NYC: its attendance and plan reviews now change only by a director, with a reason.\n")

            // The therapist's own session, in the closed month: no correction, no new record, no void.
            let corrected = #expect(throws: PostgresError.self) {
                try fixture.record(as: fixture.therapist, group: "AA-AM", at: "2026-10-05 07:30", by: "T001",
                                   correcting: "late after all", [("late", ["00912"])])
            }
            #expect(corrected?.message == "attendance of 2026-10 at site NYC: the month is closed, and only a director changes it")
            let therapist = try fixture.connect(as: fixture.therapist)
            expectPostgresError(.insufficientPrivilege) {
                try therapist.query("""
                    INSERT INTO carelog.plan_review (plan_id, reviewed_on, reviewer_id)
                    SELECT tp.id, '2026-10-20', carelog.login_staff_id() FROM carelog.treatment_plan tp WHERE tp.plan_code = 'P-912'
                    """)
            }
            // LAX's October is open: T003 still corrects its own session there.
            try fixture.record(as: fixture.otherTherapist, group: "LAX-AA", at: "2026-10-05 09:00", by: "T003",
                               correcting: "on time", [("present", ["00915"])])
            // The director corrects NYC's October, with a reason.
            try fixture.record(as: fixture.director, group: "AA-AM", at: "2026-10-05 07:30", by: "D001",
                               correcting: "late after all", [("late", ["00912"])])
            let superuser = try fixture.database.connect()
            #expect(try row(superuser, "00912") == "late - T001 2026-10-05T12:35 D001 late after all")
            try PeriodOperation.list(target: fixture.target(as: fixture.auditor), console: console)
            #expect(recording.output.contains("\nSite  Month    Closed at         By\nNYC   2026-10  "))
        }

        @Test("late-changes lists what changed in a reported month: who, when, old → new, why")
        func lateChanges() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            func lateRows() throws -> [String] {
                let (console, recording) = Console.recording()
                try ReportOperation.run(
                    target: database.target, name: "late-changes", period: try ReportPeriod(month: "2026-10"), site: nil,
                    format: .csv, output: nil, privacy: PrivacyOptions(), console: console)
                // changed_at is the moment of the change: left out of the comparison.
                return recording.output.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst().joined(separator: ",") }
            }
            // Not reported yet: nothing is late.
            _ = try record(database.target, by: "T001", correcting: "before the report", [("present", ["00913"])])
            #expect(try lateRows() == ["site_code,group_code,session_start,mrn,change,changed_by,reason"])
            let bundle = ScratchFolder.url("late").path
            defer { try? FileManager.default.removeItem(atPath: bundle) }
            let (quiet, _) = Console.recording()
            try ReportOperation.monthly(target: database.target, period: try ReportPeriod(month: "2026-10"), site: nil, directory: bundle,
                                        privacy: PrivacyOptions(), spreadsheets: false, console: quiet)
            // After the bundle: a correction, a void and a late entry of October, and a
            // November record (not October's).
            _ = try record(database.target, by: "T001", correcting: "reviewed the sign-in sheet", [("absent", ["00912"])])
            try AttendanceVoidOperation.void(target: database.target, groupCode: "AA-AM", startsAt: "2026-10-05 07:30", mrns: ["00913"],
                                             reason: "was at the M-RP group", by: "T001", console: quiet)
            _ = try record(database.target, group: "W-PROC", at: "2026-10-05 18:00", by: "D001", correcting: "came after all",
                       [("late", ["00912"])])
            #expect(try lateRows() == [
                "site_code,group_code,session_start,mrn,change,changed_by,reason",
                "NYC,AA-AM,2026-10-05 07:30,00912,present → absent,T001,reviewed the sign-in sheet",
                "NYC,AA-AM,2026-10-05 07:30,00913,present → voided,T001,was at the M-RP group",
                "NYC,W-PROC,2026-10-05 18:00,00912,absent → late,D001,came after all",
            ])
            // --deidentify and --pseudonymize drop the typed reason.
            let (console, recording) = Console.recording()
            try ReportOperation.run(
                target: database.target, name: "late-changes", period: try ReportPeriod(month: "2026-10"), site: nil,
                format: .csv, output: nil, privacy: PrivacyOptions(pseudonymizer: try Pseudonymizer(key: Data(repeating: 7, count: 32))),
                console: console)
            #expect(!recording.output.contains("sign-in"))
            #expect(recording.output.hasPrefix("changed_at,site_code,group_code,session_start,mrn,change,changed_by\r\n"))
        }
    }
}
