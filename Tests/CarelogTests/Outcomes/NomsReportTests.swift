import Carelog
import Foundation
import Postgres
import Testing

/// The `noms` report on a hand-made fixture. Every expected cell was worked out by
/// hand from the rows below (the import fixture, three discharges in October 2026 and
/// one in September); nothing was pasted from a run.
///
///   00912 NYC, admitted 09-01, discharged 10-30 transferred. Admission: use 3, employment 3,
///         living 1, arrests 1, self-help 1. Discharge: use 1, employment 1, living 2,
///         arrests 0 (self-help entered 2). Computed self-help: AA-AM 10-05 present in
///         09-30..10-30 → 1 meeting → code 2 (attended).
///   00913 NYC, 09-15 → 10-20 completed. Admission: use 2, employment -9, living 2,
///         arrests 0, self-help 2. Discharge: use 1, employment 3, living 2, arrests 0.
///         Computed: AA-AM 10-05 late → 1 meeting → code 2.
///   00914 LAX, 10-01 → 10-25 left against advice. Admission: use 3, employment 4,
///         living 3, arrests 2, self-help not recorded. Discharge: use 2, employment 4,
///         living 3, arrests -9. Computed: no meeting → code 1.
///   00917 NYC, 08-01 → 09-25: a September discharge, in no October row.
extension DatabaseTests {
    @Suite("report: noms")
    struct NomsReportTests {
        static func load(_ database: TestDatabase) throws {
            try ImportFixture.load(into: database)
            try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n00917,Ona,Ruiz,1970-01-01,female,NYC", into: database)
            try importCSV("episodes", """
                mrn,admitted_on,level_of_care,discharged_on,discharge_reason
                00912,2026-09-01,3.5,2026-10-30,transferred
                00914,2026-10-01,2.1,2026-10-25,left_against_advice
                00917,2026-08-01,3.5,2026-09-25,other
                """, into: database)
            try importCSV("measures", """
                mrn,admitted_on,time_point,use_frequency,employment,living_arrangement,arrests,self_help_frequency
                00912,2026-09-01,admission,3,3,1,1,1
                00912,2026-09-01,discharge,1,1,2,0,2
                00913,2026-09-15,admission,2,-9,2,0,2
                00913,2026-09-15,discharge,1,3,2,0,
                00914,2026-10-01,admission,3,4,3,2,
                00914,2026-10-01,discharge,2,4,3,-9,
                00917,2026-08-01,admission,1,1,3,0,4
                00917,2026-08-01,discharge,1,1,3,0,4
                """, into: database)
        }

        static func run(site: String? = nil) throws -> ReportTable {
            let database = try TestDatabase()
            try load(database)
            let connection = try database.connect()
            defer { connection.close() }
            let report = try #require(try ReportCatalog.named("noms"))
            return try ReportRunner.run(report, connection: connection, period: try ReportPeriod(month: "2026-10"), site: site)
        }

        static let october: [[String?]] = [
            // LAX (00914 only).
            ["LAX", "abstinence", "1", "0", "0", "0.0", "0.0", "0.0"],
            ["LAX", "employment", "1", "0", "0", "0.0", "0.0", "0.0"],
            ["LAX", "stable_housing", "1", "1", "1", "100.0", "100.0", "0.0"],
            ["LAX", "no_arrests", "0", "0", "0", nil, nil, nil],          // arrests -9 at discharge
            ["LAX", "self_help", "0", "0", "0", nil, nil, nil],           // not recorded at admission
            ["LAX", "retention", "1", nil, "0", nil, "0.0", nil],
            // NYC (00912, 00913).
            ["NYC", "abstinence", "2", "0", "2", "0.0", "100.0", "100.0"],
            ["NYC", "employment", "1", "0", "1", "0.0", "100.0", "100.0"],  // 00913: -9 at admission
            ["NYC", "stable_housing", "2", "1", "2", "50.0", "100.0", "50.0"],
            ["NYC", "no_arrests", "2", "1", "2", "50.0", "100.0", "50.0"],
            ["NYC", "self_help", "2", "1", "2", "50.0", "100.0", "50.0"],
            ["NYC", "retention", "2", nil, "1", nil, "50.0", nil],
            // All sites.
            ["all", "abstinence", "3", "0", "2", "0.0", "66.7", "66.7"],
            ["all", "employment", "2", "0", "1", "0.0", "50.0", "50.0"],
            ["all", "stable_housing", "3", "2", "3", "66.7", "100.0", "33.3"],
            ["all", "no_arrests", "2", "1", "2", "50.0", "100.0", "50.0"],
            ["all", "self_help", "2", "1", "2", "50.0", "100.0", "50.0"],
            ["all", "retention", "3", nil, "1", nil, "33.3", nil],
        ]

