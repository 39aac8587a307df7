import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("import: valid files, idempotence, dry run")
    struct ImportTests {
        @Test("every kind imports a valid file, and the same files again change nothing")
        func wholeFixtureTwice() throws {
            let database = try TestDatabase()
            var first: [String] = []
            for file in ImportFixture.files {
                first.append(try importCSV(file.kind, file.csv, into: database).description)
            }
            #expect(first == [
                "sites: 2 records; 2 inserted, 0 updated, 0 unchanged",
                "staff: 3 records; 3 inserted, 0 updated, 0 unchanged",
                "patients: 3 records; 3 inserted, 0 updated, 0 unchanged",
                "episodes: 3 records; 3 inserted, 0 updated, 0 unchanged",
                "assignments: 3 records; 3 inserted, 0 updated, 0 unchanged",
                "plans: 2 records; 2 inserted, 0 updated, 0 unchanged",
                "plan-requirements: 3 records; 3 inserted, 0 updated, 0 unchanged",
                "goals: 2 records; 2 inserted, 0 updated, 0 unchanged",
                "reviews: 1 record; 1 inserted, 0 updated, 0 unchanged",
                "groups: 3 records; 3 inserted, 0 updated, 0 unchanged",
                "enrollments: 2 records; 2 inserted, 0 updated, 0 unchanged",
                "sessions: 4 records; 4 inserted, 0 updated, 0 unchanged",
                "attendance: 4 records; 4 inserted, 0 updated, 0 unchanged",
                "assessments: 3 records; 3 inserted, 0 updated, 0 unchanged",
                "screens: 2 records; 2 inserted, 0 updated, 0 unchanged",
            ])
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
            for file in ImportFixture.files {
                let again = try importCSV(file.kind, file.csv, into: database)
                #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == again.records, "\(again)")
            }
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
        }

        @Test("values are stored as typed, with site-local times and defaults")
        func storedValues() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let connection = try database.connect()
            #expect(try connection.scalar("SELECT mrn FROM carelog.patient WHERE first_name = 'Fay'") == "00912")
            // 07:30 in New York on 5 October 2026 (EDT, UTC-4) is 11:30 UTC.
            #expect(try connection.scalar("""
                SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM carelog.group_session
                 WHERE status = 'held' ORDER BY starts_at LIMIT 1
                """) == "2026-10-05 11:30")
            #expect(try connection.scalar("SELECT review_interval_days FROM carelog.treatment_plan WHERE plan_code = 'P-913'") == "30")
            #expect(try connection.scalar("SELECT active FROM carelog.staff WHERE staff_id = 'D001'") == "t")
            #expect(try connection.scalar("SELECT status FROM carelog.group_session gs JOIN carelog.care_group g ON g.id = gs.group_id WHERE g.group_code = 'M-RP'") == "held")
            #expect(try connection.scalar("SELECT substances FROM carelog.drug_screen WHERE result = 'positive'") == "opioids, benzodiazepines")
            #expect(try connection.scalar("SELECT sessions_per_week FROM carelog.plan_requirement WHERE modality = 'relapse_prevention'") == "1.5")
        }

        @Test("a changed row updates its record; absent optional columns keep their values")
        func updates() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let summary = try importCSV("attendance", """
                group_code,starts_at,mrn,status,recorded_by
                W-PROC,2026-10-05 18:00,00912,excused,T002
                AA-AM,2026-10-05 07:30,00912,present,T001
                """, into: database, reason: "excused by the facilitator")
            #expect(summary.description == "attendance: 2 records; 0 inserted, 1 updated, 1 unchanged")
            let connection = try database.connect()
            #expect(try connection.scalar("SELECT string_agg(status || ':' || coalesce(minutes_attended::text, '-'), ',' ORDER BY id) FROM carelog.attendance")
                == "present:60,late:45,excused:-,left_early:30")
        }

        @Test("--dry-run reports what would change and writes nothing")
        func dryRun() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let summary = try importCSV("patients", """
                mrn,first_name,last_name,date_of_birth,gender,site_code
                00912,Fay,Moss-Ortiz,1990-04-01,female,NYC
                00999,New,Person,1999-09-09,unknown,LAX
                """, into: database, dryRun: true)
            #expect(summary.description == "patients (dry run, nothing written): 2 records checked; would insert 1, update 1, leave 0 unchanged")
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
            let connection = try database.connect()
            #expect(try connection.scalar("SELECT last_name FROM carelog.patient WHERE mrn = '00912'") == "Moss")
        }

        @Test("byte-order mark, CRLF line ends and quoted line breaks are accepted")
        func bomCrlfAndLineBreaks() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let csv = "\u{FEFF}plan_code,reviewed_on,reviewer,note\r\nP-912,2026-10-20,T001,\"Line one,\r\nline \"\"two\"\"\"\r\nP-912,2026-10-27,T001,\r\n\r\n"
            let (console, _) = Console.recording()
            let summary = try ImportOperation.run(
                target: database.target, kind: "reviews", input: .bytes(Array(csv.utf8)), dryRun: false, actingStaff: nil, console: console)
            #expect(summary.description == "reviews: 2 records; 2 inserted, 0 updated, 0 unchanged")
            let connection = try database.connect()
            #expect(try connection.scalar("SELECT note FROM carelog.plan_review WHERE reviewed_on = '2026-10-20'") == "Line one,\r\nline \"two\"")
            #expect(try connection.scalar("SELECT note FROM carelog.plan_review WHERE reviewed_on = '2026-10-27'") == nil)
        }

        @Test("formula-like text is stored exactly as given")
        func formulaText() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("patients", """
                mrn,first_name,last_name,date_of_birth,gender,site_code
                01000,=SUM(A1),"@cmd|' /C calc'!A0",1970-01-01,unknown,NYC
                01001,+1,-2,1970-01-01,unknown,NYC
                """, into: database)
            let connection = try database.connect()
            #expect(try connection.scalar("SELECT first_name || '|' || last_name FROM carelog.patient WHERE mrn = '01000'") == "=SUM(A1)|@cmd|' /C calc'!A0")
            #expect(try connection.scalar("SELECT first_name || '|' || last_name FROM carelog.patient WHERE mrn = '01001'") == "+1|-2")
        }

        @Test("header names are case-insensitive and in any order; optional columns may be absent")
        func headerFlexibility() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let summary = try importCSV("screens", """
                Result,MRN,Collected_On
                dilute,00914,2026-10-10
                """, into: database)
            #expect(summary.inserted == 1)
        }
    }
}
