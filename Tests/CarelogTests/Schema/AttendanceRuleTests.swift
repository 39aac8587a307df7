import Postgres
import Testing

// Attendance: every rule the schema enforces on it, proved from both sides
// (SchemaRuleFixture.swift builds the minimal valid world).

extension DatabaseTests {
    @Suite("schema rules: attendance")
    struct AttendanceRuleTests {
        @Test("one attendance per patient per session (attendance_one_per_patient_session)")
        func onePerPatientPerSession() throws {
            let world = try SchemaRuleWorld.build()
            let db = world.db
            // Reported by the monthly partition's constraint (sql/015): attendance_YYYY_MM_one_per_patient_session.
            let duplicate = expectPostgresError(.uniqueViolation) {
                try db.addAttendance(session: world.allSession, patient: world.female, recordedBy: world.therapist)
            }
            #expect(duplicate?.constraint?.wholeMatch(of: /attendance_\d{4}_\d{2}_one_per_patient_session/) != nil)
            try db.addAttendance(session: world.allSession, patient: world.male, recordedBy: world.therapist)
            try db.addAttendance(session: world.womensSession, patient: world.female, recordedBy: world.therapist)
            #expect(try db.count("""
                SELECT count(*) FROM carelog.attendance WHERE session_id = \(world.allSession) AND patient_id = \(world.female)
                """) == 1)
            #expect(try db.count("SELECT count(*) FROM carelog.attendance") == 3)
        }

        @Test("attendance only for a patient in care on the session's site-local date (attendance_patient_in_care)")
        func patientInCareOnLocalDate() throws {
            let world = try SchemaRuleWorld.build()
            let db = world.db
            // Saturday 2026-10-31 23:30 in New York (EDT) is already 2026-11-01 in UTC.
            let session = try db.addSession(group: world.allGroup, startsAt: "2026-11-01T03:30:00Z",
                                            facilitator: world.therapist)
            #expect(try db.scalar("""
                SELECT carelog.site_local_date(s.starts_at, st.timezone)::text AS local_date
                  FROM carelog.group_session s
                  JOIN carelog.care_group g ON g.id = s.group_id
                  JOIN carelog.site st ON st.id = g.site_id
                 WHERE s.id = \(session)
                """) == "2026-10-31")

            let leavesNextDay = try db.addPatient(mrn: "AT-LEAVES-1101", gender: "female")
            try db.addEpisode(leavesNextDay, admitted: "2026-06-01", discharged: "2026-11-01", reason: "completed")
            let admittedNextDay = try db.addPatient(mrn: "AT-ADMIT-1101", gender: "male")
            try db.addEpisode(admittedNextDay, admitted: "2026-11-01")
            let admittedThatDay = try db.addPatient(mrn: "AT-ADMIT-1031", gender: "male")
            try db.addEpisode(admittedThatDay, admitted: "2026-10-31")
            // Discharged earlier on the session's own day: the discharge day is not in care.
            let dischargedThatDay = try db.addPatient(mrn: "AT-LEFT-1031", gender: "unknown")
            try db.addEpisode(dischargedThatDay, admitted: "2026-06-01", discharged: "2026-10-31", reason: "completed")

            try db.addAttendance(session: session, patient: leavesNextDay, recordedBy: world.therapist)
            try db.addAttendance(session: session, patient: admittedThatDay, recordedBy: world.therapist)
            expectPostgresError(.checkViolation, constraint: "attendance_patient_in_care") {
                try db.addAttendance(session: session, patient: admittedNextDay, recordedBy: world.therapist)
            }
            expectPostgresError(.checkViolation, constraint: "attendance_patient_in_care") {
                try db.addAttendance(session: session, patient: dischargedThatDay, recordedBy: world.therapist)
            }
            #expect(try db.count("SELECT count(*) FROM carelog.attendance WHERE session_id = \(session)") == 2)
        }

        @Test("attendance only for a held session (attendance_session_held)")
        func sessionHeld() throws {
            let world = try SchemaRuleWorld.build()
            let db = world.db
            expectPostgresError(.checkViolation, constraint: "attendance_session_held") {
                try db.addAttendance(session: world.cancelledSession, patient: world.male, recordedBy: world.therapist)
            }
            try db.addAttendance(session: world.allSession, patient: world.male, recordedBy: world.therapist)
            #expect(try db.count("SELECT count(*) FROM carelog.attendance WHERE patient_id = \(world.male)") == 1)
        }

        @Test("the group's gender focus admits the patient (attendance_gender_focus)")
        func genderFocus() throws {
            let world = try SchemaRuleWorld.build()
            let db = world.db
            expectPostgresError(.checkViolation, constraint: "attendance_gender_focus") {
                try db.addAttendance(session: world.womensSession, patient: world.male, recordedBy: world.therapist)
            }
            try db.addAttendance(session: world.womensSession, patient: world.female, recordedBy: world.therapist)
            try db.addAttendance(session: world.allSession, patient: world.nonbinary, recordedBy: world.therapist)
            expectPostgresError(.checkViolation, constraint: "attendance_gender_focus") {
                try db.addAttendance(session: world.mensSession, patient: world.nonbinary, recordedBy: world.therapist)
            }
            try db.addAttendance(session: world.mensSession, patient: world.male, recordedBy: world.therapist)
            #expect(try db.count("SELECT count(*) FROM carelog.attendance WHERE session_id = \(world.womensSession)") == 1)
            #expect(try db.count("SELECT count(*) FROM carelog.attendance WHERE session_id = \(world.mensSession)") == 1)
            #expect(try db.count("SELECT count(*) FROM carelog.attendance WHERE patient_id = \(world.nonbinary)") == 1)
        }

        @Test("a discharge that leaves recorded attendance uncovered is refused")
        func episodeGuard() throws {
            let world = try SchemaRuleWorld.build()
            let db = world.db
            // The female patient attended the 'all' group on 2026-03-02, New York time.
            let error = expectPostgresError(.checkViolation, constraint: "attendance_patient_in_care") {
                try db.connection.query("""
                    UPDATE carelog.episode SET discharged_on = \("2026-03-02"), discharge_reason = \("completed")
                     WHERE id = \(world.femaleEpisode)
                    """)
            }
            #expect(error?.message.hasPrefix("this change to episode would invalidate recorded attendance") == true)
            let accepted = try db.connection.query("""
                UPDATE carelog.episode SET discharged_on = \("2026-03-03"), discharge_reason = \("completed")
                 WHERE id = \(world.femaleEpisode)
                """)
            #expect(accepted.affectedRows == 1)
        }

        @Test("a session with attendance cannot be cancelled")
        func sessionGuard() throws {
            let world = try SchemaRuleWorld.build()
            let db = world.db
            let error = expectPostgresError(.checkViolation, constraint: "attendance_session_held") {
                try db.connection.query("UPDATE carelog.group_session SET status = 'cancelled' WHERE id = \(world.allSession)")
            }
            #expect(error?.message.hasPrefix("this change to group_session would invalidate recorded attendance") == true)
            #expect(try db.scalar("SELECT status FROM carelog.group_session WHERE id = \(world.allSession)") == "held")
            let accepted = try db.connection.query(
                "UPDATE carelog.group_session SET status = 'cancelled' WHERE id = \(world.womensSession)")
            #expect(accepted.affectedRows == 1)
        }

        @Test("a gender change that breaks a women's-group attendance is refused")
        func patientGenderGuard() throws {
            let world = try SchemaRuleWorld.build()
            let db = world.db
            try db.addAttendance(session: world.womensSession, patient: world.female, recordedBy: world.therapist)
            try db.addAttendance(session: world.allSession, patient: world.male, recordedBy: world.therapist)
            let error = expectPostgresError(.checkViolation, constraint: "attendance_gender_focus") {
                try db.connection.query("UPDATE carelog.patient SET gender = 'nonbinary' WHERE id = \(world.female)")
            }
            #expect(error?.message.hasPrefix("this change to patient would invalidate recorded attendance") == true)
            #expect(try db.scalar("SELECT gender FROM carelog.patient WHERE id = \(world.female)") == "female")
            // The male patient attended only the group for all: his change breaks nothing.
            let accepted = try db.connection.query(
                "UPDATE carelog.patient SET gender = 'nonbinary' WHERE id = \(world.male)")
            #expect(accepted.affectedRows == 1)
        }

        @Test("attendance refers to an existing session (attendance_session_id_fkey)")
        func sessionForeignKey() throws {
            let world = try SchemaRuleWorld.build()
            let db = world.db
            let missing: Int64 = 1_000_000
            #expect(try db.count("SELECT count(*) FROM carelog.group_session WHERE id = \(missing)") == 0)
            expectPostgresError(.foreignKeyViolation, constraint: "attendance_session_id_fkey") {
                try db.addAttendance(session: missing, patient: world.male, recordedBy: world.therapist)
            }
            try db.addAttendance(session: world.allSession, patient: world.male, recordedBy: world.therapist)
            #expect(try db.count("SELECT count(*) FROM carelog.attendance") == 2)
        }
    }
}
