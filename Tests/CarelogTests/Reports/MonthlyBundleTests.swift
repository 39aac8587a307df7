import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("report: the monthly bundle")
    struct MonthlyBundleTests {
        /// Reads a bundle's CSV into rows of fields (header first).
        private func csvRows(_ url: URL) throws -> [[String]] {
            var rows: [[String]] = []
            try CSVReader(.file(path: url.path)).read(
                onRecord: { record in rows.append((0..<record.fieldCount).map { record.string(at: $0) }) },
                onProblem: { problem in Issue.record("bad CSV in \(url.lastPathComponent): \(problem)") })
            return rows
        }

        private func columnSum(_ rows: [[String]], _ column: String) -> Int {
            guard let index = rows.first?.firstIndex(of: column) else { return -1 }
            return rows.dropFirst().compactMap { Int($0[index]) }.reduce(0, +)
        }

        @Test("every file comes from one snapshot, even while attendance is being logged")
        func oneSnapshot() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let directory = ScratchFolder.url("bundle")
            defer { try? FileManager.default.removeItem(at: directory) }
            let (console, _) = Console.recording()
            var day = 20
            let manifest = try ReportOperation.monthly(
                target: database.target, period: try ReportPeriod(month: "2026-10"), site: nil, directory: directory.path,
                privacy: .none, console: console,
                afterEachReport: {
                    // Another therapist logs a session between two of the bundle's queries.
                    day += 1
                    var roll = AttendanceOperation.Roll()
                    roll.add("present", ["00912", "00914"])
                    let (quiet, _) = Console.recording()
                    try AttendanceOperation.record(
                        target: database.target, groupCode: "AA-AM", startsAt: "2026-10-\(day) 07:30", by: "T001", roll: roll, newSession: true,
                        console: quiet)
                })
            // Eleven sessions were logged during the run (one after each report) and
            // committed; none of them is in the bundle.
            let connection = try database.connect()
            #expect(try connection.scalar("SELECT count(*) FROM carelog.attendance") == "26")

            let groups = try csvRows(directory.appendingPathComponent("group-attendance.csv"))
            let patients = try csvRows(directory.appendingPathComponent("patient-participation.csv"))
            // The fixture's four October records: present, late, absent, left_early.
            #expect(columnSum(groups, "attended") == 3)
            #expect(columnSum(patients, "attended") == 3)
            #expect(columnSum(groups, "absent") == columnSum(patients, "absent"))

            // The manifest describes exactly the files written.
            #expect(manifest.files.map(\.name) == [
                "documentation-gaps.csv", "documentation-gaps.xlsx", "group-attendance.csv", "group-attendance.xlsx",
                "group-services.csv", "group-services.xlsx", "late-changes.csv", "late-changes.xlsx", "noms.csv", "noms.xlsx", "outcomes.csv", "outcomes.xlsx", "patient-participation.csv", "patient-participation.xlsx",
                "plan-status.csv", "plan-status.xlsx", "teds-admissions.csv", "teds-admissions.xlsx", "teds-discharges.csv", "teds-discharges.xlsx", "therapist-caseload.csv", "therapist-caseload.xlsx",
                "summary.txt", "summary.html",
            ])
            for file in manifest.files {
                let data = try Data(contentsOf: directory.appendingPathComponent(file.name))
                #expect(Digest.sha256Hex(data) == file.sha256, "\(file.name)")
                if file.name.hasSuffix(".csv") {
                    #expect(try csvRows(directory.appendingPathComponent(file.name)).count - 1 == file.rows, "\(file.name)")
                }
            }
            let manifestOnDisk = try JSONDecoder().decode(
                BundleManifest.self, from: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
            #expect(manifestOnDisk == manifest)
            #expect(manifest.parameters.month == "2026-10")
            let summary = try String(contentsOf: directory.appendingPathComponent("summary.txt"), encoding: .utf8)
            // The program's sites (by code: their names would not fit the line), the month, and how it is counted.
            #expect(summary.hasPrefix(
                "All sites (LAX, NYC) — monthly summary, October 2026 (site-local month)\n"))
            #expect(summary.contains("Attendance rate by group"))

            // The run itself is logged.
            #expect(try connection.scalar("SELECT command || ' ' || (parameters ->> 'month') FROM carelog.run_log") == "report monthly 2026-10")
            let (runsConsole, runs) = Console.recording()
            try AuditOperation.runs(target: database.target, limit: 10, console: runsConsole)
            #expect(runs.output.contains("report monthly"))
        }

        @Test("a formula-like name gets a leading apostrophe in CSV; a negative number does not")
        func spreadsheetSafety() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("patients", """
                mrn,first_name,last_name,date_of_birth,gender,site_code
                00913,"x","=HYPERLINK(""http://evil"")",1985-11-30,male,NYC
                """, into: database)
            try importCSV("assessments", "mrn,instrument,administered_on,score\n00913,GAD-7,2026-10-10,7", into: database)
            let directory = ScratchFolder.url("bundle")
            defer { try? FileManager.default.removeItem(at: directory) }
            let (console, _) = Console.recording()
            try ReportOperation.monthly(
                target: database.target, period: try ReportPeriod(month: "2026-10"), site: nil, directory: directory.path,
                privacy: .none, console: console)
            let participation = try String(contentsOf: directory.appendingPathComponent("patient-participation.csv"), encoding: .utf8)
            #expect(participation.contains("\"'=HYPERLINK(\"\"http://evil\"\"), x\""))
            // 00913 was discharged (completed) in October: GAD-7 went from 12 to 7.
            let outcomes = try csvRows(directory.appendingPathComponent("outcomes.csv"))
            let header = try #require(outcomes.first)
            let change = try #require(header.firstIndex(of: "avg_gad7_change"))
            let reason = try #require(header.firstIndex(of: "discharge_reason"))
            let completed = try #require(outcomes.first { $0[0] == "NYC" && $0[reason] == "completed" })
            #expect(completed[change] == "-5.0")
        }

        @Test("an export run is logged with its parameters and row counts")
        func exportRunLogged() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let directory = ScratchFolder.url("export")
            defer { try? FileManager.default.removeItem(at: directory) }
            let (console, _) = Console.recording()
            try ExportOperation.export(
                target: database.target, from: "2026-10-01", to: "2026-10-31", site: nil, directory: directory.path,
                pseudonymizer: nil, console: console)
            let connection = try database.connect()
            #expect(try connection.scalar("""
                SELECT command || ' ' || (parameters ->> 'from') || ' ' || (parameters ->> 'to') || ' '
                       || (row_counts ->> 'attendance.csv') FROM carelog.run_log
                """) == "export 2026-10-01 2026-10-31 4")
        }

        @Test("--deidentify without a key writes nothing; a malformed month is a usage error")
        func refusals() throws {
            let error = #expect(throws: CarelogError.self) { try ReportPeriod(month: "2026-13") }
            #expect(error?.exitCode == 2)
            #expect(throws: CarelogError.self) { try ReportPeriod(month: "Oct 2026") }
            let keyError = #expect(throws: CarelogError.self) { try Pseudonymizer.fromEnvironment(["CARELOG_PSEUDONYM_KEY": ""]) }
            #expect(keyError?.exitCode == 2)
        }
    }
}
