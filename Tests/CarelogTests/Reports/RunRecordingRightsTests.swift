import Foundation
import Postgres
import Testing

@testable import Carelog

/// Never a report without its log, also for a login that may read but not write the
/// run log (a maintenance login with `pg_read_all_data` and BYPASSRLS, say): the
/// command is refused before it reads anything, and prints and writes nothing.
extension DatabaseTests {
    @Suite("reports: a login that may not record its run reads nothing")
    struct RunRecordingRightsTests {
        /// A login that reads every row (BYPASSRLS, pg_read_all_data) and writes nothing.
        private func readOnlyLogin(_ database: TestDatabase) throws -> String {
            let login = "reader_" + database.name
            let connection = try database.connect()
            defer { connection.close() }
            try connection.query(SQLQuery(unsafeSQL: "CREATE ROLE \(login) LOGIN BYPASSRLS IN ROLE pg_read_all_data"))
            return login
        }

        private func target(_ database: TestDatabase, as login: String) -> DatabaseTarget {
            var parameters = database.parameters
            parameters["user"] = login
            return DatabaseTarget(source: .option, connectionString: "", overrides: parameters)
        }

        @Test("report NAME, to standard output or a file, as a login without the run log's INSERT: refused before reading, exit 1")
        func refusedBeforeReading() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let login = try readOnlyLogin(database)
            let folder = ScratchFolder.url("rights")
            defer { try? FileManager.default.removeItem(at: folder) }
            for output in [nil, folder.appendingPathComponent("p.csv").path] {
                let (console, recording) = Console.recording()
                let error = #expect(throws: CarelogError.self) {
                    try ReportOperation.run(
                        target: target(database, as: login), name: "patient-participation", period: try ReportPeriod(month: "2026-10"),
                        site: nil, format: .csv, output: output, privacy: PrivacyOptions(), console: console)
                }
                #expect(error?.exitCode == 1)
                #expect(error?.message == "login \(login) may not write the run log (carelog.run_log), so the run cannot be recorded and nothing was read",
                        "\(String(describing: error))")
                #expect(recording.output == "")
                #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []) == [])
            }
            // the monthly bundle and the export, through the binary
            var connectionString = database.connectionString
            connectionString = connectionString.replacingOccurrences(of: "user=\(LocalCluster.superuser)", with: "user=\(login)")
            for command in [
                ["report", "monthly", "--month", "2026-10", "--out", folder.appendingPathComponent("bundle").path],
                ["export", "--from", "2026-10-01", "--to", "2026-10-31", "--out", folder.appendingPathComponent("export").path],
                ["report", "outcomes", "--month", "2026-10", "--format", "xlsx", "--out", folder.appendingPathComponent("o.xlsx").path],
            ] {
                let result = try CarelogBinary.run(command + ["--database", connectionString])
                #expect(result.status == 1, "\(result)")
                #expect(result.error.contains("may not write the run log (carelog.run_log), so the run cannot be recorded and nothing was read"), "\(result)")
                #expect(result.output == "")
                #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []) == [])
            }
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.count("carelog.run_log") == 0)
        }
    }
}
