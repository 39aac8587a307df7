import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("audit trail")
    struct AuditTrailTests {
        @Test("a correction shows in the history: who changed absent to excused, and when")
        func correctionHistory() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            var roll = AttendanceOperation.Roll()
            roll.add("excused", ["00912"])
            let (quiet, _) = Console.recording()
            try AttendanceOperation.record(
                target: database.target, groupCode: "W-PROC", startsAt: "2026-10-05 18:00", by: "T002", roll: roll,
                correctionReason: "excused by phone before the group", console: quiet)
            let (console, recording) = Console.recording()
            try AuditOperation.log(target: database.target, mrn: "00912", table: "attendance", limit: 50, console: console)
            let lines = recording.output.split(separator: "\n").map(String.init)
            #expect(lines.first == "Audit history of MRN 00912, table attendance:")
            #expect(lines.count == 4)
            #expect(lines.filter { $0.contains("INSERT") }.count == 2)
            // Newest first: the correction comes right after the heading.
            let correction = try #require(lines.dropFirst().first)
            // The record and every id by its natural key: the session and MRN, the staff ID.
            #expect(correction.contains("  postgres  by T002  UPDATE  attendance W-PROC 2026-10-05 18:00 00912  corrected_at: null -> "))
            #expect(correction.hasSuffix("; corrected_by: null -> T002; correction_reason: null -> excused by phone before the group; "
                + "status: absent -> excused"))
        }

        @Test("the importing staff member is recorded with each batch")
        func actingStaff() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("screens", "mrn,collected_on,result\n00914,2026-10-12,negative", into: database, by: "D001")
            let connection = try database.connect()
            #expect(try connection.scalar("""
                SELECT acting_staff || ' ' || operation || ' ' || row_count FROM carelog.audit_batch
                 WHERE table_name = 'drug_screen' ORDER BY id DESC LIMIT 1
                """) == "D001 INSERT 1")
            #expect(try connection.scalar("SELECT count(*) FROM carelog.audit_event WHERE table_name = 'attendance'") == "4")
        }

        @Test("nobody, not even the owner, can update, delete or truncate audit rows", arguments: [
            "UPDATE carelog.audit_event SET new_values = '{}'",
            "DELETE FROM carelog.audit_event",
            "UPDATE carelog.audit_batch SET acting_staff = 'X'",
            "DELETE FROM carelog.audit_batch",
            "TRUNCATE carelog.audit_event CASCADE",
        ])
        func appendOnly(statement: String) throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let connection = try database.connect()
            let before = try connection.count("carelog.audit_event")
            expectPostgresError(.insufficientPrivilege) { try connection.query(SQLQuery(unsafeSQL: statement)) }
            #expect(try connection.count("carelog.audit_event") == before)
        }

        @Test("audit verify passes on an intact trail and names the first tampered batch")
        func tamperDetection() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let (console, recording) = Console.recording()
            let intact = try AuditOperation.verify(target: database.target, console: console)
            #expect(intact.isIntact)
            #expect(intact.events == ImportFixture.expectedCounts.values.reduce(0, +))
            #expect(recording.output == "The audit trail is intact: \(intact.batches) batches, \(intact.events) events verified.\n")

            // A superuser can switch the guards off; the hash chain still tells.
            let connection = try database.connect()
            let tampered = try #require(try connection.scalar("""
                SELECT batch_id FROM carelog.audit_event WHERE table_name = 'attendance' ORDER BY id LIMIT 1
                """))
            try connection.query("ALTER TABLE carelog.audit_event DISABLE TRIGGER USER")
            try connection.query("""
                UPDATE carelog.audit_event SET new_values = jsonb_set(new_values, '{status}', '"present"')
                 WHERE id = (SELECT min(id) FROM carelog.audit_event WHERE table_name = 'attendance' AND new_values ->> 'status' = 'absent')
                """)
            try connection.query("ALTER TABLE carelog.audit_event ENABLE TRIGGER USER")
            let error = #expect(throws: CarelogError.self) { try AuditOperation.verify(target: database.target, console: console) }
            #expect(error?.message == "the audit trail is broken at batch \(tampered): hash does not match its contents")
        }

        /// 456 hourly sessions of the open group AA-AM from 2026-10-01 to 2026-10-19, each
        /// attended by the fixture's three patients (all in care then): 1,368 rows, one
        /// import, a statement past the 1,000 rows from which rows are recorded per patient.
        static func importBulkAttendance(into database: TestDatabase) throws {
            let hours = (1...19).flatMap { day in (0..<24).map { String(format: "2026-10-%02d %02d:00", day, $0) } }
            try importCSV("sessions", "group_code,starts_at,facilitator\n"
                + hours.map { "AA-AM,\($0),T001" }.joined(separator: "\n"), into: database)
            let statuses = ["present", "late", "absent"]
            var rows = ["group_code,starts_at,mrn,status,recorded_by"]
            for (index, hour) in hours.enumerated() {
                for (offset, mrn) in ["00912", "00913", "00914"].enumerated() {
                    rows.append("AA-AM,\(hour),\(mrn),\(statuses[(index + offset) % 3]),T001")
                }
            }
            try importCSV("attendance", rows.joined(separator: "\n"), into: database, by: "T001")
        }

        @Test("a bulk import is recorded one event per patient, and audit log --mrn still shows each of its rows")
        func bulkImportHistory() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try Self.importBulkAttendance(into: database)
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.scalar("""
                SELECT acting_staff || ' ' || operation || ' ' || row_count FROM carelog.audit_batch
                 WHERE table_name = 'attendance' ORDER BY id DESC LIMIT 1
                """) == "T001 INSERT 1368")
            #expect(try connection.scalar("""
                SELECT string_agg(p.mrn || ':' || json_array_length(e.new_rows), ' ' ORDER BY p.mrn)
                  FROM carelog.audit_event AS e JOIN carelog.patient AS p ON p.id = e.patient_id
                 WHERE e.batch_id = (SELECT max(batch_id) FROM carelog.audit_event) AND e.record_id IS NULL
                """) == "00912:456 00913:456 00914:456")

            let (console, recording) = Console.recording()
            try AuditOperation.log(target: database.target, mrn: "00913", table: "attendance", limit: 1000, console: console)
            let lines = recording.output.split(separator: "\n").map(String.init)
            #expect(lines.first == "Audit history of MRN 00913, table attendance:")
            // The two records of the fixture and the 456 of the bulk import, each once, by its
            // natural key (group, site-local start, MRN).
            let logged = lines.dropFirst().compactMap { line -> String? in
                guard let start = line.range(of: "  INSERT  attendance "), line.hasSuffix("  created") else { return nil }
                return String(line[start.upperBound...].dropLast("  created".count))
            }
            let stored = try connection.query("""
                SELECT g.group_code || ' ' || to_char(s.starts_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') || ' ' || p.mrn AS label
                  FROM carelog.attendance AS a JOIN carelog.patient AS p ON p.id = a.patient_id
                  JOIN carelog.group_session AS s ON s.id = a.session_id JOIN carelog.care_group AS g ON g.id = s.group_id
                  JOIN carelog.site AS st ON st.id = g.site_id
                 WHERE p.mrn = '00913'
                """).map { try $0.decode("label", as: String.self) }
            #expect(lines.count == 1 + 458)
            #expect(logged.count == 458)
            #expect(Set(logged) == Set(stored))
            #expect(stored.count == 458)
            // Newest first: the bulk import's rows come before the fixture's.
            #expect(lines[1].contains("by T001  INSERT"))

            let intact = try AuditOperation.verify(target: database.target, console: console)
            #expect(intact.isIntact)
        }

        @Test("a row changed inside a bulk event breaks its batch's hash")
        func bulkTamperDetection() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try Self.importBulkAttendance(into: database)
            let connection = try database.connect()
            defer { connection.close() }
            let batch = try #require(try connection.scalar("SELECT max(batch_id) FROM carelog.audit_event WHERE record_id IS NULL"))
            try connection.query("ALTER TABLE carelog.audit_event DISABLE TRIGGER USER")
            try connection.query("""
                UPDATE carelog.audit_event SET new_rows = regexp_replace(new_rows::text, '"absent"', '"present"')::json
                 WHERE id = (SELECT min(id) FROM carelog.audit_event WHERE record_id IS NULL)
                """)
            try connection.query("ALTER TABLE carelog.audit_event ENABLE TRIGGER USER")
            let (console, _) = Console.recording()
            let error = #expect(throws: CarelogError.self) { try AuditOperation.verify(target: database.target, console: console) }
            #expect(error?.message == "the audit trail is broken at batch \(batch): hash does not match its contents")
        }
    }
}
