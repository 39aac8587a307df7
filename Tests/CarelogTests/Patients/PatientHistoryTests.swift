import Carelog
import Foundation
import Testing

extension DatabaseTests {
    @Suite("patient show")
    struct PatientHistoryTests {
        /// 00913 of the import fixture, discharged on 2026-10-20 and readmitted on
        /// 2026-10-25 with a new primary therapist (T002 until 2026-10-19, then T001)
        /// and a new plan, two more sessions and a second GAD-7.
        private func readmittedPatient(_ database: TestDatabase) throws {
            try ImportFixture.load(into: database)
            try importCSV("episodes", "mrn,admitted_on,level_of_care,discharged_on,discharge_reason\n00913,2026-10-25,3.5,,", into: database)
            try importCSV("assignments", "mrn,staff_id,role,starts_on,ends_on\n00913,T001,primary,2026-10-25,", into: database)
            try importCSV("plans", "plan_code,mrn,created_on,author,review_interval_days,closed_on\nP-913B,00913,2026-10-25,T001,14,", into: database)
            try importCSV("plan-requirements", "plan_code,modality,sessions_per_week\nP-913B,twelve_step,7", into: database)
            try importCSV("goals", "plan_code,goal_code,domain,description,target_date,status,status_on\nP-913B,G1,substance_use,Daily meeting,2026-11-30,open,", into: database)
            try importCSV("reviews", "plan_code,reviewed_on,reviewer,note\nP-913B,2026-10-28,T001,", into: database)
            try importCSV("sessions", """
                group_code,starts_at,duration_minutes,facilitator,status
                AA-AM,2026-10-26 07:30,60,T001,held
                AA-AM,2026-10-27 07:30,60,T001,held
                """, into: database)
            try importCSV("attendance", """
                group_code,starts_at,mrn,status,recorded_by
                AA-AM,2026-10-26 07:30,00913,present,T001
                AA-AM,2026-10-27 07:30,00913,absent,T001
                """, into: database)
            try importCSV("assessments", "mrn,instrument,administered_on,score\n00913,GAD-7,2026-10-26,8", into: database)
        }

