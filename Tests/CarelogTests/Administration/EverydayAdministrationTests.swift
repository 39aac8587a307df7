import Foundation
import Testing

/// `carelog patient admit|discharge`, `group enroll|unenroll`, `session schedule` and
/// `staff add` through the binary on the import fixture (ImportFixture): 00912 Fay Moss
/// in care since 2026-09-01 (present at AA-AM 2026-10-05 07:30, enrolled in W-PROC from
/// 2026-09-05); 00913 Gus Hale discharged on 2026-10-20, enrolled in M-RP 2026-09-16 to
/// 2026-10-19 (left early on 2026-10-07); W-PROC (facilitator T002) has a 90-minute
/// session on Monday 2026-10-05 18:00; M-RP has no facilitator.
extension DatabaseTests {
    @Suite("everyday administration without a CSV")
    struct EverydayAdministrationTests {
        private func run(_ database: TestDatabase, _ arguments: [String]) throws -> CarelogBinary.Result {
            try CarelogBinary.run(arguments + ["--by", "D001", "-q"] + database.databaseArguments)
        }

        @Test("admit and discharge: one open episode, the discharge after the last attendance, audited as the director")
        func episodes() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let owner = try database.connect()

            let badLevel = try run(database, ["patient", "admit", "00913", "--on", "2026-10-25", "--level", "9"])
            #expect(badLevel.status == 3, "\(badLevel)")
            #expect(badLevel.error == """
                carelog: error: nothing was recorded for the admission of 00913: 1 problem
                00913 (--level): is not one of: 1.0, 2.1, 2.5, 3.1, 3.3, 3.5, 3.7, 4.0
                Correct those patients or options and run the command again; nothing was recorded.

                """)
            let admitted = try run(database, ["patient", "admit", "00913", "--on", "2026-10-25", "--level", "3.5"])
            #expect(admitted.status == 0, "\(admitted)")
            #expect(admitted.output == "00913 admitted on 2026-10-25, level of care 3.5\n")
            #expect(try owner.scalar("""
                SELECT string_agg(e.admitted_on || ' ' || e.level_of_care || ' ' || coalesce(e.discharged_on::text, '-'), '; ' ORDER BY e.admitted_on)
                  FROM carelog.episode e JOIN carelog.patient p ON p.id = e.patient_id WHERE p.mrn = '00913'
                """) == "2026-09-15 3.7 2026-10-20; 2026-10-25 3.5 -")
            #expect(try owner.scalar("""
                SELECT acting_staff || ' ' || operation || ' ' || row_count FROM carelog.audit_batch
                 WHERE table_name = 'episode' ORDER BY id DESC LIMIT 1
                """) == "D001 INSERT 1")

            let again = try run(database, ["patient", "admit", "00913", "--on", "2026-10-26", "--level", "3.5"])
            #expect(again.status == 3)
            #expect(again.error == """
                carelog: error: 00913 is in care already: admitted on 2026-10-25, not discharged
                Discharge the open episode first (carelog patient discharge 00913 --on DATE --reason REASON); nothing was written.

                """)
            let inCare = try run(database, ["patient", "admit", "00914", "--level", "3.5"])
            #expect(inCare.status == 3)
            #expect(inCare.error.hasPrefix("carelog: error: 00914 is in care already: admitted on 2026-10-01, not discharged\n"))

            // The discharge day is not in care: 00912 attended on 2026-10-05.
            let early = try run(database, ["patient", "discharge", "00912", "--on", "2026-10-05", "--reason", "completed"])
            #expect(early.status == 3, "\(early)")
            #expect(early.error.hasPrefix("carelog: error: nothing was recorded for the discharge of 00912: 1 problem\n00912: "))
            #expect(early.error.contains("attendance can only be recorded for a patient in care on the day of the session"))
            let wrongReason = try run(database, ["patient", "discharge", "00912", "--on", "2026-10-06", "--reason", "bored"])
            #expect(wrongReason.status == 3)
            #expect(wrongReason.error.contains("\n00912 (--reason): is not one of: completed, left_against_advice,"))
            let discharged = try run(database, ["patient", "discharge", "00912", "--on", "2026-10-06", "--reason", "completed"])
            #expect(discharged.status == 0, "\(discharged)")
            #expect(discharged.output == "00912 discharged on 2026-10-06 (completed), admitted on 2026-09-01\n")
            #expect(try owner.scalar("""
                SELECT e.discharged_on || ' ' || e.discharge_reason FROM carelog.episode e JOIN carelog.patient p ON p.id = e.patient_id
                 WHERE p.mrn = '00912'
                """) == "2026-10-06 completed")
            let twice = try run(database, ["patient", "discharge", "00912", "--on", "2026-10-07", "--reason", "completed"])
            #expect(twice.status == 3)
            #expect(twice.error.hasPrefix("carelog: error: 00912 is not in care: no open episode to discharge\n"))
            let dropped = try run(database, ["patient", "discharge", "912", "--reason", "completed"])
            #expect(dropped.status == 2)
            #expect(dropped.error == """
                carelog: error: there is no patient with MRN "912"
                Did you mean 00912? MRNs keep their leading zeros; a spreadsheet may have dropped them.

