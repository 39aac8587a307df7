import Postgres
import Testing

// Every rule that sql/001_schema.sql enforces, proved from both sides: the violating
// row is refused with the exact SQLSTATE and constraint name, and the closest valid
// row is accepted. Each test starts from the minimal valid world below, in a fresh
// database of its own.

extension DatabaseTests {
    @Suite("schema rules: episodes of care and therapist assignments")
    struct EpisodeRuleTests {
        @Test("an episode cannot end before it began; a same-day stay can (episode_dates_check)")
        func dischargeBeforeAdmission() throws {
            let db = try SchemaRuleWorld.build().db
            let patient = try db.addPatient(mrn: "EP-DATES", gender: "female")
            expectPostgresError(.checkViolation, constraint: "episode_dates_check") {
                try db.addEpisode(patient, admitted: "2026-05-10", discharged: "2026-05-09", reason: "completed")
            }
            try db.addEpisode(patient, admitted: "2026-05-10", discharged: "2026-05-10", reason: "completed")
            #expect(try db.count("SELECT count(*) FROM carelog.episode WHERE patient_id = \(patient)") == 1)
        }

        @Test("a discharge has a reason and a reason has a discharge (episode_discharge_reason_presence)")
        func dischargeReasonPresence() throws {
            let db = try SchemaRuleWorld.build().db
            let patient = try db.addPatient(mrn: "EP-REASON", gender: "male")
            expectPostgresError(.checkViolation, constraint: "episode_discharge_reason_presence") {
                try db.addEpisode(patient, admitted: "2026-05-01", discharged: "2026-05-20", reason: nil)
            }
            expectPostgresError(.checkViolation, constraint: "episode_discharge_reason_presence") {
                try db.addEpisode(patient, admitted: "2026-05-01", discharged: nil, reason: "completed")
            }
            try db.addEpisode(patient, admitted: "2026-05-01", discharged: "2026-05-20", reason: "completed")
            try db.addEpisode(patient, admitted: "2026-05-20", discharged: nil, reason: nil)
            #expect(try db.count("SELECT count(*) FROM carelog.episode WHERE patient_id = \(patient)") == 2)
        }

        @Test("a patient has at most one open episode (episode_one_open_per_patient)")
        func oneOpenEpisode() throws {
            let db = try SchemaRuleWorld.build().db
            let patient = try db.addPatient(mrn: "EP-OPEN", gender: "nonbinary")
            let first = try db.addEpisode(patient, admitted: "2026-02-01")
            expectPostgresError(.uniqueViolation, constraint: "episode_one_open_per_patient") {
                try db.addEpisode(patient, admitted: "2026-06-01")
            }
            let discharged = try db.connection.query("""
                UPDATE carelog.episode SET discharged_on = \("2026-06-01"), discharge_reason = \("transferred")
                 WHERE id = \(first)
                """)
            #expect(discharged.affectedRows == 1)
            try db.addEpisode(patient, admitted: "2026-06-01")
            #expect(try db.count("SELECT count(*) FROM carelog.episode WHERE patient_id = \(patient)") == 2)
        }

        @Test("episodes of a patient do not overlap; a readmission on the discharge day does not (episode_no_overlap)")
        func noOverlap() throws {
            let db = try SchemaRuleWorld.build().db
            let patient = try db.addPatient(mrn: "EP-OVERLAP", gender: "female")
            try db.addEpisode(patient, admitted: "2026-01-01", discharged: "2026-03-01", reason: "completed")
            expectPostgresError(.exclusionViolation, constraint: "episode_no_overlap") {
                try db.addEpisode(patient, admitted: "2026-02-15", discharged: "2026-04-01", reason: "completed")
            }
            // Open, so the partial unique index does not apply; admitted on the stay's last day.
            expectPostgresError(.exclusionViolation, constraint: "episode_no_overlap") {
                try db.addEpisode(patient, admitted: "2026-02-28")
            }
            try db.addEpisode(patient, admitted: "2026-03-01")
            #expect(try db.count("SELECT count(*) FROM carelog.episode WHERE patient_id = \(patient)") == 2)
        }

