import Foundation
import Postgres
import Testing

@testable import Carelog

/// Issue 26, critical 1: every exported or audited column has one class (sql/017,
/// carelog.column_class), which both the export's statements and the pseudonymised
/// audit values read; goal domains are a checked vocabulary, so no free text hides
/// in a column the privacy modes write.
extension DatabaseTests {
    @Suite("privacy: one classification of every column")
    struct ColumnClassTests {
        @Test("every column of every exported or audited table has a class")
        func everyColumnClassified() throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            defer { connection.close() }
            // The tables the audit trail records (the export's tables are all among them).
            let unclassified = try connection.query("""
                SELECT c.relname || '.' || a.attname AS name
                  FROM pg_class AS c
                  JOIN pg_namespace AS n ON n.oid = c.relnamespace
                  JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 WHERE n.nspname = 'carelog' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                   AND (EXISTS (SELECT 1 FROM pg_trigger AS t WHERE t.tgrelid = c.oid AND t.tgname = 'zz_audit_insert')
                        OR c.relname IN ('site', 'staff', 'patient', 'episode', 'therapist_assignment', 'treatment_plan',
                                         'plan_requirement', 'plan_goal', 'plan_review', 'care_group', 'group_enrollment',
                                         'group_session', 'attendance', 'assessment', 'drug_screen'))
                   AND NOT EXISTS (SELECT 1 FROM carelog.column_class AS k
                                    WHERE k.table_name = c.relname AND k.column_name = a.attname)
                 ORDER BY 1
                """).map { try $0.decode("name", as: String.self) }
            #expect(unclassified == [])
            // 32 tables, 229 columns (sql/022: modality 3, teds_code 3, outcome_measure 17); twenty of them free text, none of which a privacy mode writes.
            #expect(try connection.scalar("SELECT count(*)::text FROM carelog.column_class") == "229")
            #expect(try connection.scalar("SELECT count(DISTINCT table_name)::text FROM carelog.column_class") == "32")
            let freeText = try connection.query("""
                SELECT table_name || '.' || column_name AS name FROM carelog.column_class
                 WHERE class = 'free_text' ORDER BY 1
                """).map { try $0.decode("name", as: String.self) }
            #expect(freeText == [
                "attendance.correction_reason", "attendance_void.reason", "care_group.name", "consent.purpose", "consent.recipient",
                "credential.title", "disclosure.purpose", "disclosure.recipient", "drug_screen.substances", "note_addendum.body",
                "participant_note.participation", "participant_note.progress", "participant_note.response", "plan_goal.description",
                "plan_review.note", "run_log.parameters", "service_code.title", "session_note.interventions", "session_note.topic",
                "staff.credentials",
            ])
            #expect(try connection.scalar("""
                SELECT array_to_string(carelog.column_kept('deidentified'), ' ') FROM (SELECT 1) AS one
                """)?.contains("plan_goal.domain") == true)
            #expect(try connection.scalar("""
                SELECT array_to_string(carelog.column_kept('pseudonymised'), ' ') FROM (SELECT 1) AS one
                """)?.contains("care_group.name") == false)
        }

        @Test("a goal's domain is one of a list: a name in it is refused")
        func domainVocabulary() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            #expect(refusedImport("goals", """
                plan_code,goal_code,domain
                P-912,G2,Yolanda Vexworth 00912
                """, into: database) == [
                "line 2, column domain, value \"Yolanda Vexworth 00912\": is not one of: substance_use, withdrawal, medical, "
                    + "mental_health, readiness, relapse, recovery, recovery_support, housing, employment, education, legal, "
                    + "family, social, financial, other",
            ])
            // Friendly forms as for every enumeration.
            try importCSV("goals", "plan_code,goal_code,domain\nP-912,G2,Mental Health", into: database)
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.scalar("SELECT domain FROM carelog.plan_goal WHERE goal_code = 'G2'") == "mental_health")
        }

        @Test("the pseudonymised audit values keep no free text, name or staff code: only what the classification keeps")
        func auditValuesFollowTheClassification() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("staff", """
                staff_id,first_name,last_name,role,credentials,site_code
                T001,Ana,Reyes,therapist,LCSW (supervised by Yolanda Vexworth),NYC
                """, into: database)
            try importCSV("groups", """
                group_code,name,modality,gender_focus,kind,site_code,capacity,facilitator
                IND-00912,Individual therapy: Yolanda Vexworth 00912,individual,all,closed,NYC,1,T001
                """, into: database)
            let connection = try database.connect()
            let today = try connection.scalar("SELECT (now() AT TIME ZONE 'UTC')::date::text") ?? ""
            // Each audited row's values, key by key, as the function gives them.
            let keys = try connection.query("""
                SELECT ev.table_name, string_agg(DISTINCT k.key, ' ' ORDER BY k.key) AS keys
                  FROM carelog.audit_event AS ev
                 CROSS JOIN LATERAL jsonb_object_keys(carelog.audit_values_pseudonymized(
                       ev.table_name, ev.new_values, '\\x00'::bytea, '\\x01'::bytea)) AS k(key)
                 WHERE ev.table_name IN ('staff', 'care_group', 'plan_goal', 'patient')
                 GROUP BY ev.table_name ORDER BY 1
                """).map { "\(try $0.decode("table_name", as: String.self)): \(try $0.decode("keys", as: String.self))" }
            connection.close()
            #expect(keys == [
                "care_group: capacity facilitator_id gender_focus group_code id kind modality site_id",
                "patient: gender id pseudonym site_id",
                "plan_goal: domain goal_code id plan_id status status_on target_date",
                "staff: active id role site_id staff_id",
            ])
            let folder = ScratchFolder.url("classes")
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            try ExportOperation.export(
                target: database.target, from: "2026-09-01", to: today, site: nil, directory: folder.path,
                pseudonymizer: try Pseudonymizer(key: Data("column-class-key-0123456789abcdef".utf8)), spreadsheets: false,
                console: console)
            let audit = String(decoding: try Data(contentsOf: folder.appendingPathComponent("audit.csv")), as: UTF8.self)
            #expect(audit.contains("\"\"staff_id\"\": \"\"ST-"))
            for planted in ["Vexworth", "IND-00912", "LCSW", "Reyes", "\"\"T001\"\""] {
                #expect(!audit.contains(planted), "audit.csv holds \(planted)")
            }
        }
    }
}
