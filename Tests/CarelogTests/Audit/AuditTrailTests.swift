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
                target: database.target, groupCode: "W-PROC", startsAt: "2026-10-05 18:00", by: "T002", roll: roll, console: quiet)
            let (console, recording) = Console.recording()
            try AuditOperation.log(target: database.target, mrn: "00912", table: "attendance", limit: 50, console: console)
            let lines = recording.output.split(separator: "\n").map(String.init)
            #expect(lines.first == "Audit history of MRN 00912, table attendance:")
            #expect(lines.count == 4)
            #expect(lines.filter { $0.contains("INSERT") }.count == 2)
            // Newest first: the correction comes right after the heading.
            let correction = try #require(lines.dropFirst().first)
            #expect(correction.contains("  postgres  by T002  UPDATE  attendance #"))
            #expect(correction.hasSuffix("  status: absent -> excused"))
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
    }
}