        @Test("October 2026, all sites: six rows per site and six 'all' rows, every cell")
        func october() throws {
            let table = try Self.run()
            #expect(table.definition.columns.map(\.name) == [
                "site_code", "domain", "episodes", "at_admission", "at_discharge", "admission_pct", "discharge_pct", "change_pp",
            ])
            #expect(table.rows.count == Self.october.count)
            for (index, (actual, wanted)) in zip(table.rows, Self.october).enumerated() {
                #expect(actual == wanted, "row \(index + 1)")
            }
        }

        @Test("--site NYC: that site's six rows, no 'all' rows")
        func oneSite() throws {
            let table = try Self.run(site: "NYC")
            #expect(table.rows == Array(Self.october[6..<12]))
        }

        @Test("--min-cell 3: counts under 3 hidden, the figures resting on them emptied")
        func suppression() throws {
            let shown = try Self.run().applying(PrivacyOptions(minimumCell: 3))
            // NYC abstinence: episodes 2 and at_discharge 2 are small; every figure is emptied.
            #expect(shown.rows[6] == ["NYC", "abstinence", "<3", "0", "<3", nil, nil, nil])
            // all abstinence: 3 episodes shown, 2 at discharge hidden; the admission rate
            // rests on shown counts only.
            #expect(shown.rows[12] == ["all", "abstinence", "3", "0", "<3", "0.0", nil, nil])
            // all stable housing: 2 at admission hidden; 3 of 3 at discharge shown.
            #expect(shown.rows[14] == ["all", "stable_housing", "3", "<3", "3", nil, "100.0", nil])
            #expect(shown.rows[17] == ["all", "retention", "3", nil, "<3", nil, nil, nil])
        }
    }
}

extension DatabaseTests {
    @Suite("summary: the NOMs table")
    struct NomsSummaryTests {
        @Test("summary.txt and summary.html show the 'all' rows of noms.csv, as suppressed there")
        func summaryTable() throws {
            let database = try TestDatabase()
            try NomsReportTests.load(database)
            for (privacy, expected) in [
                (PrivacyOptions.none, [["abstinence", "3", "0", "0.0", "2", "66.7", "66.7"],
                                       ["stable", "housing", "3", "2", "66.7", "3", "100.0", "33.3"],
                                       ["retention", "3", "—", "—", "1", "33.3", "—"]]),
                (PrivacyOptions(minimumCell: 3), [["abstinence", "3", "0", "0.0", "<3", "—", "—"],
                                                  ["stable", "housing", "3", "<3", "—", "3", "100.0", "—"],
                                                  ["retention", "3", "—", "—", "<3", "—", "—"]]),
            ] {
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("noms-summary-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: directory) }
                try ReportOperation.monthly(
                    target: database.target, period: try ReportPeriod(month: "2026-10"), site: nil, directory: directory.path,
                    privacy: privacy, console: Console.recording().0)
                let text = try String(contentsOf: directory.appendingPathComponent("summary.txt"), encoding: .utf8)
                let lines = text.split(separator: "\n").map(String.init)
                let start = try #require(lines.firstIndex(of: "Outcomes at admission and discharge (NOMs) — all listed (noms.csv)"))
                let table = lines[(start + 2)...].prefix(6).map { $0.split(separator: " ").map(String.init) }
                #expect(table[0] == expected[0])
                #expect(table[2] == expected[1])
                #expect(table[5] == expected[2])
                let html = try String(contentsOf: directory.appendingPathComponent("summary.html"), encoding: .utf8)
                #expect(html.contains("<h3>Outcomes at admission and discharge (NOMs)</h3>"))
                #expect(html.contains("<td>stable housing</td>"))
            }
        }
    }
}
