import Carelog
import Foundation
import Postgres
import Testing

/// documentation-gaps' note kinds on the outcome fixture (OutcomeFixture: October
/// 2026, T001 facilitates N-AA and N-PROC in NYC, T002 L-AA and L-PROC in LAX; no
/// staff member has credentials there, and here T001 gets LCSW), with notes written
/// as each facilitator and their signature time set in the past (the server stamps
/// the present; a superuser's test set-up moves it):
///
/// | session               | note                                        | gap |
/// |-----------------------|---------------------------------------------|-----|
/// | N-AA 10-01 07:30      | T001, signed 10-02 09:00, section of 1004 only | 1001 (left early) has no section |
/// | N-AA 10-08 07:30      | T001, signed 10-12 10:00 (97.5 h after 08:30) | note_missing, signed late |
/// | N-PROC 10-07 18:00    | T001, draft                                 | note_missing, a draft is saved |
/// | L-AA 10-04 12:00      | T002, signed 10-04 15:00, not co-signed     | awaiting_cosignature |
/// | L-PROC 10-05 10:00    | T002, signed 10-05 12:00, co-signed by D001 | none |
///
/// Every other October session someone attended has no note: note_missing, no draft.
extension DatabaseTests {
    @Suite("notes: documentation gaps")
    struct NoteGapTests {
        static func write(
            _ connection: Connection, group: String, at local: String, by staff: String, sections: [String], signedAt: String?
        ) throws {
            let session = "(SELECT s.id FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id JOIN carelog.site st ON st.id = g.site_id "
                + "WHERE g.group_code = '\(group)' AND s.starts_at = '\(local)'::timestamp AT TIME ZONE st.timezone)"
            try connection.query(SQLQuery(unsafeSQL: "SELECT set_config('carelog.acting_staff', '\(staff)', false)"))
            try connection.query(SQLQuery(unsafeSQL: """
                INSERT INTO carelog.session_note (session_id, topic, interventions, minutes, service_code_id)
                SELECT \(session), 'Topic', 'Interventions', 60, id FROM carelog.service_code WHERE code = 'H0005'
                """))
            for mrn in sections {
                try connection.query(SQLQuery(unsafeSQL: """
                    INSERT INTO carelog.participant_note (session_note_id, patient_id, participation, response, progress)
                    SELECT n.id, p.id, 'p', 'r', 'q' FROM carelog.session_note n, carelog.patient p
                     WHERE n.session_id = \(session) AND p.mrn = '\(mrn)'
                    """))
            }
            guard let signedAt else { return }
            try connection.query(SQLQuery(unsafeSQL: "UPDATE carelog.session_note SET status = 'signed' WHERE session_id = \(session)"))
            try connection.transaction {
                try connection.query("ALTER TABLE carelog.session_note DISABLE TRIGGER session_note_guard")
                try connection.query(SQLQuery(unsafeSQL: """
                    UPDATE carelog.session_note n SET signed_at = '\(signedAt)'::timestamp AT TIME ZONE st.timezone
                      FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id JOIN carelog.site st ON st.id = g.site_id
                     WHERE s.id = n.session_id AND n.session_id = \(session)
                    """))
                try connection.query("ALTER TABLE carelog.session_note ENABLE ALWAYS TRIGGER session_note_guard")
            }
        }

        @Test("note_missing, participant_note_missing and awaiting_cosignature of October, worked out by hand")
        func october() throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            defer { connection.close() }
            try OutcomeFixture.load(into: connection)
            try connection.query("UPDATE carelog.staff SET credentials = 'LCSW' WHERE staff_id = 'T001'")
            try Self.write(connection, group: "N-AA", at: "2026-10-01 07:30", by: "T001", sections: ["1004"], signedAt: "2026-10-02 09:00")
            try Self.write(connection, group: "N-AA", at: "2026-10-08 07:30", by: "T001", sections: ["1003", "1004", "1005"], signedAt: "2026-10-12 10:00")
            try Self.write(connection, group: "N-PROC", at: "2026-10-07 18:00", by: "T001", sections: ["1004"], signedAt: nil)
            try Self.write(connection, group: "L-AA", at: "2026-10-04 12:00", by: "T002", sections: ["2001", "2003", "2004"], signedAt: "2026-10-04 15:00")
            try Self.write(connection, group: "L-PROC", at: "2026-10-05 10:00", by: "T002", sections: ["2003", "2004"], signedAt: "2026-10-05 12:00")
            try connection.query("SELECT set_config('carelog.acting_staff', 'D001', false)")
            try connection.query("""
                UPDATE carelog.session_note SET cosigned_by_id = 0
                 WHERE session_id = (SELECT s.id FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id
                                      WHERE g.group_code = 'L-PROC' AND s.starts_at = '2026-10-05 17:00+00')
                """)

            let report = try #require(try ReportCatalog.named("documentation-gaps"))
            let table = try ReportRunner.run(report, connection: connection, period: try ReportPeriod(month: "2026-10"), site: nil)
            let rows = table.rows.filter { ["note_missing", "participant_note_missing", "awaiting_cosignature"].contains($0[0] ?? "") }
            func missing(_ site: String, _ subject: String, _ end: String, _ staff: String, _ state: String = "no draft") -> [String?] {
                ["note_missing", site, nil, subject, String(subject.suffix(16).prefix(10)),
                 "no signed note 72 h after the session ended at \(end) (facilitator \(staff); \(state))"]
            }
            let expected: [[String?]] = [
                ["awaiting_cosignature", "LAX", nil, "L-AA 2026-10-04 12:00", "2026-10-04",
                 "signed 2026-10-04 15:00 under credentials that do not sign alone (facilitator T002); a director or a credentialed therapist co-signs it"],
                missing("LAX", "L-AA 2026-10-11 12:00", "2026-10-11 13:00", "T002"),
                missing("LAX", "L-PROC 2026-10-19 10:00", "2026-10-19 11:30", "T002"),
                missing("LAX", "L-PROC 2026-10-26 10:00", "2026-10-26 11:30", "T002"),
                missing("LAX", "L-PROC 2026-10-30 10:00", "2026-10-30 11:30", "T002"),
                missing("NYC", "N-PROC 2026-10-07 18:00", "2026-10-07 19:00", "T001", "a draft is saved"),
                ["note_missing", "NYC", nil, "N-AA 2026-10-08 07:30", "2026-10-08",
                 "note signed 2026-10-12 10:00, 97.5 h after the session ended at 2026-10-08 08:30 (facilitator T001)"],
                missing("NYC", "N-PROC 2026-10-14 18:00", "2026-10-14 19:00", "T001"),
                missing("NYC", "N-PROC 2026-10-21 18:00", "2026-10-21 19:00", "T001"),
                missing("NYC", "N-AA 2026-10-22 07:30", "2026-10-22 08:30", "T001"),
                ["participant_note_missing", "NYC", "1001", "N-AA 2026-10-01 07:30", "2026-10-01",
                 "attended (left_early); the signed note has no section for the patient"],
            ]
            #expect(rows.count == expected.count)
            for (index, (actual, wanted)) in zip(rows, expected).enumerated() {
                #expect(actual == wanted, "row \(index + 1)")
            }
        }
    }
}
