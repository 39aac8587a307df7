import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// Sign-in sheets printed by headless Chromium, as a person printing the file gets
    /// them: pages counted in the PDF, every cell's text inside its box. Skipped where
    /// Chromium is not installed (`apt-get install -y chromium`); Chromium runs on a
    /// thread of its own (OwnThread), never on the test's pool thread.
    @Suite("attendance sheet printed by headless Chromium", .enabled(if: HeadlessChromium.isAvailable))
    struct SignInSheetPrintTests {
        private func sheet(_ target: DatabaseTarget, _ selection: SignInSheetOperation.Selection) throws -> String {
            let (console, recording) = Console.recording()
            try SignInSheetOperation.write(target: target, selection: selection, program: "Test Program", output: nil, console: console)
            return recording.output
        }

        /// The page count of the printed HTML and the elements whose text overflows.
        private func printed(_ html: String) async throws -> (pages: Int, overflowing: [String]) {
            try await OwnThread.run("chromium") {
                let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("carelog-sheet-\(UUID().uuidString.prefix(8)).html")
                try Data(html.utf8).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                return (HeadlessChromium.pageCount(try HeadlessChromium.printToPDF(file)), try HeadlessChromium.overflowing(html))
            }
        }

        @Test("one page a session, a very long name wrapped inside its cell")
        func onePagePerSession() async throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("patients", """
                mrn,first_name,last_name,date_of_birth,gender,site_code
                00921,Maximiliana-Josephine-Alexandrina,Wolfeschlegelsteinhausenbergerdorff-Featherstonehaughshire,1990-01-01,female,NYC
                """, into: database)
            try importCSV("episodes", "mrn,admitted_on,level_of_care,discharged_on,discharge_reason\n00921,2026-09-01,3.5,,\n", into: database)
            try importCSV("enrollments", "group_code,mrn,starts_on,ends_on\nW-PROC,00921,2026-09-05,\n", into: database)
            let html = try sheet(database.target, .day(group: nil, site: "NYC", date: "2026-10-05"))
            #expect(html.contains("Wolfeschlegelsteinhausenbergerdorff-Featherstonehaughshire, Maximiliana-Josephine-Alexandrina"))
            let result = try await printed(html)
            // AA-AM 07:30 (20 blank lines) and W-PROC 18:00 (2 names, 4 blank lines).
            #expect(result.pages == 2)
            #expect(result.overflowing == [])
        }

        @Test("a roster longer than a page goes on to a second page, which the first did not overflow")
        func longRoster() async throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let numbers = (30...59).map { "009\($0)" }
            try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n"
                + numbers.map { "\($0),Pat,Number\($0),1990-01-01,female,NYC\n" }.joined(), into: database)
            try importCSV("episodes", "mrn,admitted_on,level_of_care,discharged_on,discharge_reason\n"
                + numbers.map { "\($0),2026-09-01,3.5,,\n" }.joined(), into: database)
            try importCSV("enrollments", "group_code,mrn,starts_on,ends_on\n"
                + numbers.map { "W-PROC,\($0),2026-09-05,\n" }.joined(), into: database)
            let html = try sheet(database.target, .session(group: "W-PROC", at: "2026-10-05 18:00"))
            // 31 names and 4 blank lines: more than the 20-odd a Letter page holds, fewer than two pages' worth.
            #expect(html.components(separatedBy: "<td class=\"name\">").count - 1 == 31)
            let result = try await printed(html)
            #expect(result.pages == 2)
            #expect(result.overflowing == [])
        }

        @Test("the demo's day at S01: one page for each held session")
        func demoDay() async throws {
            let database = try TestDatabase()
            _ = try SeedOperation.seed(target: database.target, scale: 1, seed: 1, endMonth: try ReportPeriod(month: "2026-11"),
                                       months: 3, console: Console.recording().0)
            let connection = try database.connect()
            let held: String? = try connection.scalar(SQLQuery(unsafeSQL: """
                SELECT count(*) FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id
                  JOIN carelog.site st ON st.id = g.site_id
                 WHERE st.site_code = 'S01' AND s.status = 'held'
                   AND (s.starts_at AT TIME ZONE st.timezone)::date = '2026-10-05'
                """))
            connection.close()
            let html = try sheet(database.target, .day(group: nil, site: "S01", date: "2026-10-05"))
            let result = try await printed(html)
            #expect(held.flatMap { Int($0) } == result.pages, "pages: \(result.pages)")
            #expect(result.pages > 1)
            #expect(result.overflowing == [])
        }
    }
}
