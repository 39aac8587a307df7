import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// `carelog board` on the import fixture (ImportFixture) with one more session,
    /// M-RP 2026-10-05 12:00 by T002 with nothing recorded. On 2026-10-05 (NYC):
    /// AA-AM 07:30 (open, T001 Ana Reyes) has 00912 present and 00913 late, its roll not
    /// closed, and no note;
    /// M-RP 12:00 (closed, T002 Ben Okafor; 00913 enrolled and in care) has no record;
    /// W-PROC 18:00 (closed, T002; 00912 enrolled) has 00912 absent, so no note is due.
    @Suite("board: every session of a day by facilitator")
    struct BoardTests {
        private func board(
            _ target: DatabaseTarget, day: String?, site: String? = nil, format: BoardOperation.Format = .text
        ) throws -> (sessions: [BoardOperation.Session], output: String) {
            let (console, recording) = Console.recording()
            let sessions = try BoardOperation.show(target: target, day: day, site: site, format: format, console: console)
            return (sessions, recording.output)
        }

        private func world() throws -> TestDatabase {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("sessions", """
                group_code,starts_at,duration_minutes,facilitator,status
                M-RP,2026-10-05 12:00,60,T002,held
                """, into: database)
            return database
        }

        @Test("text: by facilitator (last name), in time order, the day's totals first")
        func text() throws {
            let database = try world()
            #expect(try board(database.target, day: "2026-10-05").output == """
                Board of 2026-10-05: 3 sessions; 1 not logged, 1 roll open, 1 logged; notes: 1 missing

                Okafor, Ben (T002): 2 sessions
                  Time   Group   Name                      Roster  Recorded  Attendance  Note
                  12:00  M-RP    Men's relapse prevention       1         0  not logged  -
                  18:00  W-PROC  Women's process                1         1  logged      -

                Reyes, Ana (T001): 1 session
                  Time   Group  Name             Roster  Recorded  Attendance  Note
                  07:30  AA-AM  Morning 12-step       0         2  roll open   missing

                """)
            #expect(try board(database.target, day: "2026-10-06", site: "NYC").output == """
                Board of 2026-10-06 at site NYC: 1 session; 1 cancelled

                Reyes, Ana (T001): 1 session
                  Time   Group  Name             Roster  Recorded  Attendance  Note
                  07:30  AA-AM  Morning 12-step       -         0  cancelled   -

                """)
            #expect(try board(database.target, day: "2026-10-04").output == "No session on 2026-10-04.\n")
            #expect(try board(database.target, day: "2026-10-05", site: "LAX").output == "No session on 2026-10-05 at site LAX.\n")
        }

        @Test("csv and json: one session a row, counts as numbers")
        func machineFormats() throws {
            let database = try world()
            #expect(try board(database.target, day: "2026-10-05", format: .csv).output == [
                "day,time,site_code,facilitator_id,facilitator_name,group_code,group_name,kind,status,roster,recorded,attended,attendance,note",
                "2026-10-05,12:00,NYC,T002,\"Okafor, Ben\",M-RP,Men's relapse prevention,closed,held,1,0,0,not logged,",
                "2026-10-05,18:00,NYC,T002,\"Okafor, Ben\",W-PROC,Women's process,closed,held,1,1,0,logged,",
                "2026-10-05,07:30,NYC,T001,\"Reyes, Ana\",AA-AM,Morning 12-step,open,held,0,2,2,roll open,missing",
            ].map { $0 + "\r\n" }.joined())
            let json = try board(database.target, day: "2026-10-05", format: .json).output
            #expect(json.split(separator: "\n").last == """
                {"day":"2026-10-05","time":"07:30","site_code":"NYC","facilitator_id":"T001","facilitator_name":"Reyes, Ana",\
                "group_code":"AA-AM","group_name":"Morning 12-step","kind":"open","status":"held","roster":0,"recorded":2,\
                "attended":2,"attendance":"roll open","note":"missing"}
                """)
        }

        @Test("an open group's roll: open while people sign in, logged once closed, even with nobody signed in")
        func openGroupRoll() throws {
            let database = try world()
            try importCSV("sessions", """
                group_code,starts_at,duration_minutes,facilitator,status
                AA-AM,2026-10-05 19:30,60,T001,held
                """, into: database)
            func attendance() throws -> [String] {
                try board(database.target, day: "2026-10-05").sessions
                    .filter { $0.groupCode == "AA-AM" }.map { "\($0.time) \($0.attendance)" }
            }
            #expect(try attendance() == ["07:30 roll open", "19:30 not logged"])
            for time in ["2026-10-05 07:30", "2026-10-05 19:30"] {
                try AttendanceOperation.record(target: database.target, groupCode: "AA-AM", startsAt: time, by: "T001",
                                               roll: AttendanceOperation.Roll(), done: true, console: Console.recording().0)
            }
            #expect(try attendance() == ["07:30 logged", "19:30 logged"])
            #expect(try board(database.target, day: "2026-10-05").output.hasPrefix(
                "Board of 2026-10-05: 4 sessions; 1 not logged, 3 logged; notes: 1 missing\n"))
        }

        @Test("a note's state: draft, then signed")
        func noteStates() throws {
            let database = try world()
            let (console, _) = Console.recording()
            let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("board-note-\(UUID().uuidString.prefix(8)).txt")
            defer { try? FileManager.default.removeItem(at: file) }
            try NoteOperation.draft(target: database.target, groupCode: "AA-AM", startsAt: "2026-10-05 07:30", out: file, console: console)
            var text = try String(contentsOf: file, encoding: .utf8)
            text = text.replacingOccurrences(of: "service:\n", with: "service: H0005\n")
                .replacingOccurrences(of: "topic:\n", with: "topic: Step one\n")
                .replacingOccurrences(of: "interventions:\n", with: "interventions: Sharing\n")
            for field in ["participation", "response", "progress"] {
                text = text.replacingOccurrences(of: "\(field):\n", with: "\(field): Engaged\n")
            }
            try Data(text.utf8).write(to: file)
            do { try NoteOperation.save(target: database.target, file: file, by: "T001", console: console) } catch let error as CarelogError { Issue.record("\(error.message) \(error.suggestion ?? "")"); return }
            #expect(try board(database.target, day: "2026-10-05").sessions.map(\.note) == ["", "", "draft"])
            try NoteOperation.sign(target: database.target, groupCode: "AA-AM", startsAt: "2026-10-05 07:30", by: "T001", console: console)
            #expect(try board(database.target, day: "2026-10-05").sessions.map(\.note) == ["", "", "signed"])
        }

        @Test("read with the login's rights: a therapist sees its sessions, a site's director its site's")
        func rowLevelSecurity() throws {
            let fixture = try AccessFixture()
            let everything = try board(fixture.database.target, day: "2026-10-05").sessions
            #expect(everything.map { "\($0.facilitatorID) \($0.groupCode) \($0.time) \($0.recorded)" }
                == ["T003 LAX-AA 09:00 2", "T002 W-PROC 18:00 1", "T001 AA-AM 07:30 2"])
            let therapist = try board(fixture.target(as: fixture.therapist), day: "2026-10-05").sessions
            #expect(therapist.map { "\($0.groupCode) \($0.recorded) \($0.roster.map(String.init) ?? "-")" } == ["W-PROC 1 1", "AA-AM 2 0"])
            let siteDirector = try board(fixture.target(as: fixture.siteDirector), day: "2026-10-05").sessions
            #expect(siteDirector.map { "\($0.groupCode) \($0.recorded) \($0.attendance) \($0.note)" } == ["LAX-AA 2 roll open missing"])
        }

        @Test("refusals: a date that is not one, an unknown site; the binary's exit codes")
        func refusals() throws {
            let database = try world()
            let badDate = #expect(throws: CarelogError.self) { try board(database.target, day: "5.10.2026") }
            #expect(badDate?.message == "--date \"5.10.2026\" is not a date like 2026-10-05")
            #expect(badDate?.exitCode == 2)
            let badSite = #expect(throws: CarelogError.self) { try board(database.target, day: "2026-10-05", site: "SFO") }
            #expect(badSite?.message == "there is no site \"SFO\"")
            let binary = try CarelogBinary.run(["board", "--date", "2026-10-05", "--site", "SFO"] + database.databaseArguments)
            #expect(binary.status == 2, "\(binary)")
            let ok = try CarelogBinary.run(["board", "--date", "2026-10-05", "--format", "csv", "-q"] + database.databaseArguments)
            #expect(ok.status == 0, "\(ok)")
            #expect(ok.output.hasPrefix("day,time,site_code,"))
        }
    }
}
