@testable import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// `carelog demo`'s seed: a fixed number of days through the site's today, whose
    /// sessions are scheduled and, before 09:00, logged.
    @Suite("demo seed")
    struct DemoSeedTests {
        static func seed(_ database: TestDatabase, through day: String) throws {
            try SeedOperation.seedDemo(target: database.target, through: day, console: Console.recording().0)
        }

        @Test("the demo's period: 123 days through its today, a statement per month from the first day")
        func period() throws {
            // 2027-01-31 − 122 days = 2026-10-01 (Jan 1 is −30, Dec 1 −61, Nov 1 −91, Oct 1 −122):
            // the longest wait for the three months before today.
            let plan = try SeedOperation.demoPlan(through: "2027-01-31")
            #expect(plan.monthBounds == ["2026-10-01", "2026-11-01", "2026-12-01", "2027-01-01", "2027-02-01"])
            #expect(plan.start == "2026-10-01" && plan.end == "2027-02-01" && plan.today == "2027-01-31")
            let leap = try SeedOperation.demoPlan(through: "2028-03-01")
            // 2028 is a leap year: Feb 29; 2028-03-01 − 122 days = 2027-10-31.
            #expect(leap.monthBounds == ["2027-10-31", "2027-11-01", "2027-12-01", "2028-01-01", "2028-02-01",
                                         "2028-03-01", "2028-03-02"])
            #expect(try DemoOperation.lastCompleteMonth(before: "2027-01-05") == ReportPeriod(month: "2026-12"))
            #expect(try DemoOperation.lastCompleteMonth(before: "2026-12-05") == ReportPeriod(month: "2026-11"))
        }

        @Test("its last day has every session scheduled and only those before 09:00 logged; nothing is recorded after 09:00")
        func lastDay() throws {
            let database = try TestDatabase()
            try Self.seed(database, through: "2026-12-04")
            let connection = try database.connect()
            defer { connection.close() }
            func sessions(loggedOnly: Bool) throws -> String {
                try connection.scalar("""
                    SELECT coalesce(string_agg(to_char(s.starts_at AT TIME ZONE 'America/New_York', 'HH24:MI') || ' ' || g.group_code,
                                               ', ' ORDER BY s.starts_at, g.group_code), '')
                      FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id
                     WHERE (s.starts_at AT TIME ZONE 'America/New_York')::date = '2026-12-04'
                       AND (\(loggedOnly ? "false" : "true")::boolean OR EXISTS (SELECT 1 FROM carelog.attendance a WHERE a.session_id = s.id))
                    """) ?? ""
            }
            // A Friday: the 12-step meeting three times, the process groups (9:30 and 13:00),
            // relapse prevention and the intensive outpatient group (Monday, Wednesday, Friday).
            #expect(try sessions(loggedOnly: false) == "07:00 S01-12S, 09:30 S01-MPG-A, 09:30 S01-WPG-A, 09:30 S01-WPG-B, "
                    + "12:00 S01-12S, 13:00 S01-MPG-B, 13:00 S01-MPG-C, 15:30 S01-RPG-A, 15:30 S01-RPG-B, "
                    + "15:30 S01-RPG-C, 15:30 S01-RPG-D, 18:00 S01-IOP, 19:00 S01-12S")
            #expect(try sessions(loggedOnly: true) == "07:00 S01-12S")
            let latest: String = try connection.scalar("""
                SELECT to_char(max(recorded_at) AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI') FROM carelog.attendance
                """) ?? ""
            #expect(latest >= "2026-12-04 08:00" && latest <= "2026-12-04 09:10", "\(latest)")
            let first: String = try connection.scalar("""
                SELECT min((starts_at AT TIME ZONE 'America/New_York')::date)::text FROM carelog.group_session
                """) ?? ""
            #expect(first == "2026-08-04")
        }

        @Test("the same patients are in care, on the same rosters, on the last day whatever the date")
        func sameLastDay() throws {
            func lastDay(_ day: String) throws -> [String] {
                let database = try TestDatabase()
                try Self.seed(database, through: day)
                let connection = try database.connect()
                defer { connection.close() }
                let text: String = try connection.scalar("""
                    SELECT string_agg(p.mrn || ' ' || coalesce(g.group_code, '-'), ',' ORDER BY p.mrn, g.group_code)
                      FROM carelog.patient p
                      JOIN carelog.episode e ON e.patient_id = p.id AND e.admitted_on <= \(day)::date
                                            AND (e.discharged_on IS NULL OR e.discharged_on > \(day)::date)
                      LEFT JOIN carelog.group_enrollment ge ON ge.patient_id = p.id AND ge.starts_on <= \(day)::date
                                                           AND (ge.ends_on IS NULL OR ge.ends_on >= \(day)::date)
                      LEFT JOIN carelog.care_group g ON g.id = ge.group_id
                    """) ?? ""
                return text.split(separator: ",").map(String.init)
            }
            let friday = try lastDay("2026-12-04")
            let later = try lastDay("2027-03-17")
            #expect(friday == later)
            // The README's examples rely on these: 01000571 on the roster of S01-WPG-A,
            // 01000563, 01000584 and 01000630 in care.
            #expect(friday.contains("01000571 S01-WPG-A"))
            #expect(["01000563 ", "01000584 ", "01000630 "].allSatisfy { mrn in friday.contains { $0.hasPrefix(mrn) } })
        }
    }
}
