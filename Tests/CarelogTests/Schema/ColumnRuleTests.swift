import Postgres
import Testing

// Codes, enumerations, ranges, plans and enrollment: every rule the schema enforces on
// them, proved from both sides (SchemaRuleFixture.swift builds the minimal valid world).

extension DatabaseTests {
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
