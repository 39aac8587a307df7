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
            // Four writers at once, each on a thread of its own: one blocked on another's
            // row lock must not hold a thread of the cooperative pool (see OwnThread).
            try await OwnThread.runAll("attendance-writer", rolls.map { entries in
                {
                    var roll = AttendanceOperation.Roll()
                    for (status, mrns) in entries { roll.add(status, mrns) }
                    let (console, _) = Console.recording()
                    try AttendanceOperation.record(
                        target: target, groupCode: "AA-AM", startsAt: "2026-10-13 07:30", by: "T001", roll: roll, newSession: true,
                        correctionReason: "sign-in sheets entered by two staff", console: console)
                }
            })
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
            let target = database.target, parameters = database.parameters
            // The import, the FIFO's write end and the monitor all block, and wait for one
            // another: on threads of their own, never on the cooperative pool.
            let (terminated, error) = try await OwnThread.run("copy-terminated") { () -> (Bool, Error?) in
                let feed = try FifoImport(target: target)
                feed.write(FifoImport.header + FifoImport.rows)
                // Once the import's COPY runs on the server, end its backend.
                let monitor = try Connection(connectionString: "", overrides: parameters)
                defer { monitor.close() }
                let backend = try feed.copyBackend(monitor)
                let terminated = try monitor.scalar("SELECT pg_terminate_backend(\(backend))::text") == "true"
                feed.write(FifoImport.rows)
                return (terminated, try feed.finish())
            }
            #expect(terminated)
            let failure = try #require(error as? CarelogError)
            #expect(failure.exitCode == 1)
            #expect(failure.message.hasPrefix("the connection to the database was lost during the import"))
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
        }

        /// The hang this suite once had: a backend in `COPY … FROM STDIN` answers no
        /// ProcSignalBarrier while it waits for data, so every `DROP DATABASE … WITH
        /// (FORCE)` on the server (each test's cleanup) waits for it, each on a thread of
        /// the cooperative pool. Here more drops than the pool has threads wait on one
        /// import's COPY, and the import's input is fed from a thread of its own: the COPY
        /// ends, and the drops with it. Fed from a task instead (as the test above once
        /// was), the feeder never gets a thread again; `CARELOG_SHOW_POOL_HANG=1` does
        /// that, and the run hangs every time, also on one CPU (see docs/testing.md).
        @Test("an import fed through a FIFO ends while more DROP DATABASEs than the pool has threads wait for its COPY")
        func copyOutlastsBlockedPool() async throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let target = database.target, parameters = database.parameters
            let adminParameters = database.server.cluster.connectionParameters(database: "postgres")
            let blockers = 4 * ProcessInfo.processInfo.activeProcessorCount + 2
            let names = (0..<blockers).map { _ in "test_drop_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased() }
            let admin = try database.server.adminConnection()
            defer { admin.close() }
            for name in names { try admin.query("CREATE DATABASE \(identifier: name)") }

            @Sendable func waitingDrops(_ monitor: Connection) throws -> Int {
                Int(try monitor.scalar("SELECT count(*)::text FROM pg_stat_activity WHERE wait_event = 'ProcSignalBarrier'") ?? "0") ?? 0
            }
            final class Settling: @unchecked Sendable {
                var count = 0, most = 0, since = Date()
                /// True once at least one drop waits and their number has not changed for a second.
                func settled(_ now: Int) -> Bool {
                    if now != count { count = now; since = Date() }
                    most = max(most, now)
                    return count > 0 && Date().timeIntervalSince(since) >= 1
                }
            }
            struct Finished: Sendable {
                var error: Error?
                var mostWaiting: Int
            }
            let showHang = ProcessInfo.processInfo.environment["CARELOG_SHOW_POOL_HANG"] == "1"
            // The COPY starts and waits for more input. Whatever ends it must not need a pool
            // thread from then on (other tests' drops may take them all, even before this
            // test's own drops start): the thread that ends it starts here, beside the COPY,
            // and waits until drops wait for the COPY (their number has stopped growing for a
            // second) before it ends the input.
            let (feed, finisher) = try await OwnThread.run("copy-feed") { () -> (FifoImport, BackgroundThread<Finished>?) in
                let feed = try FifoImport(target: target)
                feed.write(FifoImport.header + FifoImport.rows)
                let monitor = try Connection(connectionString: "", overrides: parameters)
                defer { monitor.close() }
                _ = try feed.copyBackend(monitor)
                if showHang { return (feed, nil) }
                let finisher = BackgroundThread("copy-finish") { () -> Finished in
                    let monitor = try Connection(connectionString: "", overrides: adminParameters)
                    defer { monitor.close() }
                    let settling = Settling(), deadline = Date().addingTimeInterval(60)
                    while try !settling.settled(waitingDrops(monitor)), Date() < deadline { usleep(10_000) }
                    return Finished(error: try feed.finish(), mostWaiting: settling.most)
                }
                return (feed, finisher)
            }
            // The old way (CARELOG_SHOW_POOL_HANG=1): a task polls with Task.sleep, then ends
            // the input; once the drops hold every pool thread it never runs again.
            let poolFeeder: Task<Finished, Error>? = showHang ? Task {
                let monitor = try Connection(connectionString: "", overrides: adminParameters)
                defer { monitor.close() }
                let settling = Settling()
                while !settling.settled(try waitingDrops(monitor)) { try await Task.sleep(for: .milliseconds(10)) }
                return Finished(error: try feed.finish(), mostWaiting: settling.most)
            } : nil
            // Each drop blocks its pool thread until the COPY ends: on purpose, to fill the pool.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for name in names {
                    group.addTask {
                        let connection = try Connection(connectionString: "", overrides: adminParameters)
                        defer { connection.close() }
                        try connection.query("DROP DATABASE \(identifier: name) WITH (FORCE)")
                    }
                }
                try await group.waitForAll()
            }
            let finished: Finished
            if let finisher {
                finished = try await OwnThread.run("copy-join") { try finisher.join() }
            } else {
                finished = try await poolFeeder!.value
            }
            #expect(finished.mostWaiting > 0, "no DROP DATABASE waited for the COPY")
            // The import got its whole input: it ran its checks (the rows repeat one
            // another, so it refuses them) rather than losing its connection.
            let refusal = try #require(finished.error as? CarelogError)
            #expect(refusal.message.hasPrefix("the assessments import was refused"), "\(refusal.message.prefix(200))")
            #expect(try admin.scalar("SELECT count(*)::text FROM pg_database WHERE datname LIKE 'test_drop_%'") == "0")
        }
    }
}