                """)
            let badDate = try run(database, ["patient", "admit", "00913", "--on", "2026-02-30", "--level", "3.5"])
            #expect(badDate.status == 2)
            #expect(badDate.error.hasPrefix("carelog: error: --on \"2026-02-30\" is not a date like 2026-10-05\n"))
        }

        @Test("enroll (MRNs by spaces or commas) and unenroll on a last day, with the enrollment rules of the import")
        func enrollments() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let owner = try database.connect()
            func enrolled(_ group: String) throws -> String? {
                try owner.scalar("""
                    SELECT string_agg(p.mrn || ' ' || en.starts_on || '..' || coalesce(en.ends_on::text, ''), '; ' ORDER BY p.mrn, en.starts_on)
                      FROM carelog.group_enrollment en JOIN carelog.care_group g ON g.id = en.group_id
                      JOIN carelog.patient p ON p.id = en.patient_id WHERE g.group_code = \(group)
                    """)
            }
            let enroll = try run(database, ["group", "enroll", "--group", "M-RP", "--from", "2026-10-20", "00913,00912"])
            #expect(enroll.status == 0, "\(enroll)")
            #expect(enroll.output == "M-RP from 2026-10-20: 2 enrolled, 0 enrolled already\n")
            #expect(try enrolled("M-RP") == "00912 2026-10-20..; 00913 2026-09-16..2026-10-19; 00913 2026-10-20..")
            let again = try run(database, ["group", "enroll", "--group", "M-RP", "--from", "2026-10-20", "00913"])
            #expect(again.output == "M-RP from 2026-10-20: 0 enrolled, 1 enrolled already\n", "\(again)")
            // 00912 is in W-PROC from 2026-09-05 with no end: a second enrollment overlaps.
            let overlap = try run(database, ["group", "enroll", "--group", "W-PROC", "--from", "2026-10-10", "00912"])
            #expect(overlap.status == 3, "\(overlap)")
            #expect(overlap.error.hasPrefix("carelog: error: nothing was recorded for the enrollment in W-PROC: 1 problem\n00912"))

            // 00913 left M-RP early on 2026-10-07: a last day before it is refused.
            let tooEarly = try run(database, ["group", "unenroll", "--group", "M-RP", "00913", "--last-day", "2026-10-06"])
            #expect(tooEarly.status == 3, "\(tooEarly)")
            let unenroll = try run(database, ["group", "unenroll", "--group", "M-RP", "00913", "--last-day", "2026-10-07"])
            #expect(unenroll.status == 0, "\(unenroll)")
            #expect(unenroll.output == "00913 leaves M-RP: enrolled from 2026-09-16, last day 2026-10-07\n")
            #expect(try enrolled("M-RP") == "00912 2026-10-20..; 00913 2026-09-16..2026-10-07; 00913 2026-10-20..")
            let notThere = try run(database, ["group", "unenroll", "--group", "M-RP", "00912", "--last-day", "2026-09-01"])
            #expect(notThere.status == 3)
            #expect(notThere.error.hasPrefix("carelog: error: 00912 is not enrolled in M-RP on 2026-09-01\n"))
            let noGroup = try run(database, ["group", "enroll", "--group", "M-PR", "00913"])
            #expect(noGroup.status == 2)
            #expect(noGroup.error.hasPrefix("carelog: error: there is no group \"M-PR\"\n"))
        }

        @Test("schedule: every matching day, a session already there left alone, a year at most")
        func schedule() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let owner = try database.connect()
            // October 2026 begins on a Thursday: Mondays 5 and 12, Wednesdays 7 and 14.
            let scheduled = try run(database, ["session", "schedule", "--group", "W-PROC", "--weekly", "Mon,Wed 18:00",
                                               "--from", "2026-10-01", "--to", "2026-10-14"])
            #expect(scheduled.status == 0, "\(scheduled)")
            #expect(scheduled.output == "W-PROC from 2026-10-01 to 2026-10-14: 3 sessions scheduled, 0 changed, 1 on the schedule already (facilitator T002)\n")
            #expect(try owner.scalar("""
                SELECT string_agg(to_char(s.starts_at AT TIME ZONE 'America/New_York', 'Dy DD HH24:MI') || ' ' || s.duration_minutes
                                  || ' ' || f.staff_id || ' ' || s.status, '; ' ORDER BY s.starts_at)
                  FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id JOIN carelog.staff f ON f.id = s.facilitator_id
                 WHERE g.group_code = 'W-PROC'
                """) == "Mon 05 18:00 90 T002 held; Wed 07 18:00 60 T002 held; Mon 12 18:00 60 T002 held; Wed 14 18:00 60 T002 held")
            let twice = try run(database, ["session", "schedule", "--group", "W-PROC", "--weekly", "mon,wed 18:00",
                                           "--from", "2026-10-01", "--to", "2026-10-14"])
            #expect(twice.output.hasSuffix(": 0 sessions scheduled, 0 changed, 4 on the schedule already (facilitator T002)\n"), "\(twice)")
            // Weekdays and a Saturday, two patterns; M-RP has no facilitator of its own.
            let noLeader = try run(database, ["session", "schedule", "--group", "M-RP", "--weekly", "Mon-Fri 07:00", "--weekly", "Sat 10:00",
                                              "--from", "2026-11-02", "--to", "2026-11-08"])
            #expect(noLeader.status == 0, "\(noLeader)")
            #expect(noLeader.output == "M-RP from 2026-11-02 to 2026-11-08: 6 sessions scheduled, 0 changed, 0 on the schedule already (facilitator D001)\n")
            for (weekly, from, to, message) in [
                ("Mon-Fry 07:00", "2026-11-02", "2026-11-08", "--weekly \"Mon-Fry 07:00\" is not days and a time like \"Mon,Wed 09:30\""),
                ("Mon 7:5", "2026-11-02", "2026-11-08", "--weekly \"Mon 7:5\" is not days and a time like \"Mon,Wed 09:30\""),
                ("Mon 07:00", "2026-11-02", "2027-11-03", "--from 2026-11-02 --to 2027-11-03 spans more than a year"),
                ("Mon 07:00", "2026-11-08", "2026-11-02", "--to 2026-11-02 is before --from 2026-11-08"),
                ("Sun 07:00", "2026-11-02", "2026-11-07", "no day from 2026-11-02 to 2026-11-07 falls on Sun 07:00"),
            ] {
                let refused = try run(database, ["session", "schedule", "--group", "M-RP", "--weekly", weekly, "--from", from, "--to", to])
                #expect(refused.status == 2, "\(refused)")
                #expect(refused.error.hasPrefix("carelog: error: \(message)\n"), "\(refused)")
            }
            let unknownLeader = try run(database, ["session", "schedule", "--group", "M-RP", "--weekly", "Mon 07:00",
                                                   "--from", "2026-11-09", "--to", "2026-11-09", "--facilitator", "T999"])
            #expect(unknownLeader.status == 2)
            #expect(unknownLeader.error.hasPrefix("carelog: error: there is no staff ID \"T999\"\n"))
        }

        @Test("staff add: a new member as the staff import takes it; an existing ID refused")
        func staff() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let owner = try database.connect()
            let added = try run(database, ["staff", "add", "T003", "--first-name", "Cy", "--last-name", "Diaz", "--role", "Therapist",
                                           "--credentials", "LPC", "--site", "NYC"])
            #expect(added.status == 0, "\(added)")
            #expect(added.output == "T003 Cy Diaz added: Therapist at NYC (LPC)\n")
            #expect(try owner.scalar("""
                SELECT s.first_name || ' ' || s.last_name || ' ' || s.role || ' ' || s.credentials || ' ' || st.site_code || ' ' || s.active
                  FROM carelog.staff s JOIN carelog.site st ON st.id = s.site_id WHERE s.staff_id = 'T003'
                """) == "Cy Diaz therapist LPC NYC true")
            let again = try run(database, ["staff", "add", "T003", "--first-name", "Cy", "--last-name", "Diaz", "--role", "therapist", "--site", "NYC"])
            #expect(again.status == 3)
            #expect(again.error.hasPrefix("carelog: error: staff ID \"T003\" exists already\n"))
            let badSite = try run(database, ["staff", "add", "T004", "--first-name", "Cy", "--last-name", "Diaz", "--role", "therapist", "--site", "SFO"])
            #expect(badSite.status == 3, "\(badSite)")
            #expect(badSite.error.contains("\nT004 (--site): "), "\(badSite)")
            #expect(try owner.scalar("SELECT count(*) FROM carelog.staff WHERE staff_id = 'T004'") == "0")
        }
    }
}
