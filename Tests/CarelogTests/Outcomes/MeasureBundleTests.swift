import Foundation
import Postgres
import Testing

@testable import Carelog

extension DatabaseTests {
    /// Outcome measures through the auditor export and `import bundle` (docs/teds.md):
    /// a database restored from a bundle keeps the measures of its episodes, and the
    /// de-identified file cuts what Safe Harbor asks (the admission date to its year, an
    /// age over 89 to 90).
    @Suite("measures in bundles")
    struct MeasureBundleTests {
        /// The measures of the episodes that overlap June 2025 (admitted by its end, not
        /// discharged by its first day; an episode discharged the day it began counts for
        /// that day), every item with its episode's patient and admission date. Plain SQL
        /// over the tables, run on both databases.
        static let juneMeasures: SQLQuery = """
            SELECT count(*)::text || ' ' || md5(string_agg(concat_ws('|', p.mrn, e.admitted_on, m.time_point,
                       m.primary_substance, m.secondary_substance, m.tertiary_substance, m.route, m.use_frequency,
                       m.age_at_first_use, m.employment, m.living_arrangement, m.arrests, m.prior_treatment_episodes,
                       m.referral_source, m.moud, m.self_help_frequency), ',' ORDER BY p.mrn, e.admitted_on, m.time_point))
              FROM carelog.outcome_measure m
              JOIN carelog.episode e ON e.id = m.episode_id
              JOIN carelog.patient p ON p.id = m.patient_id
             WHERE e.admitted_on <= '2025-06-30'
               AND (e.discharged_on IS NULL OR e.discharged_on > '2025-06-01'
                    OR (e.discharged_on = e.admitted_on AND e.admitted_on = '2025-06-01'))
            """

        /// --deidentify exports whole years only: the year of June 2025.
        func export(_ database: TestDatabase, into folder: URL, pseudonymizer: Pseudonymizer? = nil) throws {
            let (console, _) = Console.recording()
            let year = pseudonymizer != nil
            try ExportOperation.export(
                target: database.target, from: year ? "2025-01-01" : "2025-06-01", to: year ? "2025-12-31" : "2025-06-30",
                site: nil, directory: folder.path,
                pseudonymizer: pseudonymizer, spreadsheets: false, console: console)
        }

        @Test("a seeded month's measures come back through import bundle as they were; --deidentify writes years and ages up to 90")
        func roundTrip() throws {
            let source = try TestDatabase()
            try SeedTests.seed(source, months: 1)
            let from = try source.connect()
            defer { from.close() }
            // One patient said they first used at 93: Safe Harbor groups every age over 89.
            let old: SQLQuery = """
                UPDATE carelog.outcome_measure SET age_at_first_use = 93
                 WHERE id = (SELECT min(m.id) FROM carelog.outcome_measure m JOIN carelog.episode e ON e.id = m.episode_id
                              WHERE m.time_point = 'admission' AND e.discharged_on IS NULL)
                RETURNING (SELECT mrn FROM carelog.patient WHERE id = patient_id)
                """
            let oldPatient = try #require(try from.scalar(old))
            let expected = try #require(try from.scalar(Self.juneMeasures))
            let measured = Int(expected.split(separator: " ")[0]) ?? 0
            #expect(measured > 100, "\(expected)")

            let folder = ScratchFolder.url("measures")
            defer { try? FileManager.default.removeItem(at: folder) }
            let clear = folder.appendingPathComponent("clear"), deidentified = folder.appendingPathComponent("deidentified")
            try export(source, into: clear)
            try export(source, into: deidentified, pseudonymizer: .random())

            let target = try TestDatabase()
            let (console, _) = Console.recording()
            try BundleImportOperation.run(target: target.target, directory: clear.path, dryRun: false, actingStaff: nil, console: console)
            let to = try target.connect()
            defer { to.close() }
            #expect(try to.scalar(Self.juneMeasures) == expected)
            #expect(try to.scalar("SELECT count(*) FROM carelog.outcome_measure") == String(measured))
            let restoredAge: SQLQuery = """
                SELECT m.age_at_first_use FROM carelog.outcome_measure m JOIN carelog.patient p ON p.id = m.patient_id
                 WHERE p.mrn = \(oldPatient) AND m.time_point = 'admission' AND m.age_at_first_use = 93
                """
            #expect(try to.scalar(restoredAge) == "93")

            // The year's measures: those of the episodes admitted by its end and not discharged by its first day.
            let inYear = try #require(try from.scalar("""
                SELECT count(*) FROM carelog.outcome_measure m JOIN carelog.episode e ON e.id = m.episode_id
                 WHERE e.admitted_on <= '2025-12-31' AND (e.discharged_on IS NULL OR e.discharged_on > '2025-01-01')
                """))
            let lines = try String(contentsOf: deidentified.appendingPathComponent("measures.csv"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            #expect(lines.first == "patient,admitted_year,time_point,primary_substance,secondary_substance,tertiary_substance,"
                + "route,use_frequency,age_at_first_use,employment,living_arrangement,arrests,prior_treatment_episodes,"
                + "referral_source,moud,self_help_frequency")
            #expect(lines.count == (Int(inYear) ?? 0) + 1)
            let ages = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[8] }
            #expect(ages.contains("90"))
            #expect(!ages.contains { (Int($0) ?? 0) > 90 })
            #expect(!lines.joined().contains(oldPatient))
            #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",")[1].count == 4 })
        }
    }
}