        @Test("level of care is an ASAM level (episode_level_of_care_check)")
        func levelOfCare() throws {
            let db = try SchemaRuleWorld.build().db
            let patient = try db.addPatient(mrn: "EP-LEVEL", gender: "male")
            expectPostgresError(.checkViolation, constraint: "episode_level_of_care_check") {
                try db.addEpisode(patient, admitted: "2026-04-01", level: "2.0")
            }
            let episode = try db.addEpisode(patient, admitted: "2026-04-01", level: "2.1")
            #expect(try db.scalar("SELECT level_of_care FROM carelog.episode WHERE id = \(episode)") == "2.1")
        }

        @Test("a discharge reason is a TEDS code (episode_discharge_reason_check)")
        func dischargeReasonCode() throws {
            let db = try SchemaRuleWorld.build().db
            let patient = try db.addPatient(mrn: "EP-TEDS", gender: "female")
            expectPostgresError(.checkViolation, constraint: "episode_discharge_reason_check") {
                try db.addEpisode(patient, admitted: "2026-04-01", discharged: "2026-04-20", reason: "AMA")
            }
            let episode = try db.addEpisode(
                patient, admitted: "2026-04-01", discharged: "2026-04-20", reason: "left_against_advice")
            #expect(try db.scalar("SELECT discharge_reason FROM carelog.episode WHERE id = \(episode)")
                == "left_against_advice")
        }

