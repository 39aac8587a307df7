import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("attendance record")
    struct AttendanceRecordTests {
        private func record(
            _ database: TestDatabase, group: String = "AA-AM", at: String, by: String = "T001", newSession: Bool = true,
            correcting reason: String? = nil, _ entries: [(String, [String])]
        ) throws -> ImportSummary {
            var roll = AttendanceOperation.Roll()
            for (status, mrns) in entries { roll.add(status, mrns) }
            let (console, _) = Console.recording()
            return try AttendanceOperation.record(
                target: database.target, groupCode: group, startsAt: at, by: by, roll: roll, newSession: newSession,
                correctionReason: reason, console: console)
        }

        @Test("--new-session creates the session as held and records the roll; a second run with --correct corrects it")
        func recordAndCorrect() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let first = try record(database, at: "2026-10-12 07:30", [("present", ["00912", "00914"]), ("absent", ["00913"])])
            #expect(first.description == "attendance: 3 records; 3 inserted, 0 updated, 0 unchanged")
            let connection = try database.connect()
            #expect(try connection.scalar("""
                SELECT gs.status || ' ' || s.staff_id FROM carelog.group_session gs
                  JOIN carelog.staff s ON s.id = gs.facilitator_id
                 WHERE gs.starts_at = '2026-10-12 07:30 America/New_York'
                """) == "held T001")
            let second = try record(database, at: "2026-10-12 07:30", correcting: "called in sick",
                                    [("present", ["00912", "00914"]), ("excused", ["00913"])])
            #expect(second.description == "attendance: 3 records; 0 inserted, 1 updated, 2 unchanged")
            #expect(try connection.scalar("""
                SELECT string_agg(p.mrn || '=' || a.status, ' ' ORDER BY p.mrn) FROM carelog.attendance a
                  JOIN carelog.patient p ON p.id = a.patient_id
                  JOIN carelog.group_session gs ON gs.id = a.session_id
                 WHERE gs.starts_at = '2026-10-12 07:30 America/New_York'
                """) == "00912=present 00913=excused 00914=present")
        }

        @Test("problems name the option that carried the MRN, and nothing is recorded")
        func refusal() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let counts = try database.tableCounts()
            do {
                _ = try record(database, group: "W-PROC", at: "2026-10-12 18:00", by: "T002",
                               [("present", ["00912", "00999"]), ("left_early", ["00913"])])
                Issue.record("accepted")
            } catch let error as CarelogError {
                #expect(error.exitCode == 3)
                #expect(error.suggestion?.split(separator: "\n").dropLast().map(String.init) == [
                    "--present 00999: no patient with this MRN",
                    "--left-early 00913: the patient (male) is not admitted to this women's group",
                ])
            }
            #expect(try database.tableCounts() == counts)
        }

        @Test("an unknown --by, a malformed --at and a doubled MRN are refused")
        func badArguments() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let unknownStaff = #expect(throws: CarelogError.self) { try record(database, at: "2026-10-12 07:30", by: "Z9", [("present", ["00912"])]) }
            #expect(unknownStaff?.message == "--by names no staff member: there is no staff ID \"Z9\"")
            #expect(unknownStaff?.exitCode == 2)
            let badTime = #expect(throws: CarelogError.self) { try record(database, at: "12 Oct 7:30", [("present", ["00912"])]) }
            #expect(badTime?.exitCode == 2)
            let doubled = #expect(throws: CarelogError.self) { try record(database, at: "2026-10-12 07:30", [("present", ["00912"]), ("late", ["00912"])]) }
            #expect(doubled?.message == "MRN 00912 is given twice (as present and as late)")
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
        }

        @Test("concurrent runs for the same session neither duplicate nor lose a record")
        func concurrentWriters() async throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let target = database.target
            let rolls: [[(String, [String])]] = [
                [("present", ["00912"]), ("late", ["00913"])],
                [("present", ["00914"]), ("absent", ["00913"])],
                [("excused", ["00912"])],
                [("present", ["00914"])],
            ]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for entries in rolls {
                    group.addTask {
                        var roll = AttendanceOperation.Roll()
                        for (status, mrns) in entries { roll.add(status, mrns) }
                        let (console, _) = Console.recording()
                        try AttendanceOperation.record(
                            target: target, groupCode: "AA-AM", startsAt: "2026-10-13 07:30", by: "T001", roll: roll, newSession: true,
                            correctionReason: "sign-in sheets entered by two staff", console: console)
                    }
                }
                try await group.waitForAll()
            }
            let connection = try database.connect()
            #expect(try connection.scalar("""
                SELECT count(*) || ' rows, ' || count(DISTINCT a.patient_id) || ' patients, ' || count(DISTINCT a.session_id) || ' session'
                  FROM carelog.attendance a JOIN carelog.group_session gs ON gs.id = a.session_id
                 WHERE gs.starts_at = '2026-10-13 07:30 America/New_York'
                """) == "3 rows, 3 patients, 1 session")
        }
    }

    @Suite("import: a connection lost half way")
    struct DroppedConnectionTests {
        @Test("a backend terminated during the COPY leaves no rows and says nothing was written")
        func terminatedMidImport() async throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let fifo = "/tmp/carelog-fifo-\(UUID().uuidString.prefix(8))"
            #expect(mkfifo(fifo, 0o600) == 0)
            defer { unlink(fifo) }
            let target = database.target
            let importTask = Task.detached { () -> Error? in
                let (console, _) = Console.recording()
                do {
                    try ImportOperation.run(target: target, kind: "assessments", input: .file(path: fifo), dryRun: false, actingStaff: nil, console: console)
                    return nil
                } catch { return error }
            }
            let writer = FileHandle(forWritingAtPath: fifo)!
            writer.write(Data("mrn,instrument,administered_on,score\n".utf8))
            let rows = (1...2000).map { "00912,BAM,\(String(format: "2025-%02d-%02d", $0 % 12 + 1, $0 % 28 + 1)),3\n" }.joined()
            writer.write(Data(rows.utf8))
            // Wait until the import's COPY is running on the server, then end its backend.
            let monitor = try database.connect()
            var terminated = false
            for _ in 0..<400 where !terminated {
                let killed = try monitor.query("""
                    SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
                     WHERE datname = current_database() AND query LIKE 'COPY import_staging%'
                    """)
                terminated = !killed.isEmpty
                if !terminated { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(terminated)
            writer.write(Data(rows.utf8))
            try? writer.close()
            let error = await importTask.value
            let failure = try #require(error as? CarelogError)
            #expect(failure.exitCode == 1)
            #expect(failure.message.hasPrefix("the connection to the database was lost during the import"))
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
        }
    }
}
