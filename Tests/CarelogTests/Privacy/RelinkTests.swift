import Foundation
import Postgres
import Testing

@testable import Carelog

/// Issue 26, critical 3: the de-identified export carries no field that joins an
/// attendance row to its session finer than the year. The attack: join attendance.csv
/// (group, year, recorded_by) to sessions.csv (group, year, facilitator) over held
/// sessions; an attendance row that meets exactly one dated session has its date back.
extension DatabaseTests {
    @Suite("privacy: attendance cannot be joined back to its session")
    struct RelinkTests {
        /// The file as rows of named fields.
        static func records(_ url: URL) throws -> [[String: String]] {
            var rows: [[String]] = []
            try CSVReader(.file(path: url.path)).read(
                onRecord: { record in rows.append((0..<record.fieldCount).map { record.string(at: $0) }) },
                onProblem: { problem in Issue.record("bad CSV in \(url.lastPathComponent): \(problem)") })
            guard let header = rows.first else { return [] }
            return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        }

        /// The attendance rows whose join meets exactly one dated, held session: the
        /// join uses the group, the year and who recorded / facilitated, never the
        /// attendance row's own time (so it works on the clear export exactly as it did
        /// on the de-identified one before issue 26, which had these columns).
        static func relinked(_ folder: URL) throws -> Int {
            let attendance = try records(folder.appendingPathComponent("attendance.csv"))
            let sessions = try records(folder.appendingPathComponent("sessions.csv"))
            func year(_ row: [String: String], _ instant: String, _ column: String) -> String? {
                row[column] ?? row[instant].map { String($0.prefix(4)) }
            }
            return attendance.filter { row in
                let matches = sessions.filter { session in
                    guard session["group_code"] == row["group_code"],
                          year(session, "starts_at", "session_year") == year(row, "starts_at", "session_year"),
                          let recorder = row["recorded_by"], let facilitator = session["facilitator"], recorder == facilitator,
                          session["status"] == "held", session["starts_at"] != nil
                    else { return false }
                    return true
                }
                return matches.count == 1
            }.count
        }

        @Test("the join finds the session of every row in the clear and of none de-identified")
        func join() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            // A substitute (T002) runs one session of the morning 12-step group.
            try importCSV("sessions", "group_code,starts_at,duration_minutes,facilitator\nAA-AM,2026-10-12 07:30,60,T002", into: database)
            try importCSV("attendance", """
                group_code,starts_at,mrn,status,minutes_attended,recorded_by,recorded_at
                AA-AM,2026-10-12 07:30,00912,present,60,T002,2026-10-12 08:40
                AA-AM,2026-10-12 07:30,00913,present,60,T002,2026-10-12 08:40
                """, into: database)
            let folder = ScratchFolder.url("relink")
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            let clear = folder.appendingPathComponent("clear"), deidentified = folder.appendingPathComponent("deidentified")
            try ExportOperation.export(target: database.target, from: "2026-01-01", to: "2026-12-31", site: nil, directory: clear.path,
                                       pseudonymizer: nil, spreadsheets: false, console: console)
            try ExportOperation.export(target: database.target, from: "2026-01-01", to: "2026-12-31", site: nil, directory: deidentified.path,
                                       pseudonymizer: .random(), spreadsheets: false, console: console)
            // 6 attendance rows: AA-AM 10-05 (T001, 2 rows: its other T001 session was
            // cancelled), W-PROC 10-05 (T002, its only session), M-RP 10-07 (T002, its
            // only session), AA-AM 10-12 (the substitute T002, 2 rows): all 6 relinked.
            #expect(try Self.relinked(clear) == 6)
            #expect(try Self.relinked(deidentified) == 0)
            // No field to join on finer than the year: sessions are counts per group and year.
            let sessions = try Self.records(deidentified.appendingPathComponent("sessions.csv"))
            #expect(Set(sessions.first?.keys.map { $0 } ?? []) == ["group_code", "session_year", "sessions_held", "sessions_cancelled"])
            #expect(sessions.map { "\($0["session_year"]!) \($0["sessions_held"]!) \($0["sessions_cancelled"]!)" }.sorted()
                == ["2026 1 0", "2026 1 0", "2026 2 1"])
            let attendance = try Self.records(deidentified.appendingPathComponent("attendance.csv"))
            #expect(attendance.count == 6)
            #expect(Set(attendance.first?.keys.map { $0 } ?? [])
                == ["group_code", "session_year", "patient", "status", "minutes_attended", "recorded_year"])
        }
    }
}
