import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("import: every problem listed, nothing written")
    struct ImportRefusalTests {
        @Test("unknown codes name the line, column and value")
        func unknownCodes() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let problems = refusedImport("attendance", """
                group_code,starts_at,mrn,status,recorded_by
                AA-AM,2026-10-05 07:30,00999,present,T001
                NOPE,2026-10-05 07:30,00912,present,T001
                AA-AM,2026-10-05 09:00,00912,present,T001
                AA-AM,2026-10-05 07:30,00914,present,X9
                """, into: database)
            #expect(problems == [
                "line 2, column mrn, value \"00999\": no patient with this MRN",
                "line 3, column group_code, value \"NOPE\": no group with this code",
                "line 4, column starts_at, value \"2026-10-05 09:00\": no session of this group starts at this time (import the session first)",
                "line 5, column recorded_by, value \"X9\": no staff member with this ID",
            ])
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
        }

        @Test("malformed values: dates, numbers, lists, blanks, ranges")
        func malformedValues() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let problems = refusedImport("groups", """
                group_code,name,modality,gender_focus,kind,site_code,capacity
                G1,Name,yoga,all,open,NYC,10
                G2,Name,process,everyone,open,NYC,0
                ,Name,process,all,drop-in,NYC,ten
                " G4",,process,all,open,NYC,
                """, into: database)
            #expect(problems == [
                "line 2, column modality, value \"yoga\": is not one of: twelve_step, process, relapse_prevention, education, family, smart_recovery, activity, individual",
                "line 3, column gender_focus, value \"everyone\": is not one of: all, women, men",
                "line 3, column capacity, value \"0\": must be at least 1",
                "line 4, column group_code: is required",
                "line 4, column kind, value \"drop-in\": is not one of: open, closed",
                "line 4, column capacity, value \"ten\": is not a whole number",
                "line 5, column group_code, value \" G4\": has spaces at the start or end",
                "line 5, column name: is required",
            ])
            let dates = refusedImport("episodes", """
                mrn,admitted_on,level_of_care
                00914,2026-02-30,2.1
                00914,10/01/2026,9.9
                """, into: database)
            #expect(dates == [
                "line 2, column admitted_on, value \"2026-02-30\": is not a date in the form YYYY-MM-DD",
                "line 3, column admitted_on, value \"10/01/2026\": could be day-first or month-first, which is never guessed: "
                    + "give --date-order dmy or mdy, or write YYYY-MM-DD",
                "line 3, column level_of_care, value \"9.9\": is not one of: 1.0, 2.1, 2.5, 3.1, 3.3, 3.5, 3.7, 4.0",
            ])
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
        }

        @Test("attendance rules: in care on the site-local day, held session, gender focus")
        func attendanceRules() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("sessions", "group_code,starts_at,facilitator\nAA-AM,2026-10-20 07:30,T001", into: database)
            let counts = try database.tableCounts()
            // 00913 was discharged on 2026-10-20: the discharge day is not in care.
            let problems = refusedImport("attendance", """
                group_code,starts_at,mrn,status,recorded_by
                AA-AM,2026-10-06 07:30,00912,present,T001
                W-PROC,2026-10-05 18:00,00913,present,T002
                AA-AM,2026-10-20 07:30,00913,present,T001
                AA-AM,2026-10-20 07:30,00914,present,T001
                """, into: database)
            #expect(problems == [
                "line 2, column starts_at, value \"2026-10-06 07:30\": the session was cancelled; attendance is recorded for held sessions only",
                "line 3, column mrn, value \"00913\": the patient (male) is not admitted to this women's group",
                "line 4, column mrn, value \"00913\": the patient is not in care on 2026-10-20, the day of the session",
            ])
            #expect(try database.tableCounts() == counts)
        }

        @Test("episodes: overlap, discharge reason, dates")
        func episodeRules() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let problems = refusedImport("episodes", """
                mrn,admitted_on,level_of_care,discharged_on,discharge_reason
                00912,2026-10-01,3.5,,
                00913,2026-10-10,3.5,2026-10-30,completed
                00913,2026-11-05,3.5,2026-11-01,completed
                00913,2026-12-01,3.5,2026-12-20,
                00913,2027-01-01,3.5,,transferred
                """, into: database)
            #expect(problems == [
                "line 2, column admitted_on, value \"2026-10-01\": overlaps another episode of this patient (admitted 2026-09-01)",
                "line 3, column admitted_on, value \"2026-10-10\": overlaps another episode of this patient (admitted 2026-09-15)",
                "line 4, column discharged_on, value \"2026-11-01\": is before admitted_on",
                "line 5, column discharge_reason: is required when discharged_on is given",
                "line 6, column discharge_reason, value \"transferred\": must be empty while the episode is open (no discharged_on)",
            ])
            // Readmission on the discharge day is not an overlap.
            let readmission = try importCSV("episodes", "mrn,admitted_on,level_of_care\n00913,2026-10-20,2.5", into: database)
            #expect(readmission.inserted == 1)
        }

        @Test("one primary therapist per day, goals' status_on, score ranges, duplicate rows")
        func otherRules() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            #expect(refusedImport("assignments", """
                mrn,staff_id,role,starts_on,ends_on
                00912,T002,primary,2026-10-15,
                00914,T001,primary,2026-10-01,2026-09-30
                """, into: database) == [
                "line 2, column starts_on, value \"2026-10-15\": overlaps another primary therapist assignment of this patient (staff T001 from 2026-09-01)",
                "line 3, column ends_on, value \"2026-09-30\": is before starts_on (ends_on is the last day, starts_on itself for a one-day record)",
            ])
            #expect(refusedImport("goals", """
                plan_code,goal_code,domain,status
                P-912,G2,housing,met
                """, into: database) == [
                "line 2, column status_on: is required when status is met (the day the status was set)",
            ])
            #expect(refusedImport("assessments", """
                mrn,instrument,administered_on,score
                00912,PHQ-9,2026-10-30,28
                00912,GAD-7,2026-10-30,-1
                00912,BAM,2026-10-30,4
                00912,BAM,2026-10-30,5
                """, into: database) == [
                "line 2, column score, value \"28\": is outside the PHQ-9 range 0 to 27",
                "line 3, column score, value \"-1\": is outside the GAD-7 range 0 to 21",
                "line 5, column mrn, value \"00912\": is the same record as line 4 of this file",
            ])
            #expect(refusedImport("sessions", """
                group_code,starts_at,facilitator,status
                AA-AM,2026-10-05 07:30,T001,cancelled
                """, into: database) == [
                "line 2, column status, value \"cancelled\": cannot be cancelled: 2 attendance record(s) exist for this session",
            ])
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
        }

        @Test("at most 50 problems are listed, then a count of the rest")
        func problemLimit() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let rows = (1...60).map { "M\($0),F,L,1990-01-01,martian,NYC" }.joined(separator: "\n")
            do {
                try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n" + rows, into: database)
                Issue.record("accepted")
            } catch let error as CarelogError {
                #expect(error.message == "the patients import was refused: 60 problems")
                let lines = (error.suggestion ?? "").split(separator: "\n")
                #expect(lines.count == 52)
                #expect(lines[0] == "line 2, column gender, value \"martian\": is not one of: female, male, nonbinary, unknown")
                #expect(lines[49] == "line 51, column gender, value \"martian\": is not one of: female, male, nonbinary, unknown")
                #expect(lines[50] == "… and 10 more problems")
            }
            #expect(try database.tableCounts() == ImportFixture.expectedCounts)
        }
    }

    @Suite("import: malformed CSV")
    struct MalformedCSVTests {
        @Test("header problems: unknown column, duplicate, missing required column")
        func headerProblems() throws {
            let database = try TestDatabase()
            #expect(refusedImport("sites", "site_code,name,Name,colour\nA,B,C,D", into: database) == [
                "line 1, column name: appears twice in the header",
                "line 1, column colour: is not a column of sites; the columns are site_code, name, timezone",
                "line 1, column timezone: is required but missing from the header",
            ])
            #expect(refusedImport("sites", "", into: database) == [
                "line 1: the file is empty; it needs a header row naming the columns (site_code, name, timezone)",
            ])
        }

        @Test("a time zone the server does not know is refused on every line that names it")
        func unknownTimeZones() throws {
            let database = try TestDatabase()
            let problems = refusedImport("sites", """
                site_code,name,timezone
                A,Alpha,America/New_York
                B,Beta,Mars/Olympus
                C,Gamma,america/new_york
                D,Delta,Mars/Olympus
                E,Epsilon,Europe/Berlin
                """, into: database)
            let message = "is not a time zone name such as America/New_York (IANA spelling, case matters)"
            #expect(problems == ["line 3, column timezone, value \"Mars/Olympus\": \(message)",
                                 "line 4, column timezone, value \"america/new_york\": \(message)",
                                 "line 5, column timezone, value \"Mars/Olympus\": \(message)"])
            #expect(try database.tableCounts()["site"] == 0)
        }

        @Test("ragged rows, unterminated quotes and invalid UTF-8 are listed with their lines")
        func structuralProblems() throws {
            let database = try TestDatabase()
            let ragged = refusedImport("sites", """
                site_code,name,timezone
                A,Alpha,America/New_York,extra
                B,Beta
                C,"Gamma
                """, into: database)
            #expect(ragged.count == 3)
            #expect(ragged[0] == "line 2: has 4 fields; the header has 3")
            #expect(ragged[1] == "line 3: has 2 fields; the header has 3")
            #expect(ragged[2].hasPrefix("line 4: "))
            #expect(ragged[2].contains("never closed"))

            var bytes = Array("site_code,name,timezone\nA,Caf".utf8) + [0xC3, 0x28] + Array(",UTC\nB,Fine,UTC\n".utf8)
            let (console, _) = Console.recording()
            do {
                try ImportOperation.run(target: database.target, kind: "sites", input: .bytes(bytes), dryRun: false, actingStaff: nil, console: console)
                Issue.record("accepted")
            } catch let error as CarelogError {
                #expect(error.exitCode == 3)
                #expect(error.suggestion?.hasPrefix("line 2: ") == true)
                #expect(error.suggestion?.contains("UTF-8") == true)
            }
            bytes = []
            #expect(try database.connect().count("carelog.site") == 0)
        }
    }
}
