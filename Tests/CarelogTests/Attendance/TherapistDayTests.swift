import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// The therapist's day: `today`, `attendance roster` and `attendance record
    /// --all-present`, on the import fixture (ImportFixture) and a few more records.
    @Suite("the therapist's day: today, roster, --all-present")
    struct TherapistDayTests {
        private func record(
            _ database: TestDatabase, group: String, at: String, by: String = "T001", allPresent: Bool = true,
            correcting reason: String? = nil, done: Bool = false, _ entries: [(String, [String])] = []
        ) throws -> (ImportSummary, String) {
            var roll = AttendanceOperation.Roll()
            for (status, mrns) in entries { roll.add(status, mrns) }
            let (console, recording) = Console.recording()
            let summary = try AttendanceOperation.record(
                target: database.target, groupCode: group, startsAt: at, by: by, roll: roll, allPresent: allPresent,
                correctionReason: reason, done: done, console: console)
            return (summary, recording.output)
        }

        private func roster(_ database: TestDatabase, group: String, at: String, format: ListFormat = .text) throws -> String {
            let (console, recording) = Console.recording()
            try RosterOperation.show(target: database.target, groupCode: group, startsAt: at, format: format, console: console)
            return recording.output
        }

        private func statuses(_ database: TestDatabase, at instant: String) throws -> String? {
            let connection = try database.connect()
            defer { connection.close() }
            return try connection.scalar(SQLQuery(unsafeSQL: """
                SELECT string_agg(p.mrn || '=' || a.status, ' ' ORDER BY p.mrn) FROM carelog.attendance a
                  JOIN carelog.patient p ON p.id = a.patient_id
                  JOIN carelog.group_session gs ON gs.id = a.session_id
                 WHERE gs.starts_at = $1::timestamptz
                """, parameters: [instant]))
        }

        /// Three more women for the closed women's group W-PROC around 2026-10-12:
        /// 00915 enrolled until 2026-10-12 (inclusive: on the roster that day), 00916
        /// enrolled only from 2026-10-13, 00917 enrolled but discharged on 2026-10-12
        /// (not in care on the discharge day).
        private func closedGroupWorld(_ database: TestDatabase) throws {
            try ImportFixture.load(into: database)
            try importCSV("patients", """
                mrn,first_name,last_name,date_of_birth,gender,site_code
                00915,Ida,Berg,1979-06-01,female,NYC
                00916,Jo,Carr,1988-03-03,female,NYC
                00917,Lea,Dunn,1992-12-12,female,NYC
                """, into: database)
            try importCSV("episodes", """
                mrn,admitted_on,level_of_care,discharged_on,discharge_reason
                00915,2026-10-01,3.5,,
                00916,2026-10-01,3.5,,
                00917,2026-10-01,3.5,2026-10-12,completed
                """, into: database)
            try importCSV("enrollments", """
                group_code,mrn,starts_on,ends_on
                W-PROC,00915,2026-10-01,2026-10-12
                W-PROC,00916,2026-10-13,
                W-PROC,00917,2026-10-01,
                """, into: database)
            try importCSV("sessions", """
                group_code,starts_at,duration_minutes,facilitator,status
                W-PROC,2026-10-12 18:00,90,T002,held
                """, into: database)
        }

        @Test("closed group: the roster is who is enrolled and in care that day; --all-present records it except the others given")
        func closedGroup() throws {
            let database = try TestDatabase()
            try closedGroupWorld(database)
            let shown1 = try roster(database, group: "W-PROC", at: "2026-10-12 18:00")
            #expect(shown1 == """
                W-PROC 2026-10-12 18:00: 2 expected, 0 recorded
                MRN    Name       Recorded
                00915  Berg, Ida  -
                00912  Moss, Fay  -

                """)
            let (summary, output) = try record(database, group: "W-PROC", at: "2026-10-12 18:00", by: "T002", [("excused", ["00915"])])
            #expect(summary.description == "attendance: 2 records; 2 inserted, 0 updated, 0 unchanged")
            #expect(output == "W-PROC 2026-10-12 18:00: 2 recorded, 0 corrected, 0 unchanged\n")
            #expect(try statuses(database, at: "2026-10-12 18:00 America/New_York") == "00912=present 00915=excused")
            let shown2 = try roster(database, group: "W-PROC", at: "2026-10-12 18:00")
            #expect(shown2 == """
                W-PROC 2026-10-12 18:00: 2 expected, 2 recorded
                MRN    Name       Recorded
                00915  Berg, Ida  excused
                00912  Moss, Fay  present

                """)
            // Run again: refused, the roll is logged; with --correct, --all-present adds
            // nobody (everyone is recorded) and the named record is unchanged.
            #expect(throws: CarelogError.self) {
                try record(database, group: "W-PROC", at: "2026-10-12 18:00", by: "T002", [("excused", ["00915"])])
            }
            let (again, _) = try record(database, group: "W-PROC", at: "2026-10-12 18:00", by: "T002", correcting: "checked twice",
                                        [("excused", ["00915"])])
            #expect(again.description == "attendance: 1 record; 0 inserted, 0 updated, 1 unchanged")
        }

        @Test("open group: the roster is a sign-in list of who attended in the 14 days before; --all-present is refused; sign-ins are added by name")
        func openGroup() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("sessions", """
                group_code,starts_at,duration_minutes,facilitator,status
                AA-AM,2026-10-19 07:30,60,T001,held
                AA-AM,2026-10-19 08:00,60,T001,held
                """, into: database)
            // 2026-10-05 07:30 (00912 present, 00913 late) is exactly 14 days before.
            let shown3 = try roster(database, group: "AA-AM", at: "2026-10-19 07:30")
            #expect(shown3 == """
                AA-AM 2026-10-19 07:30: sign-in list of 2 (who came in the 14 days before), 0 signed in, roll open
                MRN    Name       Recorded
                00913  Hale, Gus  -
                00912  Moss, Fay  -

                """)
            // Half an hour later it is more than 14 days: nobody is on the list.
            let shown4 = try roster(database, group: "AA-AM", at: "2026-10-19 08:00")
            #expect(shown4 == """
                AA-AM 2026-10-19 08:00: sign-in list of 0 (who came in the 14 days before), 0 signed in, roll open
                Nobody is expected: no enrolled patient (closed group) or recent attendee (open group) is in care that day.

                """)
            // --all-present on a sign-in list is refused, with or without other marks, and writes nothing.
            for entries in [[], [("present", ["00914"])]] as [[(String, [String])]] {
                let refused = #expect(throws: CarelogError.self) { try record(database, group: "AA-AM", at: "2026-10-19 07:30", entries) }
                #expect(refused?.exitCode == 3)
                #expect(refused?.message == "AA-AM is an open group: its roster is a sign-in list (who came in the last 14 days), "
                    + "not who is expected, so --all-present would mark people who did not come")
                #expect(refused?.suggestion == "Record who signed in with --present (--late, --left-early), and close the roll with "
                    + "--done once the sign-ins are complete; nothing was recorded.")
            }
            #expect(try statuses(database, at: "2026-10-19 07:30 America/New_York") == nil)

            let (summary, _) = try record(database, group: "AA-AM", at: "2026-10-19 07:30", allPresent: false,
                                          [("absent", ["00913"]), ("present", ["00914"])])
            #expect(summary.description == "attendance: 2 records; 2 inserted, 0 updated, 0 unchanged")
            // The roll is still open: a later run adds sign-ins without --correct ...
            let (more, moreOutput) = try record(database, group: "AA-AM", at: "2026-10-19 07:30", allPresent: false,
                                                [("late", ["00912"]), ("present", ["00914"])])
            #expect(more.description == "attendance: 2 records; 1 inserted, 0 updated, 1 unchanged")
            #expect(moreOutput == "AA-AM 2026-10-19 07:30: 1 recorded, 0 corrected, 1 unchanged\n")
            // ... but changing a sign-in already taken is a correction.
            let changed = #expect(throws: CarelogError.self) {
                try record(database, group: "AA-AM", at: "2026-10-19 07:30", allPresent: false, [("present", ["00913"])])
            }
            #expect(changed?.exitCode == 3)
            #expect(changed?.message == "AA-AM at 2026-10-19 07:30 already has a different record of 00913 (recorded absent by T001)")
            #expect(try statuses(database, at: "2026-10-19 07:30 America/New_York") == "00912=late 00913=absent 00914=present")
            let shown5 = try roster(database, group: "AA-AM", at: "2026-10-19 07:30")
            #expect(shown5 == """
                AA-AM 2026-10-19 07:30: sign-in list of 2 (who came in the 14 days before), 3 signed in, roll open
                MRN    Name       Recorded
                00913  Hale, Gus  absent
                00912  Moss, Fay  late
                00914  Vale, Kit  present   not on the roster

                """)
            let json = try roster(database, group: "AA-AM", at: "2026-10-19 07:30", format: .json)
            let objects = try json.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(objects.count == 3)
            #expect(objects[0]["mrn"] as? String == "00913")
            #expect(objects[0]["recorded_status"] as? String == "absent")
            #expect(objects[0]["expected"] as? Bool == true)
            #expect(objects[2]["mrn"] as? String == "00914")
            #expect(objects[2]["last_name"] as? String == "Vale")
            #expect(objects[2]["expected"] as? Bool == false)
        }

        @Test("a refused roll speaks of options and patients, and records nothing")
        func refusalWording() throws {
            let database = try TestDatabase()
            try closedGroupWorld(database)
            let error = #expect(throws: CarelogError.self) {
                try record(database, group: "W-PROC", at: "2026-10-12 18:00", by: "T002", [("late", ["00913"]), ("present", ["01000999"])])
            }
            #expect(error?.exitCode == 3)
            #expect(error?.message == "nothing was recorded for W-PROC 2026-10-12 18:00: 2 problems")
            #expect(error?.suggestion == """
                --late 00913: the patient (male) is not admitted to this women's group
                --present 01000999: no patient with this MRN
                Correct those patients or options and run the command again; nothing was recorded.
                """)
            #expect(error?.description.contains("file") == false)
            #expect(try statuses(database, at: "2026-10-12 18:00 America/New_York") == nil)
        }

        @Test("a time without a date is today at the group's site")
        func timeOnly() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "America/New_York")!
            let parts = calendar.dateComponents([.year, .month, .day], from: Date())
            let today = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            let error = #expect(throws: CarelogError.self) { try roster(database, group: "AA-AM", at: "5:01") }
            #expect(error?.message == "AA-AM has no session at \(today) 05:01")
            #expect(error?.suggestion == "AA-AM has no session on \(today). Give the time of one of them with --at.")
            let malformed = #expect(throws: CarelogError.self) { try roster(database, group: "AA-AM", at: "5.01") }
            #expect(malformed?.exitCode == 2)
            #expect(malformed?.message == "--at \"5.01\" is not a time like 2026-10-05 07:30 or 07:30")
        }

        @Test("today: a facilitator's three sessions with roster size and whether attendance is logged")
        func today() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("sessions", """
                group_code,starts_at,duration_minutes,facilitator,status
                W-PROC,2026-10-05 10:00,90,T001,held
                AA-AM,2026-10-05 12:00,60,T001,cancelled
                """, into: database)
            let (console, recording) = Console.recording()
            let sessions = try TodayOperation.show(target: database.target, staffID: "T001", day: "2026-10-05", console: console)
            #expect(sessions.count == 3)
            // 07:30: open group, nobody attended before (sign-in list 0), two sign-ins, the
            // roll not closed. 10:00: closed group, 00912 enrolled. 12:00: the 07:30
            // attendees are its sign-in list.
            #expect(recording.output == """
                Sessions of T001 on 2026-10-05:
                Time   Group   Name             Roster  Recorded  Attendance              Note
                07:30  AA-AM   Morning 12-step       0         2  2 signed in, roll open  missing
                10:00  W-PROC  Women's process       1         0  not logged              -
                12:00  AA-AM   Morning 12-step       2         0  cancelled               -

                Not logged yet: 2. The first is a sign-in list: carelog attendance record --group AA-AM --at "2026-10-05 07:30" --present MRN… --done
                Notes not signed: 1. The first: carelog note draft --group AA-AM --at "2026-10-05 07:30"

                """)
            // The facilitator closes the roll (no more sign-ins): logged.
            let (_, closing) = try record(database, group: "AA-AM", at: "2026-10-05 07:30", allPresent: false, done: true)
            #expect(closing == "AA-AM 2026-10-05 07:30: roll closed, 2 signed in\n")
            let (closedConsole, closedRecording) = Console.recording()
            let closedDay = try TodayOperation.show(target: database.target, staffID: "T001", day: "2026-10-05", console: closedConsole)
            #expect(closedDay.map(\.attendance) == ["2 signed in, roll closed", "not logged", "cancelled"])
            #expect(closedRecording.output.hasSuffix("""
                Not logged yet: 1. The roll of the first: carelog attendance roster --group W-PROC --at "2026-10-05 10:00"
                Notes not signed: 1. The first: carelog note draft --group AA-AM --at "2026-10-05 07:30"

                """))
            let (openJSON, openJSONRecording) = Console.recording()
            try TodayOperation.show(target: database.target, staffID: "T001", day: "2026-10-05", format: .json, console: openJSON)
            let first = try #require(openJSONRecording.output.split(separator: "\n").first)
            let firstObject = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
            #expect(firstObject["attendance"] as? String == "2 signed in, roll closed")
            #expect(firstObject["roll_closed"] as? Bool == true)
            #expect(firstObject["note"] as? String == "missing")
            let (other, otherRecording) = Console.recording()
            try TodayOperation.show(target: database.target, staffID: "T002", day: "2026-10-09", format: .text, console: other)
            #expect(otherRecording.output == "T002 facilitates no session on 2026-10-09.\n")
            let (json, jsonRecording) = Console.recording()
            try TodayOperation.show(target: database.target, staffID: "T002", day: "2026-10-05", format: .json, console: json)
            let line = try #require(jsonRecording.output.split(separator: "\n").first)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["group_code"] as? String == "W-PROC")
            #expect(object["time"] as? String == "18:00")
            #expect(object["roster"] as? Int == 1)
            #expect(object["recorded"] as? Int == 1)
            #expect(object["attendance"] as? String == "logged")
            #expect(object["roll_closed"] is NSNull)
            let unknown = #expect(throws: CarelogError.self) {
                try TodayOperation.show(target: database.target, staffID: "T999", day: nil, console: Console.recording().0)
            }
            #expect(unknown?.exitCode == 2)
            let badDate = #expect(throws: CarelogError.self) {
                try TodayOperation.show(target: database.target, staffID: "T001", day: "05/10/2026", console: Console.recording().0)
            }
            #expect(badDate?.exitCode == 2)
        }
    }
}
