import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// Files saved from spreadsheets: enumerations in any case and common forms,
    /// other date forms, never a guess, and MRNs that lost their leading zeros.
    @Suite("import: friendly values")
    struct FriendlyImportTests {
        private func importWithOrder(_ kind: String, _ csv: String, _ order: DateOrder?, into database: TestDatabase) throws -> ImportSummary {
            try ImportOperation.run(target: database.target, kind: kind, input: .bytes(Array((csv + "\n").utf8)), dryRun: false,
                                    actingStaff: nil, dateOrder: order, console: Console.recording().0)
        }

        private func stored(_ database: TestDatabase, _ sql: String) throws -> String? {
            let connection = try database.connect()
            defer { connection.close() }
            return try connection.scalar(SQLQuery(unsafeSQL: sql))
        }

        @Test("enumerations in any case and by their common forms; dates as YYYY/MM/DD")
        func acceptedForms() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("staff", "staff_id,first_name,last_name,role,site_code\nD002,Eve,Stone,Director,NYC", into: database)
            try importCSV("patients", """
                mrn,first_name,last_name,date_of_birth,gender,site_code
                00920,Al,Amo,1985/3/14,Male,NYC
                00921,Bea,Bly,1990/12/01,F,NYC
                00922,Cy,Cole,2001-02-03,NON-BINARY,NYC
                00923,Di,Dorn,1970-07-07, u ,NYC
                """, into: database)
            #expect(try stored(database, "SELECT role FROM carelog.staff WHERE staff_id = 'D002'") == "director")
            #expect(try stored(database, """
                SELECT string_agg(mrn || ' ' || date_of_birth || ' ' || gender, '; ' ORDER BY mrn) FROM carelog.patient WHERE mrn >= '00920'
                """) == "00920 1985-03-14 male; 00921 1990-12-01 female; 00922 2001-02-03 nonbinary; 00923 1970-07-07 unknown")
            try importCSV("episodes", "mrn,admitted_on,level_of_care,discharged_on,discharge_reason\n00920,2026/10/01,3.5,2026/10/09,AMA", into: database)
            #expect(try stored(database, """
                SELECT e.discharge_reason FROM carelog.episode e JOIN carelog.patient p ON p.id = e.patient_id WHERE p.mrn = '00920'
                """) == "left_against_advice")
            try importCSV("sessions", "group_code,starts_at,facilitator,status\nAA-AM,2026-10-08 07:30,T001,Canceled", into: database)
            try importCSV("attendance", "group_code,starts_at,mrn,status,recorded_by\nAA-AM,2026-10-05 07:30,00914,Left Early,T001", into: database)
            try importCSV("assessments", "mrn,instrument,administered_on,score\n00912,phq9,2026-10-20,7", into: database)
            #expect(try stored(database, """
                SELECT (SELECT status FROM carelog.group_session WHERE starts_at = '2026-10-08 07:30 America/New_York') || ' '
                    || (SELECT a.status FROM carelog.attendance a JOIN carelog.patient p ON p.id = a.patient_id WHERE p.mrn = '00914') || ' '
                    || (SELECT instrument FROM carelog.assessment WHERE administered_on = '2026-10-20')
                """) == "cancelled left_early PHQ-9")
            // Re-importing the same friendly file changes nothing.
            let again = try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n00920,Al,Amo,1985/3/14,Male,NYC", into: database)
            #expect(again.unchanged == 1)
        }

        @Test("day-first and month-first dates only with --date-order")
        func dateOrder() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let header = "mrn,first_name,last_name,date_of_birth,gender,site_code\n"
            #expect(refusedImport("patients", header + "00930,Al,Amo,03/04/1985,male,NYC", into: database) == [
                "line 2, column date_of_birth, value \"03/04/1985\": could be day-first or month-first, which is never guessed: "
                    + "give --date-order dmy or mdy, or write YYYY-MM-DD",
            ])
            _ = try importWithOrder("patients", header + "00930,Al,Amo,03/04/1985,male,NYC\n00931,Bo,Bay,3/14/1985,male,NYC", .mdy, into: database)
            _ = try importWithOrder("patients", header + "00932,Cy,Cole,03.04.1985,male,NYC\n00933,Di,Dorn,14/3/1985,female,NYC", .dmy, into: database)
            #expect(try stored(database, """
                SELECT string_agg(mrn || ' ' || date_of_birth, '; ' ORDER BY mrn) FROM carelog.patient WHERE mrn >= '00930'
                """) == "00930 1985-03-04; 00931 1985-03-14; 00932 1985-04-03; 00933 1985-03-14")
            // A month 14 in month-first order, a two-digit year: refused even with an order.
            let refused = try #require(throws: CarelogError.self) {
                try importWithOrder("patients", header + "00934,Ed,Eng,14/03/1985,male,NYC\n00935,Fi,Fox,03/14/85,male,NYC", .mdy, into: database)
            }
            #expect(refused.exitCode == 3)
            #expect(refused.suggestion?.split(separator: "\n").dropLast().map(String.init) == [
                "line 2, column date_of_birth, value \"14/03/1985\": is not a date in the form YYYY-MM-DD",
                "line 3, column date_of_birth, value \"03/14/85\": is not a date in the form YYYY-MM-DD",
            ])
        }

        @Test("forms that could mean two things, or nothing, are refused with the allowed values")
        func ambiguousForms() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            #expect(refusedImport("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n00940,Al,Amo,1985-03-14,fem,NYC", into: database) == [
                "line 2, column gender, value \"fem\": is not one of: female, male, nonbinary, unknown",
            ])
            // "l" could be late or left early.
            #expect(refusedImport("attendance", "group_code,starts_at,mrn,status,recorded_by\nAA-AM,2026-10-05 07:30,00914,l,T001", into: database) == [
                "line 2, column status, value \"l\": is not one of: present, late, left_early, absent, excused",
            ])
            #expect(refusedImport("staff", "staff_id,first_name,last_name,role,site_code\nX1,A,B,dir,NYC", into: database) == [
                "line 2, column role, value \"dir\": is not one of: therapist, counselor, director, auditor, other",
            ])
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
        }

        @Test("a new MRN that is a stored MRN without its leading zeros is refused with a hint")
        func leadingZeros() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let header = "mrn,first_name,last_name,date_of_birth,gender,site_code\n"
            #expect(refusedImport("patients", header + "912,Fay,Moss,1990-04-01,female,NYC\n02000501,Gil,Gray,1980-01-01,male,NYC\n2000501,Gil,Gray,1980-01-01,male,NYC", into: database) == [
                "line 2, column mrn, value \"912\": is MRN 00912 without its leading zeros: a spreadsheet probably dropped them; "
                    + "format the column as text (or open the file as text) and import it again",
                "line 4, column mrn, value \"2000501\": is MRN 02000501 without its leading zeros: a spreadsheet probably dropped them; "
                    + "format the column as text (or open the file as text) and import it again",
            ])
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
            // An MRN without leading zeros that matches nothing is an ordinary new patient.
            try importCSV("patients", header + "4711,Hal,Hunt,1980-01-01,male,NYC", into: database)
            #expect(try database.tableCounts()["patient"] == 4)
        }

        @Test("every kind's help example imports, in order, into an empty database")
        func helpExamples() throws {
            let database = try TestDatabase()
            for kind in ImportOperation.kindNames {
                let help = try #require(ImportOperation.help(kind: kind))
                let example = help.components(separatedBy: "Example (\(kind).csv):\n")[1]
                let csv = example.split(separator: "\n").map { $0.dropFirst(2) }.joined(separator: "\n")
                let summary = try importCSV(kind, csv, into: database)
                // One row each; groups and sessions bring an open 12-step group too, for roll-closures.
                #expect(summary.inserted == (["groups", "sessions"].contains(kind) ? 2 : 1), "\(kind)")
            }
        }
    }
}
