import Foundation
import Postgres
import Testing

@testable import Carelog

/// Issue 26, major: de-identified rows in the order of their random identifiers (the
/// stored MRN order lines two runs up row by row, and with the clear report), and
/// de-identified exports of whole calendar years only (a shorter period dates every row).
extension DatabaseTests {
    @Suite("privacy: de-identified order and period")
    struct DeidentifiedPeriodTests {
        @Test("a de-identified report lists patients by their random identifier within each site, not by MRN")
        func reportOrder() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            // Eight more patients of NYC in care all October: ten NYC rows in MRN order
            // in the clear, which a random order matches once in 10! runs.
            let mrns = (1...8).map { String(format: "0200%02d", $0) }
            try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n"
                + mrns.map { "\($0),Pat,Row\($0),1980-01-01,female,NYC" }.joined(separator: "\n"), into: database)
            try importCSV("episodes", "mrn,admitted_on,level_of_care\n" + mrns.map { "\($0),2026-09-01,3.5" }.joined(separator: "\n"), into: database)
            let (console, _) = Console.recording()
            let connection = try database.connect()
            defer { connection.close() }
            let period = try ReportPeriod(month: "2026-10")
            let report = try #require(try ReportCatalog.all().first { $0.name == "patient-participation" })
            let clear = try ReportRunner.run(report, connection: connection, period: period, site: nil)
            #expect(clear.rows.filter { $0[0] == "NYC" }.map { $0[1]! } == ["00912", "00913"] + mrns)
            let shown = clear.applying(.deidentified())
            let sites = shown.rows.map { $0[0] ?? "" }, ids = shown.rows.map { $0[1] ?? "" }
            #expect(sites == ["LAX"] + Array(repeating: "NYC", count: 10))
            #expect(Array(ids.dropFirst()) == ids.dropFirst().sorted())
            #expect(ids.allSatisfy { $0.hasPrefix("R-") })
            _ = console
        }

        @Test("export --deidentify of less than whole calendar years is refused with exit 2, saying why; nothing written")
        func shortPeriodRefused() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = ScratchFolder.url("period")
            defer { try? FileManager.default.removeItem(at: folder) }
            let refused = try CarelogBinary.run(["export", "--from", "2026-10-06", "--to", "2026-10-06", "--out", folder.path,
                                                 "--deidentify"] + database.databaseArguments)
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.errorLines.contains(
                "carelog: error: --deidentify exports whole calendar years only: the period 2026-10-06 to 2026-10-06 would "
                    + "date every row more precisely than the year the files give"), "\(refused)")
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            // A year is fine; so is the same short period pseudonymised.
            let year = try CarelogBinary.run(["export", "--from", "2026-01-01", "--to", "2026-12-31", "--out", folder.path,
                                              "--deidentify", "--no-xlsx"] + database.databaseArguments)
            #expect(year.status == 0, "\(year)")
            let manifest = String(decoding: try Data(contentsOf: folder.appendingPathComponent("manifest.json")), as: UTF8.self)
            #expect(manifest.contains("\"from\" : \"2026-01-01\""))
        }
    }
}
