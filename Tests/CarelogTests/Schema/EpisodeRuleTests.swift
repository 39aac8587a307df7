import Postgres
import Testing

// Episodes of care and therapist assignments: every rule the schema enforces on them,
// proved from both sides (SchemaRuleFixture.swift builds the minimal valid world).

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
}
