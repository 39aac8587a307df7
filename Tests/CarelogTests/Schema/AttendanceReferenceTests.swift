import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("schema: attendance's references, checked per statement")
    struct AttendanceReferenceTests {
        @Test("a row naming a missing session, patient or staff member is refused as a foreign key violation")
        func missingReferences() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let connection = try database.connect()
            let session = try #require(try connection.scalar("SELECT min(id) FROM carelog.group_session WHERE status = 'held'"))
            let patient = try #require(try connection.scalar("SELECT id FROM carelog.patient WHERE mrn = '00914'"))
            let staff = try #require(try connection.scalar("SELECT id FROM carelog.staff WHERE staff_id = 'T001'"))
            let cases: [(String, String, String, String)] = [
                ("999999", patient, staff, "attendance_session_id_fkey"),
                (session, "999999", staff, "attendance_patient_id_fkey"),
                (session, patient, "999999", "attendance_recorded_by_id_fkey"),
            ]
            for (sessionID, patientID, staffID, constraint) in cases {
                let error = expectPostgresError(.foreignKeyViolation, constraint: constraint) {
                    try connection.query("""
                        INSERT INTO carelog.attendance (session_id, patient_id, status, recorded_by_id, session_month)
                        VALUES (\(sessionID)::bigint, \(patientID)::bigint, 'present', \(staffID)::bigint,
                                coalesce(carelog.session_month(\(sessionID)::bigint), '2026-10-01'))
                        """)
                }
                #expect(error?.detail?.hasSuffix("=(999999) is not present in the referenced table.") == true)
            }
            #expect(try connection.count("carelog.attendance") == 4)
        }

        @Test("what attendance refers to cannot be deleted or truncated; what it does not can")
        func guards() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let connection = try database.connect()
            expectPostgresError(.foreignKeyViolation, constraint: "attendance_patient_id_fkey") {
                try connection.query("DELETE FROM carelog.patient WHERE mrn = '00912'")
            }
            expectPostgresError(.foreignKeyViolation, constraint: "attendance_recorded_by_id_fkey") {
                try connection.query("TRUNCATE carelog.staff CASCADE")
            }
            expectPostgresError(.foreignKeyViolation, constraint: "attendance_session_id_fkey") {
                try connection.query("""
                    DELETE FROM carelog.group_session WHERE id IN (SELECT session_id FROM carelog.attendance)
                    """)
            }
            // The cancelled session has no attendance: it may go.
            let deleted = try connection.query("DELETE FROM carelog.group_session WHERE status = 'cancelled'")
            #expect(deleted.affectedRows == 1)
            #expect(try connection.count("carelog.patient") == 3)
            #expect(try connection.count("carelog.staff") == 3)
        }
    }
}
