import Carelog
import Foundation
import Postgres
import Testing

/// NOMs at admission and discharge (sql/022, docs/teds.md): the code lists the
/// database holds every writer to, `import measures`, the self-help attendance
/// computed at discharge and who reads the measures.
///
/// On the import fixture: 00913 (NYC) was admitted 2026-09-15 and discharged
/// 2026-10-20; it attended AA-AM (twelve_step) on 2026-10-05 (late) and M-RP
/// (relapse_prevention) on 2026-10-07 (left early). The 30 days before its discharge
/// are 2026-09-20 (day −30) … 2026-10-19.
extension DatabaseTests {
    @Suite("outcome measures: codes, import, computed self-help")
    struct MeasureTests {
        static let header = "mrn,admitted_on,time_point,primary_substance,route,use_frequency,employment,living_arrangement,arrests,self_help_frequency"

        @Test("every item refuses a code outside its TEDS list, for the superuser, the owner and a director; -9 is accepted")
        func databaseRefusesBadCodes() throws {
            let fixture = try AccessFixture()
            let superuser = try fixture.database.connect()
            defer { superuser.close() }
            let owner = try fixture.database.connect()
            defer { owner.close() }
            try owner.query("SET ROLE carelog_owner")
            let director = try fixture.connect(as: fixture.director)
            defer { director.close() }
            try director.query("SELECT set_config('carelog.acting_staff', 'D001', false)")
            let episode = try #require(try superuser.scalar("""
                SELECT e.id FROM carelog.episode e JOIN carelog.patient p ON p.id = e.patient_id WHERE p.mrn = '00912'
                """))
            let patient = try #require(try superuser.scalar("SELECT id FROM carelog.patient WHERE mrn = '00912'"))
            // A value outside each list, worked out from docs/teds.md.
            let bad: [(String, String)] = [
                ("primary_substance", "20"), ("secondary_substance", "0"), ("tertiary_substance", "-1"), ("route", "6"),
                ("use_frequency", "4"), ("age_at_first_use", "97"), ("employment", "5"), ("living_arrangement", "0"),
                ("arrests", "3"), ("prior_treatment_episodes", "6"), ("referral_source", "8"), ("moud", "3"),
                ("self_help_frequency", "0"),
            ]
            #expect(bad.map(\.0) == TEDSCodes.items.map(\.column))
            for (name, connection) in [("superuser", superuser), ("owner", owner), ("director", director)] {
                for (column, value) in bad {
                    let error = expectPostgresError(.checkViolation, constraint: "outcome_measure_\(column)_check") {
                        try connection.query(SQLQuery(unsafeSQL: """
                            INSERT INTO carelog.outcome_measure (episode_id, patient_id, time_point, \(column))
                            VALUES (\(episode), \(patient), 'admission', \(value))
                            """))
                    }
                    #expect(error != nil, "\(name) wrote \(column) = \(value)")
                }
                _ = expectPostgresError(.checkViolation, constraint: "outcome_measure_time_point_check") {
                    try connection.query(SQLQuery(unsafeSQL: """
                        INSERT INTO carelog.outcome_measure (episode_id, patient_id, time_point) VALUES (\(episode), \(patient), 'intake')
                        """))
                }
                // A measure of another patient's episode: the pair must agree.
                _ = expectPostgresError(.foreignKeyViolation, constraint: "outcome_measure_episode_fkey") {
                    try connection.query(SQLQuery(unsafeSQL: """
                        INSERT INTO carelog.outcome_measure (episode_id, patient_id, time_point)
                        SELECT \(episode), id, 'admission' FROM carelog.patient WHERE mrn = '00916'
                        """))
                }
            }
            let unknowns = TEDSCodes.items.map(\.column)
            try director.query(SQLQuery(unsafeSQL: """
                INSERT INTO carelog.outcome_measure (episode_id, patient_id, time_point, \(unknowns.joined(separator: ", ")))
                VALUES (\(episode), \(patient), 'admission', \(unknowns.map { _ in "-9" }.joined(separator: ", ")))
                """))
            #expect(try superuser.scalar("SELECT count(*) FROM carelog.outcome_measure") == "1")
            // Recorded in the audit trail with the acting staff member.
            #expect(try superuser.scalar("""
                SELECT count(*) FROM carelog.audit_event WHERE table_name = 'outcome_measure' AND operation = 'INSERT'
                """) == "1")
        }

        @Test("the database's code lists, carelog.teds_code and the import's lists agree")
        func listsAgree() throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            defer { connection.close() }
            for item in TEDSCodes.items where item.list != "age" {
                let stored = try connection.query(SQLQuery(unsafeSQL: "SELECT code FROM carelog.teds_code WHERE item = $1 ORDER BY code",
                                                           parameters: [item.list]))
                    .map { Int(try $0.decode("code", as: String.self))! }
                #expect(stored == item.codes.sorted(), "\(item.column)")
            }
            #expect(try connection.scalar("SELECT count(*) FROM carelog.teds_code") == "67")  // 20 + 6 + 4 + 5 + 4 + 4 + 7 + 8 + 3 + 6
        }

        @Test("import measures names line and column of every problem and writes nothing")
        func importProblems() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let problems = refusedImport("measures", """
                \(Self.header)
                00912,2026-09-01,admission,20,1,3,3,2,0,1
                00912,2026-09-02,admission,2,1,3,3,2,0,1
                00912,2026-09-01,discharge,2,1,3,3,2,0,1
                00913,2026-09-15,midway,2,1,3,3,2,0,1
                00914,2026-10-01,admission,x,1,3,3,4,-9,6
                """, into: database)
            #expect(problems == [
                "line 2, column primary_substance, value \"20\": is not a TEDS code of this item: one of 1–19, -9",
                "line 3, column admitted_on, value \"2026-09-02\": no episode of this patient was admitted on this day (import the episode first)",
                "line 4, column time_point, value \"discharge\": is discharge, but this episode has no discharge (import the discharge first)",
                "line 5, column time_point, value \"midway\": is not one of: admission, discharge",
                "line 6, column primary_substance, value \"x\": is not a whole number",
                "line 6, column living_arrangement, value \"4\": is not a TEDS code of this item: one of 1–3, -9",
                "line 6, column self_help_frequency, value \"6\": is not a TEDS code of this item: one of 1–5, -9",
            ])
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.scalar("SELECT count(*) FROM carelog.outcome_measure") == "0")

            let good = """
                \(Self.header)
                00912,2026-09-01,admission,2,1,3,3,2,0,1
                00913,2026-09-15,admission,5,4,3,3,1,1,-9
                00913,2026-09-15,discharge,5,,1,2,2,0,2
                """
            let first = try importCSV("measures", good, into: database)
            #expect(first.inserted == 3)
            let again = try importCSV("measures", good, into: database)
            #expect(again.inserted == 0 && again.updated == 0)
            #expect(try connection.scalar("""
                SELECT string_agg(p.mrn || ' ' || m.time_point || ' ' || coalesce(m.route::text, 'null') || ' ' || m.self_help_frequency, '; '
                                  ORDER BY p.mrn, m.time_point)
                  FROM carelog.outcome_measure m JOIN carelog.patient p ON p.id = m.patient_id
                """) == "00912 admission 1 1; 00913 admission 4 -9; 00913 discharge null 2")
        }

        /// 00913's self-help meetings in the 30 days before its discharge and their
        /// TEDS code, as `patient show` and the reports read them.
        static func computed(_ connection: Connection) throws -> String? {
            try connection.scalar("""
                SELECT m || ' ' || carelog.teds_self_help_code(m)
                  FROM (SELECT carelog.self_help_meetings(p.id, DATE '2026-10-20') AS m FROM carelog.patient p WHERE p.mrn = '00913') x
                """)
        }

        @Test("computed self-help: day −30 counts and −31 does not; absent, excused and non-mutual-help groups do not; codes at 0, 1, 3, 4, 7, 8")
        func computedSelfHelp() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let connection = try database.connect()
            defer { connection.close() }
            // No meeting: 00912 before any attendance.
            #expect(try connection.scalar("""
                SELECT m || ' ' || carelog.teds_self_help_code(m)
                  FROM (SELECT carelog.self_help_meetings(p.id, DATE '2026-09-30') AS m FROM carelog.patient p WHERE p.mrn = '00912') x
                """) == "0 1")
            // The fixture: AA-AM 10-05 late counts, M-RP (relapse prevention) does not.
            #expect(try Self.computed(connection) == "1 2")

            func meeting(_ day: String, _ status: String) throws {
                try importCSV("sessions", "group_code,starts_at,duration_minutes,facilitator,status\nAA-AM,\(day) 12:00,60,T001,held", into: database)
                try importCSV("attendance", "group_code,starts_at,mrn,status,recorded_by\nAA-AM,\(day) 12:00,00913,\(status),T001", into: database)
            }
            try meeting("2026-09-19", "present")      // day −31
            #expect(try Self.computed(connection) == "1 2")
            try meeting("2026-09-20", "present")      // day −30
            #expect(try Self.computed(connection) == "2 2")
            try meeting("2026-09-21", "absent")
            try meeting("2026-09-22", "excused")
            #expect(try Self.computed(connection) == "2 2")
            try meeting("2026-09-23", "left_early")
            #expect(try Self.computed(connection) == "3 2")
            try meeting("2026-09-24", "present")
            #expect(try Self.computed(connection) == "4 3")
            try meeting("2026-09-25", "present")
            try meeting("2026-09-26", "late")
            try meeting("2026-09-27", "present")
            #expect(try Self.computed(connection) == "7 3")
            try meeting("2026-10-19", "present")      // the last day in care
            #expect(try Self.computed(connection) == "8 4")
            // A modality marked mutual help counts: M-RP 10-07 (left early).
            try connection.query("UPDATE carelog.modality SET mutual_help = true WHERE code = 'relapse_prevention'")
            #expect(try Self.computed(connection) == "9 4")
            // twelve_step cannot be unmarked.
            _ = expectPostgresError(.checkViolation, constraint: "modality_twelve_step_mutual_help") {
                try connection.query("UPDATE carelog.modality SET mutual_help = false WHERE code = 'twelve_step'")
            }

            // patient show: the computed code beside the entered one when they differ.
            try importCSV("measures", """
                \(Self.header)
                00913,2026-09-15,admission,5,4,3,3,1,1,1
                00913,2026-09-15,discharge,5,,1,2,2,0,2
                """, into: database)
            let (console, recording) = Console.recording()
            try PatientHistory.show(target: database.target, mrn: "00913", day: "2026-10-31", console: console)
            let text = recording.output
            let section = text[text.range(of: "Outcome measures")!.lowerBound...]
            #expect(String(section) == """
                Outcome measures (NOMs, TEDS codes: docs/teds.md)
                  Episode 2026-09-15 to 2026-10-20
                    Item                      Admission        Discharge
                    primary substance         5 Heroin         5 Heroin
                    secondary substance       -                -
                    tertiary substance        -                -
                    route                     4 Injection      -
                    use frequency             3 Daily use      1 No use in the past month
                    age at first use          -                -
                    employment                3 Unemployed     2 Part-time
                    living arrangement        1 Homeless       2 Dependent living
                    arrests                   1 Once           0 None
                    prior treatment episodes  -                -
                    referral source           -                -
                    moud                      -                -
                    self help frequency       1 No attendance  4 8-30 times (computed: 9 meetings); entered 2

                """)
        }

        @Test("a therapist reads the measures of their caseload only, an auditor all; neither writes")
        func access() throws {
            let fixture = try AccessFixture()
            try importCSV("measures", """
                \(Self.header)
                00912,2026-09-01,admission,2,1,3,3,2,0,1
                00913,2026-09-15,admission,5,4,3,3,1,1,1
                00914,2026-10-01,admission,4,2,2,1,3,0,1
                00915,2026-09-01,admission,2,1,3,3,2,0,1
                """, into: fixture.database)
            func visible(_ login: String) throws -> String? {
                let connection = try fixture.connect(as: login)
                defer { connection.close() }
                return try connection.scalar("""
                    SELECT coalesce(string_agg(p.mrn, ',' ORDER BY p.mrn), '') FROM carelog.outcome_measure m
                      JOIN carelog.patient p ON p.id = m.patient_id
                    """)
            }
            // T001: 00912 (primary), 00913 (secondary). T003: 00913, 00914, 00915.
            // D002 is limited to LAX: 00914, 00915.
            #expect(try visible(fixture.therapist) == "00912,00913")
            #expect(try visible(fixture.otherTherapist) == "00913,00914,00915")
            #expect(try visible(fixture.siteDirector) == "00914,00915")
            #expect(try visible(fixture.auditor) == "00912,00913,00914,00915")
            for login in [fixture.therapist, fixture.auditor] {
                let connection = try fixture.connect(as: login)
                defer { connection.close() }
                _ = expectPostgresError(.insufficientPrivilege) {
                    try connection.query("UPDATE carelog.outcome_measure SET arrests = 0")
                }
            }
        }
    }
}
