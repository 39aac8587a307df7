import Carelog
import Foundation
import Postgres
import Testing

/// `teds-admissions` and `teds-discharges` on the noms fixture (NomsReportTests: its
/// doc comment tells each patient's measures), October 2026. Every cell worked out by
/// hand. Here 00912's discharge row also gets SUB1_D 2, SUB2_D 1, SUB3_D 1, so that
/// one row is complete.
extension DatabaseTests {
    @Suite("report: teds-admissions and teds-discharges")
    struct TEDSExtractTests {
        static func database() throws -> TestDatabase {
            let database = try TestDatabase()
            try NomsReportTests.load(database)
            try importCSV("measures", """
                mrn,admitted_on,time_point,primary_substance,secondary_substance,tertiary_substance
                00912,2026-09-01,discharge,2,1,1
                """, into: database)
            return database
        }

        static func run(_ name: String, _ database: TestDatabase) throws -> ReportTable {
            let connection = try database.connect()
            defer { connection.close() }
            let report = try #require(try ReportCatalog.named(name))
            return try ReportRunner.run(report, connection: connection, period: try ReportPeriod(month: "2026-10"), site: nil)
        }

        @Test("discharges: TEDS names as columns, TEDS codes as values, problems naming what is missing")
        func discharges() throws {
            let database = try Self.database()
            let table = try Self.run("teds-discharges", database)
            #expect(table.definition.columns.map(\.name) == [
                "site_code", "mrn", "admitted_on", "discharged_on", "REASON", "LOS", "SUB1_D", "SUB2_D", "SUB3_D", "FREQ1_D",
                "EMPLOY_D", "LIVARAG_D", "ARRESTS_D", "FREQ_ATND_SELF_HELP_D", "problems",
            ])
            #expect(table.rows == [
                // left against advice = 2; 10-01 → 10-25 = 24 days; no meeting → 1.
                ["LAX", "00914", "2026-10-01", "2026-10-25", "2", "24", nil, nil, nil, "2", "4", "3", "-9", "1",
                 "missing: SUB1_D, SUB2_D, SUB3_D"],
                // completed = 1; 09-15 → 10-20 = 35 days; one AA-AM meeting → 2.
                ["NYC", "00913", "2026-09-15", "2026-10-20", "1", "35", nil, nil, nil, "1", "3", "2", "0", "2",
                 "missing: SUB1_D, SUB2_D, SUB3_D"],
                // transferred = 4; 09-01 → 10-30 = 59 days; complete.
                ["NYC", "00912", "2026-09-01", "2026-10-30", "4", "59", "2", "1", "1", "1", "1", "2", "0", "2", nil],
            ])
        }

        @Test("admissions: the one October admission, and every missing item by its TEDS name")
        func admissions() throws {
            let database = try Self.database()
            let table = try Self.run("teds-admissions", database)
            #expect(table.definition.columns.map(\.name) == [
                "site_code", "mrn", "admitted_on", "SUB1", "SUB2", "SUB3", "ROUTE1", "FREQ1", "FRSTUSE1", "EMPLOY", "LIVARAG",
                "ARRESTS", "NOPRIOR", "PSOURCE", "METHUSE", "FREQ_ATND_SELF_HELP", "problems",
            ])
            #expect(table.rows == [
                ["LAX", "00914", "2026-10-01", nil, nil, nil, nil, "3", nil, "4", "3", "2", nil, nil, nil, nil,
                 "missing: SUB1, SUB2, SUB3, ROUTE1, FRSTUSE1, NOPRIOR, PSOURCE, METHUSE, FREQ_ATND_SELF_HELP"],
            ])
            // An admission without measures says so.
            try importCSV("episodes", "mrn,admitted_on,level_of_care,discharged_on,discharge_reason\n00913,2026-10-25,3.5,,", into: database)
            let again = try Self.run("teds-admissions", database)
            #expect(again.rows.map { $0[1] } == ["00914", "00913"])
            #expect(again.rows[1].last == "no admission measures")
        }

        @Test("a disclosure: recorded with recipient, basis, file digest and the patients; --deidentify keeps years and no MRN")
        func disclosure() throws {
            let database = try Self.database()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("teds-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("teds-discharges.csv")
            let request = try DisclosureRequest(recipient: "State SSA", purpose: "TEDS quarterly submission", basis: .audit)
            try ReportOperation.run(
                target: database.target, name: "teds-discharges", period: try ReportPeriod(month: "2026-10"), site: nil,
                format: .csv, output: file.path, privacy: .deidentified(), disclosure: request, actingStaff: "D001",
                console: Console.recording().0)
            let text = try String(contentsOf: file, encoding: .utf8)
            let lines = text.split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.first?.replacingOccurrences(of: "\r", with: "") ==
                "site_code,mrn,admitted_on,discharged_on,REASON,LOS,SUB1_D,SUB2_D,SUB3_D,FREQ1_D,EMPLOY_D,LIVARAG_D,ARRESTS_D,FREQ_ATND_SELF_HELP_D,problems")
            #expect(lines.count == 4)
            for mrn in ["00912", "00913", "00914"] { #expect(!text.contains(mrn)) }
            for date in ["2026-09-01", "2026-09-15", "2026-10-01", "2026-10-20", "2026-10-25", "2026-10-30"] { #expect(!text.contains(date)) }
            #expect(text.contains(",2026,2026,"))
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.scalar("""
                SELECT d.command || '|' || d.recipient || '|' || d.basis || '|' || d.privacy || '|' || s.staff_id || '|'
                       || d.period_from || '|' || d.period_to || '|' || (d.files -> 0 ->> 'name') || '|' || (d.files -> 0 ->> 'rows')
                  FROM carelog.disclosure d JOIN carelog.staff s ON s.id = d.acting_staff_id
                """) == "report teds-discharges|State SSA|audit|deidentified|D001|2026-10-01|2026-10-31|teds-discharges.csv|3")
            #expect(try connection.scalar("SELECT d.manifest_sha256 = (d.files -> 0 ->> 'sha256') FROM carelog.disclosure d") == "t")
            #expect(try connection.scalar("""
                SELECT string_agg(p.mrn, ',' ORDER BY p.mrn) FROM carelog.disclosure_patient dp JOIN carelog.patient p ON p.id = dp.patient_id
                """) == "00912,00913,00914")

            // Another report is not a disclosure on its own.
            #expect(throws: CarelogError.self) {
                try ReportOperation.run(
                    target: database.target, name: "noms", period: try ReportPeriod(month: "2026-10"), site: nil,
                    format: .csv, output: nil, privacy: .none, disclosure: request, actingStaff: "D001", console: Console.recording().0)
            }
        }
    }
}