        @Test("at most one primary therapist per day (assignment_one_primary_per_day)")
        func onePrimaryPerDay() throws {
            let world = try SchemaRuleWorld.build()
            let db = world.db
            let patient = try db.addPatient(mrn: "TA-PRIMARY", gender: "male")
            try db.addAssignment(patient, therapist: world.therapist, role: "primary",
                                 startsOn: "2026-01-01", endsOn: "2026-01-31")
            expectPostgresError(.exclusionViolation, constraint: "assignment_one_primary_per_day") {
                try db.addAssignment(patient, therapist: world.secondTherapist, role: "primary",
                                     startsOn: "2026-01-31", endsOn: nil)
            }
            // ends_on is the old assignment's last day: a new primary from that day overlaps it.
            expectPostgresError(.exclusionViolation, constraint: "assignment_one_primary_per_day") {
                try db.addAssignment(patient, therapist: world.secondTherapist, role: "primary",
                                     startsOn: "2026-01-31", endsOn: "2026-01-31")
            }
            // Back to back: the new one starts the day after the old one's last day.
            try db.addAssignment(patient, therapist: world.secondTherapist, role: "primary",
                                 startsOn: "2026-02-01", endsOn: nil)
            // A secondary therapist may overlap both primaries.
            try db.addAssignment(patient, therapist: world.secondTherapist, role: "secondary",
                                 startsOn: "2026-01-15", endsOn: nil)
            #expect(try db.count("""
                SELECT count(*) FROM carelog.therapist_assignment WHERE patient_id = \(patient) AND role = 'primary'
                """) == 2)
            #expect(try db.count("SELECT count(*) FROM carelog.therapist_assignment WHERE patient_id = \(patient)") == 3)
        }
    }

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

    @Suite("schema rules: codes, enumerations, ranges, plans and enrollment")
    struct ColumnRuleTests {
        /// One column rule, proved by updating one row of the fixture: first to a value
        /// the rule refuses, then to the closest value it accepts.
        struct Rule: Sendable, CustomTestStringConvertible {
            let table: String
            let column: String
            /// SQL condition (fixed text) that picks exactly one row of the fixture.
            let row: String
            let refused: String
            let accepted: String
            let constraint: String

            var testDescription: String {
                "\(table).\(column): '\(refused)' refused by \(constraint), '\(accepted)' accepted"
            }

            static let enumerations: [Rule] = [
                Rule(table: "staff", column: "role", row: "staff_id = 'T002'",
                     refused: "Therapist", accepted: "counselor", constraint: "staff_role_check"),
                Rule(table: "patient", column: "gender", row: "mrn = '10001'",
                     refused: "F", accepted: "unknown", constraint: "patient_gender_check"),
                Rule(table: "care_group", column: "modality", row: "group_code = 'WOM-PROC'",
                     refused: "twelve-step", accepted: "twelve_step", constraint: "care_group_modality_check"),
                Rule(table: "care_group", column: "gender_focus", row: "group_code = 'WOM-PROC'",
                     refused: "female", accepted: "all", constraint: "care_group_gender_focus_check"),
                Rule(table: "care_group", column: "kind", row: "group_code = 'WOM-PROC'",
                     refused: "rolling", accepted: "open", constraint: "care_group_kind_check"),
                Rule(table: "group_session", column: "status", row: "status = 'cancelled'",
                     refused: "canceled", accepted: "held", constraint: "group_session_status_check"),
                Rule(table: "attendance", column: "status", row: "status = 'present'",
                     refused: "attended", accepted: "late", constraint: "attendance_status_check"),
                Rule(table: "plan_goal", column: "status", row: "goal_code = 'G1'",
                     refused: "achieved", accepted: "met", constraint: "plan_goal_status_check"),
                Rule(table: "assessment", column: "instrument", row: "instrument = 'PHQ-9'",
                     refused: "PHQ9", accepted: "BAM", constraint: "assessment_instrument_check"),
                Rule(table: "drug_screen", column: "result", row: "result = 'negative'",
                     refused: "inconclusive", accepted: "dilute", constraint: "drug_screen_result_check"),
            ]

            static let ranges: [Rule] = [
                Rule(table: "plan_requirement", column: "sessions_per_week", row: "modality = 'process'",
                     refused: "0", accepted: "0.5", constraint: "plan_requirement_sessions_per_week_check"),
                Rule(table: "treatment_plan", column: "review_interval_days", row: "plan_code = 'TP-0001'",
                     refused: "0", accepted: "1", constraint: "treatment_plan_review_interval_days_check"),
                Rule(table: "care_group", column: "capacity", row: "group_code = 'WOM-PROC'",
                     refused: "0", accepted: "1", constraint: "care_group_capacity_check"),
                Rule(table: "group_session", column: "duration_minutes", row: "status = 'cancelled'",
                     refused: "0", accepted: "1", constraint: "group_session_duration_minutes_check"),
                Rule(table: "attendance", column: "minutes_attended", row: "status = 'present'",
                     refused: "-1", accepted: "0", constraint: "attendance_minutes_attended_check"),
                Rule(table: "assessment", column: "score", row: "instrument = 'PHQ-9'",
                     refused: "28", accepted: "27", constraint: "assessment_score_range"),
                Rule(table: "assessment", column: "score", row: "instrument = 'GAD-7'",
                     refused: "22", accepted: "21", constraint: "assessment_score_range"),
                Rule(table: "treatment_plan", column: "closed_on", row: "plan_code = 'TP-0001'",
                     refused: "2026-01-04", accepted: "2026-01-05", constraint: "treatment_plan_dates_check"),
            ]
        }

        @Test("an enumerated column refuses a value outside its list", arguments: Rule.enumerations)
        func enumeration(_ rule: Rule) throws {
            try prove(rule)
        }

        @Test("a bounded column refuses a value outside its range", arguments: Rule.ranges)
        func range(_ rule: Rule) throws {
            try prove(rule)
        }

        private func prove(_ rule: Rule) throws {
            let db = try SchemaRuleWorld.build().db
            let ids = try db.connection.query("SELECT id FROM carelog.\(unsafeRaw: rule.table) WHERE \(unsafeRaw: rule.row)")
            try #require(ids.count == 1)
            let id = try ids[0].decode("id", as: Int64.self)
            // A recorded attendance changes only as a correction with a reason (sql/016).
            try db.connection.query("SET carelog.change_reason = 'schema rule test'")
            expectPostgresError(.checkViolation, constraint: rule.constraint) {
                try db.connection.query("""
                    UPDATE carelog.\(unsafeRaw: rule.table) SET \(identifier: rule.column) = \(rule.refused) WHERE id = \(id)
                    """)
            }
            let accepted = try db.connection.query("""
                UPDATE carelog.\(unsafeRaw: rule.table) SET \(identifier: rule.column) = \(rule.accepted) WHERE id = \(id)
                """)
            #expect(accepted.affectedRows == 1)
            #expect(try db.scalar("""
                SELECT \(identifier: rule.column)::text AS value FROM carelog.\(unsafeRaw: rule.table) WHERE id = \(id)
                """) == rule.accepted)
        }

        @Test("a goal that is not open has a status date (plan_goal_status_on_required)")
        func goalStatusDate() throws {
            let world = try SchemaRuleWorld.build()
            let db = world.db
            expectPostgresError(.checkViolation, constraint: "plan_goal_status_on_required") {
                try db.addGoal(plan: world.plan, code: "G-MET", status: "met", statusOn: nil)
            }
            try db.addGoal(plan: world.plan, code: "G-MET", status: "met", statusOn: "2026-02-01")
            try db.addGoal(plan: world.plan, code: "G-OPEN", status: "open", statusOn: nil)
            #expect(try db.count("SELECT count(*) FROM carelog.plan_goal WHERE plan_id = \(world.plan)") == 3)
        }

        @Test("an MRN is non-empty, unique, and kept as text with its leading zeros")
        func medicalRecordNumbers() throws {
            let db = try SchemaRuleWorld.build().db
            expectPostgresError(.checkViolation, constraint: "patient_mrn_check") {
                try db.addPatient(mrn: "", gender: "female")
            }
            let padded = try db.addPatient(mrn: "00912", gender: "female")
            let unpadded = try db.addPatient(mrn: "912", gender: "male")
            expectPostgresError(.uniqueViolation, constraint: "patient_mrn_key") {
                try db.addPatient(mrn: "00912", gender: "unknown")
            }
            #expect(try db.scalar("SELECT mrn FROM carelog.patient WHERE id = \(padded)") == "00912")
            #expect(try db.scalar("SELECT mrn FROM carelog.patient WHERE id = \(unpadded)") == "912")
            #expect(try db.count("SELECT count(*) FROM carelog.patient WHERE mrn IN ('00912', '912', '')") == 2)
        }

        @Test("a site's time zone is an IANA name spelled exactly (site_timezone_check)")
        func siteTimeZone() throws {
            let db = try SchemaRuleWorld.build().db
            expectPostgresError(.checkViolation, constraint: "site_timezone_check") {
                try db.addSite(code: "MARS", timezone: "Mars/Olympus")
            }
            expectPostgresError(.checkViolation, constraint: "site_timezone_check") {
                try db.addSite(code: "BKN", timezone: "america/new_york")
            }
            let site = try db.addSite(code: "BKN", timezone: "America/New_York")
            #expect(try db.scalar("SELECT timezone FROM carelog.site WHERE id = \(site)") == "America/New_York")
            #expect(try db.count("SELECT count(*) FROM carelog.site") == 3)
        }

        @Test("the time zone rule holds per statement: a wrong name among many rows, an update, replica mode (sql/014)")
        func siteTimeZonePerStatement() throws {
            let db = try SchemaRuleWorld.build().db
            let before = try db.count("SELECT count(*) FROM carelog.site")
            let many = expectPostgresError(.checkViolation, constraint: "site_timezone_check") {
                try db.connection.query("""
                    INSERT INTO carelog.site (site_code, name, timezone)
                    SELECT 'S' || g, 'Site ' || g, CASE g WHEN 700 THEN 'Europe/Atlantis' WHEN 900 THEN 'europe/berlin'
                                                         ELSE 'Europe/Berlin' END
                      FROM generate_series(1, 1000) AS g
                    """)
            }
            // The first wrong name in sort order ('E' < 'e').
            #expect(many?.detail == "'Europe/Atlantis' is not a time zone name this server knows (IANA spelling, case matters).")
            #expect(many?.table == "site" && many?.column == "timezone")
            let site = try db.addSite(code: "BER", timezone: "Europe/Berlin")
            expectPostgresError(.checkViolation, constraint: "site_timezone_check") {
                try db.connection.query("UPDATE carelog.site SET timezone = 'Europe/berlin' WHERE id = \(site)")
            }
            try db.connection.query("SET session_replication_role = replica")
            expectPostgresError(.checkViolation, constraint: "site_timezone_check") {
                try db.addSite(code: "MARS", timezone: "Mars/Olympus")
            }
            try db.connection.query("RESET session_replication_role")
            try db.connection.query("UPDATE carelog.site SET timezone = 'Europe/Paris' WHERE id = \(site)")
            #expect(try db.scalar("SELECT timezone FROM carelog.site WHERE id = \(site)") == "Europe/Paris")
            #expect(try db.count("SELECT count(*) FROM carelog.site") == before + 1)
        }

        @Test("enrollments of a patient in a group do not overlap; ends_on is the last day, a one-day enrollment is allowed")
        func enrollment() throws {
            let world = try SchemaRuleWorld.build()
            let db = world.db
            // The female patient is enrolled in the women's group from 2026-01-05, open-ended.
            expectPostgresError(.exclusionViolation, constraint: "enrollment_no_overlap") {
                try db.addEnrollment(group: world.womensGroup, patient: world.female,
                                     startsOn: "2026-02-01", endsOn: "2026-03-01")
            }
            let ended = try db.connection.query(
                "UPDATE carelog.group_enrollment SET ends_on = \("2026-01-31") WHERE id = \(world.femaleEnrollment)")
            #expect(ended.affectedRows == 1)
            try db.addEnrollment(group: world.womensGroup, patient: world.female, startsOn: "2026-02-01", endsOn: nil)

            expectPostgresError(.checkViolation, constraint: "group_enrollment_dates_check") {
                try db.addEnrollment(group: world.allGroup, patient: world.female,
                                     startsOn: "2026-04-01", endsOn: "2026-03-31")
            }
            try db.addEnrollment(group: world.allGroup, patient: world.female, startsOn: "2026-04-01", endsOn: "2026-04-01")
            // The last day is inside: an enrollment ending on it overlaps.
            expectPostgresError(.exclusionViolation, constraint: "enrollment_no_overlap") {
                try db.addEnrollment(group: world.allGroup, patient: world.female, startsOn: "2026-03-20", endsOn: "2026-04-01")
            }
            #expect(try db.count("SELECT count(*) FROM carelog.group_enrollment WHERE patient_id = \(world.female)") == 3)
        }
    }
}

// MARK: - Fixture

/// A fresh migrated database and the statements the tests build rows with.
private struct SchemaRuleDatabase {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase()
        connection = try database.connect()
    }

    /// Runs an INSERT … RETURNING id and returns the id.
    @discardableResult
    func insert(_ query: SQLQuery) throws -> Int64 {
        let row = try #require(try connection.query(query).first)
        return try row.decode("id", as: Int64.self)
    }

    func scalar(_ query: SQLQuery) throws -> String? {
        try connection.scalar(query)
    }

    /// The value of a `SELECT count(*) …`.
    func count(_ query: SQLQuery) throws -> Int {
        let text = try connection.scalar(query)
        return try #require(text.flatMap { Int($0) }, "not a count: \(String(describing: text))")
    }

    @discardableResult
    func addSite(code: String, timezone: String) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.site (site_code, name, timezone) VALUES (\(code), \("Site " + code), \(timezone))
            RETURNING id
            """)
    }

    @discardableResult
    func addStaff(_ staffID: String, role: String, site: Int64) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.staff (staff_id, first_name, last_name, role, site_id)
            VALUES (\(staffID), 'Sam', \("Staff " + staffID), \(role), \(site))
            RETURNING id
            """)
    }

    /// A patient at the first site (New York) unless another is given.
    @discardableResult
    func addPatient(mrn: String, gender: String, site: Int64? = nil) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.patient (mrn, first_name, last_name, date_of_birth, gender, site_id)
            VALUES (\(mrn), 'Pat', \("Patient " + mrn), '1990-04-12', \(gender),
                    coalesce(\(site)::bigint, (SELECT min(id) FROM carelog.site)))
            RETURNING id
            """)
    }

    @discardableResult
    func addEpisode(
        _ patient: Int64, admitted: String, discharged: String? = nil, reason: String? = nil, level: String = "2.1"
    ) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care, discharged_on, discharge_reason)
            VALUES (\(patient), \(admitted), \(level), \(discharged), \(reason))
            RETURNING id
            """)
    }

    @discardableResult
    func addAssignment(
        _ patient: Int64, therapist: Int64, role: String, startsOn: String, endsOn: String?
    ) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.therapist_assignment (patient_id, therapist_id, role, starts_on, ends_on)
            VALUES (\(patient), \(therapist), \(role), \(startsOn), \(endsOn))
            RETURNING id
            """)
    }

    @discardableResult
    func addGroup(
        code: String, modality: String, genderFocus: String, kind: String, site: Int64, capacity: Int?,
        facilitator: Int64
    ) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.care_group (group_code, name, modality, gender_focus, kind, site_id, capacity, facilitator_id)
            VALUES (\(code), \("Group " + code), \(modality), \(genderFocus), \(kind), \(site), \(capacity), \(facilitator))
            RETURNING id
            """)
    }

    @discardableResult
    func addEnrollment(group: Int64, patient: Int64, startsOn: String, endsOn: String?) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.group_enrollment (group_id, patient_id, starts_on, ends_on)
            VALUES (\(group), \(patient), \(startsOn), \(endsOn))
            RETURNING id
            """)
    }

    @discardableResult
    func addSession(group: Int64, startsAt: String, facilitator: Int64, status: String = "held") throws -> Int64 {
        try insert("""
            INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
            VALUES (\(group), \(startsAt), \(facilitator), \(status))
            RETURNING id
            """)
    }

    @discardableResult
    func addAttendance(session: Int64, patient: Int64, recordedBy: Int64) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.attendance (session_id, patient_id, status, minutes_attended, recorded_by_id, session_month)
            VALUES (\(session), \(patient), 'present', 60, \(recordedBy),
                    coalesce(carelog.session_month(\(session)), date '2026-10-01'))
            RETURNING id
            """)
    }

    @discardableResult
    func addGoal(plan: Int64, code: String, status: String, statusOn: String?) throws -> Int64 {
        try insert("""
            INSERT INTO carelog.plan_goal (plan_id, goal_code, domain, status, status_on)
            VALUES (\(plan), \(code), 'substance_use', \(status), \(statusOn))
            RETURNING id
            """)
    }
}

/// The minimal valid world every schema rule test starts from, and the ids it needs.
///
/// Two sites (New York first, then Los Angeles); therapists T001 and T002 and a
/// counselor in New York; patients 10001 (female), 10002 (male), 10003 (nonbinary) in
/// New York and 10004 (unknown) in Los Angeles, each with an open episode from
/// 2026-01-05; a closed women's group WOM-PROC, a closed men's group MEN-RP and an open
/// group for all ALL-12S in New York; held sessions of each group in March 2026 plus a
/// cancelled one of ALL-12S; the female patient's attendance at the ALL-12S session of
/// 2026-03-02 10:00 New York time, her enrollment in WOM-PROC, her primary therapist,
/// her plan TP-0001 (with requirement, goal G1, PHQ-9 and GAD-7 scores, a drug screen),
/// and the male patient's enrollment in MEN-RP.
private struct SchemaRuleWorld {
    let db: SchemaRuleDatabase
    let newYork: Int64
    let losAngeles: Int64
    let therapist: Int64
    let secondTherapist: Int64
    let female: Int64
    let male: Int64
    let nonbinary: Int64
    let femaleEpisode: Int64
    let womensGroup: Int64
    let mensGroup: Int64
    let allGroup: Int64
    let womensSession: Int64
    let mensSession: Int64
    let allSession: Int64
    let cancelledSession: Int64
    let femaleEnrollment: Int64
    let plan: Int64

    static func build() throws -> SchemaRuleWorld {
        let db = try SchemaRuleDatabase()
        let newYork = try db.addSite(code: "NYC", timezone: "America/New_York")
        let losAngeles = try db.addSite(code: "LAX", timezone: "America/Los_Angeles")

        let therapist = try db.addStaff("T001", role: "therapist", site: newYork)
        let secondTherapist = try db.addStaff("T002", role: "therapist", site: newYork)
        try db.addStaff("C001", role: "counselor", site: losAngeles)

        let female = try db.addPatient(mrn: "10001", gender: "female", site: newYork)
        let male = try db.addPatient(mrn: "10002", gender: "male", site: newYork)
        let nonbinary = try db.addPatient(mrn: "10003", gender: "nonbinary", site: newYork)
        let unknown = try db.addPatient(mrn: "10004", gender: "unknown", site: losAngeles)
        let femaleEpisode = try db.addEpisode(female, admitted: "2026-01-05")
        for patient in [male, nonbinary, unknown] {
            try db.addEpisode(patient, admitted: "2026-01-05", level: "1.0")
        }

        let womensGroup = try db.addGroup(code: "WOM-PROC", modality: "process", genderFocus: "women",
                                          kind: "closed", site: newYork, capacity: 10, facilitator: therapist)
        let mensGroup = try db.addGroup(code: "MEN-RP", modality: "relapse_prevention", genderFocus: "men",
                                        kind: "closed", site: newYork, capacity: 10, facilitator: secondTherapist)
        let allGroup = try db.addGroup(code: "ALL-12S", modality: "twelve_step", genderFocus: "all",
                                       kind: "open", site: newYork, capacity: nil, facilitator: therapist)

        // March 2026, before the switch to daylight saving time: 15:00Z is 10:00 in New York.
        let allSession = try db.addSession(group: allGroup, startsAt: "2026-03-02T15:00:00Z", facilitator: therapist)
        let womensSession = try db.addSession(group: womensGroup, startsAt: "2026-03-03T15:00:00Z",
                                              facilitator: therapist)
        let mensSession = try db.addSession(group: mensGroup, startsAt: "2026-03-04T15:00:00Z",
                                            facilitator: secondTherapist)
        let cancelledSession = try db.addSession(group: allGroup, startsAt: "2026-03-09T14:00:00Z",
                                                 facilitator: therapist, status: "cancelled")
        try db.addAttendance(session: allSession, patient: female, recordedBy: therapist)

        let femaleEnrollment = try db.addEnrollment(group: womensGroup, patient: female,
                                                    startsOn: "2026-01-05", endsOn: nil)
        try db.addEnrollment(group: mensGroup, patient: male, startsOn: "2026-01-05", endsOn: nil)
        try db.addAssignment(female, therapist: therapist, role: "primary", startsOn: "2026-01-05", endsOn: nil)

        let plan = try db.insert("""
            INSERT INTO carelog.treatment_plan (plan_code, patient_id, created_on, author_id, review_interval_days)
            VALUES ('TP-0001', \(female), '2026-01-05', \(therapist), 30)
            RETURNING id
            """)
        try db.insert("""
            INSERT INTO carelog.plan_requirement (plan_id, modality, sessions_per_week)
            VALUES (\(plan), 'process', 2) RETURNING id
            """)
        try db.addGoal(plan: plan, code: "G1", status: "open", statusOn: "2026-01-05")
        try db.insert("""
            INSERT INTO carelog.assessment (patient_id, instrument, administered_on, score)
            VALUES (\(female), 'PHQ-9', '2026-01-06', 5), (\(female), 'GAD-7', '2026-01-06', 4) RETURNING id
            """)
        try db.insert("""
            INSERT INTO carelog.drug_screen (patient_id, collected_on, result)
            VALUES (\(female), '2026-01-06', 'negative') RETURNING id
            """)

        return SchemaRuleWorld(
            db: db, newYork: newYork, losAngeles: losAngeles, therapist: therapist,
            secondTherapist: secondTherapist, female: female, male: male, nonbinary: nonbinary,
            femaleEpisode: femaleEpisode, womensGroup: womensGroup, mensGroup: mensGroup, allGroup: allGroup,
            womensSession: womensSession, mensSession: mensSession, allSession: allSession,
            cancelledSession: cancelledSession, femaleEnrollment: femaleEnrollment, plan: plan)
    }
}