        @Test("a patient with a reassignment and a readmission, every line")
        func readmission() throws {
            let database = try TestDatabase()
            try readmittedPatient(database)
            let (console, recording) = Console.recording()
            try PatientHistory.show(target: database.target, mrn: "00913", day: "2026-10-31", console: console)
            // October: in care 10-01..10-19 (19 days) and 10-25..10-31 (7): 26 days.
            // Required: P-913 relapse prevention 1.5/week on its 19 days, P-913B 7/week
            // on 7 days: (28.5 + 49) / 7 = 11.07 → 11.1; attended 3 (late, left early,
            // present) → 3 / 11.0714 = 27.1 %. September: in care 09-15..09-30 (16 days),
            // P-913 from 09-16: 1.5 × 15 / 7 = 3.2 required, nothing attended.
            let shown = recording.output
            #expect(shown == """
                Patient 00913: Hale, Gus (male, born 1985-11-30), site NYC
                As of 2026-10-31

                Episodes
                  Admitted    Discharged  Level  Reason
                  2026-09-15  2026-10-20  3.7    completed
                  2026-10-25  (in care)   3.5

                Therapists
                  Role       Staff  Name         From        To (last day)
                  primary    T002   Okafor, Ben  2026-09-15  2026-10-19
                  secondary  T001   Reyes, Ana   2026-09-15  -
                  primary    T001   Reyes, Ana   2026-10-25  -

                Active plan P-913B: created 2026-10-25 by T001, last review 2026-10-28, next due 2026-11-11
                  Requires: twelve step 7/week
                  Goal  Domain         Target      Status  Description
                  G1    substance_use  2026-11-30  open    Daily meeting

                Adherence
                  Month           Days in care  Required  Attended  Absent  Excused  Adherence
                  2026-10-01..31            26      11.1         3       1        0      27.1%
                  2026-09                   16       3.2         0       0        0       0.0%

                Last 10 sessions
                  When              Group  Name                      Status
                  2026-10-27 07:30  AA-AM  Morning 12-step           absent
                  2026-10-26 07:30  AA-AM  Morning 12-step           present
                  2026-10-07 17:00  M-RP   Men's relapse prevention  left early
                  2026-10-05 07:30  AA-AM  Morning 12-step           late

                Last notes
                  none

                Assessments
                  GAD-7  12 (2026-09-16) → 8 (2026-10-26): change -4 since 2026-09-16

                Drug screens
                  Collected   Result    Substances
                  2026-09-20  positive  opioids, benzodiazepines

                Outcome measures (NOMs, TEDS codes: docs/teds.md)
                  Episode 2026-09-15 to 2026-10-20: nothing entered; self-help computed 2 1-3 times (1 meeting)

                """)
        }

        @Test("as JSON Lines: the same parts, each row with its section, numbers as numbers")
        func json() throws {
            let database = try TestDatabase()
            try readmittedPatient(database)
            let (console, recording) = Console.recording()
            try PatientHistory.show(target: database.target, mrn: "00913", day: "2026-10-31", format: .json, console: console)
            let lines = recording.output.split(separator: "\n").map(String.init)
            // The figures of the text test above, as a script reads them.
            #expect(lines.first == #"{"section":"patient","mrn":"00913","first_name":"Gus","last_name":"Hale","date_of_birth":"1985-11-30","gender":"male","site_code":"NYC","as_of":"2026-10-31"}"#)
            #expect(lines.contains(#"{"section":"adherence","from":"2026-10-01","until":"2026-11-01","days_in_care":26,"required_sessions":11.1,"attended":3,"absent":1,"excused":0,"adherence_pct":27.1}"#))
            #expect(lines.contains(#"{"section":"adherence","from":"2026-09-01","until":"2026-10-01","days_in_care":16,"required_sessions":3.2,"attended":0,"absent":0,"excused":0,"adherence_pct":0.0}"#))
            #expect(lines.contains(#"{"section":"drug_screen","collected_on":"2026-09-20","result":"positive","substances":"opioids, benzodiazepines"}"#))
            // The NOMs part: nothing entered; at the discharge, the self-help code computed
            // from the one mutual-help meeting (AA-AM, 2026-10-05) in the 30 days before it.
            #expect(lines.last == #"{"section":"measure","admitted_on":"2026-09-15","discharged_on":"2026-10-20","item":"self_help_frequency","#
                    + #""admission":null,"admission_label":null,"discharge":null,"discharge_label":null,"computed_self_help":2,"#
                    + #""computed_label":"1-3 times","meetings":1,"recorded":false}"#)
            var sections: [String: Int] = [:]
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                sections[object["section"] as? String ?? "?", default: 0] += 1
            }
            #expect(sections == ["patient": 1, "episode": 2, "therapist": 3, "plan": 1, "requirement": 1, "goal": 1,
                                 "adherence": 2, "session": 4, "assessment": 2, "drug_screen": 1, "measure": 1])
        }

        @Test("the patient's last individualized notes: their section's progress and goals, the note's state")
        func lastNotes() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let file = try NoteCommandTests.folder().appendingPathComponent("note.txt")
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            try NoteCommandTests.amFilled.write(to: file, atomically: true, encoding: .utf8)
            let (console, _) = Console.recording()
            try NoteOperation.save(target: database.target, file: file, by: "T001", console: console)
            func notes(_ mrn: String) throws -> [String] {
                let (console, recording) = Console.recording()
                try PatientHistory.show(target: database.target, mrn: mrn, day: "2026-10-31", console: console)
                let lines = recording.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let start = try #require(lines.firstIndex { $0.hasPrefix("Last ") && $0.contains("note") })
                return Array(lines[start...].prefix { !$0.isEmpty })
            }
            #expect(try notes("00912") == [
                "Last note (the whole section: carelog note show --group AA-AM --at \"2026-10-05 07:30\" --mrn 00912)",
                "  When              Group  Note   Goals  Progress",
                "  2026-10-05 07:30  AA-AM  draft  G1     Names two triggers; G1 on track",
            ])
            try NoteOperation.sign(target: database.target, groupCode: "AA-AM", startsAt: "2026-10-05 07:30", by: "T001", console: console)
            #expect(try notes("00913") == [
                "Last note (the whole section: carelog note show --group AA-AM --at \"2026-10-05 07:30\" --mrn 00913)",
                "  When              Group  Note    Goals  Progress",
                "  2026-10-05 07:30  AA-AM  signed         No change",
            ])
        }

        @Test("as of a day during the first stay: that plan, no later sessions, the month so far")
        func earlierDay() throws {
            let database = try TestDatabase()
            try readmittedPatient(database)
            let (console, recording) = Console.recording()
            try PatientHistory.show(target: database.target, mrn: "00913", day: "2026-10-06", console: console)
            let lines = recording.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // P-913 has no review: due 30 days after its creation.
            #expect(lines.contains("Active plan P-913: created 2026-09-16 by T002, no review yet, next due 2026-10-16"))
            #expect(lines.contains("  Requires: relapse prevention 1.5/week"))
            #expect(lines.contains("  G1    relapse  2026-10-15  met 2026-10-14  Identify triggers"))
            // 10-01..10-06: 6 days, 1.5 × 6 / 7 = 1.29 → 1.3 required; one attended (10-05).
            #expect(lines.contains("  2026-10-01..06             6       1.3         1       0        0      77.8%"))
            #expect(!recording.output.contains("2026-10-07 17:00"))
            #expect(lines.contains("  GAD-7  12 (2026-09-16)"))
        }

        @Test("a long assessment trend is broken before an arrow at 100 columns; an older history is marked …")
        func longTrend() {
            let days = ["2026-07-12", "2026-07-26", "2026-08-10", "2026-08-23", "2026-09-06", "2026-09-20", "2026-10-04"]
            let scores = ["14", "13", "12", "9", "8", "9", "5"]
            let lines = PatientHistory.trendLines(instrument: "GAD-7", series: Array(zip(days, scores)).map { (day: $0, score: $1) })
            // 9 columns of lead, "…", then six scores of 15 or 16 columns joined by " → ".
            #expect(lines == [
                "  GAD-7  … → 13 (2026-07-26) → 12 (2026-08-10) → 9 (2026-08-23) → 8 (2026-09-06) → 9 (2026-09-20)",
                "         → 5 (2026-10-04): change -9 since 2026-07-12",
            ])
            #expect(lines.allSatisfy { $0.count <= 100 })
            #expect(PatientHistory.trendLines(instrument: "PHQ-9", series: [(day: "2026-09-02", score: "18")])
                == ["  PHQ-9  18 (2026-09-02)"])
        }

        @Test("an unknown MRN is a usage error; one that lost its leading zeros names the stored one")
        func unknown() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let (console, _) = Console.recording()
            let dropped = #expect(throws: CarelogError.self) { try PatientHistory.show(target: database.target, mrn: "913", console: console) }
            #expect(dropped?.exitCode == 2)
            #expect(dropped?.message == "there is no patient with MRN \"913\"")
            #expect(dropped?.suggestion == "Did you mean 00913? MRNs keep their leading zeros; a spreadsheet may have dropped them.")
            let unknown = #expect(throws: CarelogError.self) { try PatientHistory.show(target: database.target, mrn: "77777", console: console) }
            #expect(unknown?.suggestion == "Check the MRN (with its leading zeros).")
            let badDay = #expect(throws: CarelogError.self) { try PatientHistory.show(target: database.target, mrn: "00913", day: "31.10.2026", console: console) }
            #expect(badDay?.exitCode == 2)
        }
    }
}
