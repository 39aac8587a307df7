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

extension DatabaseTests {
    /// group-services on the outcome fixture's LAX October (T002 facilitates L-AA and
    /// L-PROC, has no credentials: its notes need a co-signature; H0005 needs 45 minutes
    /// a unit), with these notes:
    ///
    /// | session          | note                                              |
    /// |------------------|---------------------------------------------------|
    /// | L-AA 10-04 12:00 | 60 min, sections 2001, 2003, 2004; signed, not co-signed |
    /// | L-PROC 10-05     | 90 min, sections 2003 (who attended 50 min), 2004; signed, co-signed by D001 |
    /// | L-PROC 10-26     | 40 min, section 2004 only; signed, co-signed      |
    /// | L-PROC 10-30     | 60 min, section 2004; a draft                     |
    ///
    /// L-AA 10-11 and L-PROC 10-19 have none. Units: 90 / 45 = 2, 50 / 45 = 1.
    @Suite("report: group-services")
    struct GroupServicesTests {
        static func write(
            _ connection: Connection, group: String, at local: String, minutes: Int, sections: [String], sign: Bool, cosign: Bool
        ) throws {
            let session = "(SELECT s.id FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id JOIN carelog.site st ON st.id = g.site_id "
                + "WHERE g.group_code = '\(group)' AND s.starts_at = '\(local)'::timestamp AT TIME ZONE st.timezone)"
            try connection.query("SELECT set_config('carelog.acting_staff', 'T002', false)")
            try connection.query(SQLQuery(unsafeSQL: """
                INSERT INTO carelog.session_note (session_id, topic, interventions, minutes, service_code_id)
                SELECT \(session), 'Topic', 'Interventions', \(minutes), id FROM carelog.service_code WHERE code = 'H0005'
                """))
            for mrn in sections {
                try connection.query(SQLQuery(unsafeSQL: """
                    INSERT INTO carelog.participant_note (session_note_id, patient_id, participation, response, progress)
                    SELECT n.id, p.id, 'p', 'r', 'q' FROM carelog.session_note n, carelog.patient p
                     WHERE n.session_id = \(session) AND p.mrn = '\(mrn)'
                    """))
            }
            if sign { try connection.query(SQLQuery(unsafeSQL: "UPDATE carelog.session_note SET status = 'signed' WHERE session_id = \(session)")) }
            if cosign {
                try connection.query("SELECT set_config('carelog.acting_staff', 'D001', false)")
                try connection.query(SQLQuery(unsafeSQL: "UPDATE carelog.session_note SET cosigned_by_id = 0 WHERE session_id = \(session)"))
            }
        }

        @Test("October 2026 at LAX: one row per encounter, units, minimum minutes and the reason a row is not billable")
        func october() throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            defer { connection.close() }
            try OutcomeFixture.load(into: connection)
            try connection.query("SELECT set_config('carelog.change_reason', 'left after 50 minutes', false)")
            try connection.query("""
                UPDATE carelog.attendance a SET minutes_attended = 50
                  FROM carelog.patient p, carelog.group_session s, carelog.care_group g
                 WHERE p.id = a.patient_id AND p.mrn = '2003' AND s.id = a.session_id AND g.id = s.group_id
                   AND g.group_code = 'L-PROC' AND s.starts_at = '2026-10-05 17:00+00'
                """)
            try Self.write(connection, group: "L-AA", at: "2026-10-04 12:00", minutes: 60, sections: ["2001", "2003", "2004"], sign: true, cosign: false)
            try Self.write(connection, group: "L-PROC", at: "2026-10-05 10:00", minutes: 90, sections: ["2003", "2004"], sign: true, cosign: true)
            try Self.write(connection, group: "L-PROC", at: "2026-10-26 10:00", minutes: 40, sections: ["2004"], sign: true, cosign: true)
            try Self.write(connection, group: "L-PROC", at: "2026-10-30 10:00", minutes: 60, sections: ["2004"], sign: false, cosign: false)

            let report = try #require(try ReportCatalog.named("group-services"))
            let table = try ReportRunner.run(report, connection: connection, period: try ReportPeriod(month: "2026-10"), site: "LAX")
            let expected: [[String?]] = [
                ["LAX", "2026-10-04 12:00", "L-AA", "2001", "late", "H0005", "60", "0", "T002", nil, "no", "awaiting_cosignature"],
                ["LAX", "2026-10-04 12:00", "L-AA", "2003", "present", "H0005", "60", "0", "T002", nil, "no", "awaiting_cosignature"],
                ["LAX", "2026-10-04 12:00", "L-AA", "2004", "present", "H0005", "60", "0", "T002", nil, "no", "awaiting_cosignature"],
                ["LAX", "2026-10-05 10:00", "L-PROC", "2003", "present", "H0005", "50", "1", "T002", "D001", "yes", nil],
                ["LAX", "2026-10-05 10:00", "L-PROC", "2004", "present", "H0005", "90", "2", "T002", "D001", "yes", nil],
                ["LAX", "2026-10-11 12:00", "L-AA", "2003", "present", nil, nil, "0", nil, nil, "no", "no_note"],
                ["LAX", "2026-10-11 12:00", "L-AA", "2004", "present", nil, nil, "0", nil, nil, "no", "no_note"],
                ["LAX", "2026-10-19 10:00", "L-PROC", "2003", "left_early", nil, nil, "0", nil, nil, "no", "no_note"],
                ["LAX", "2026-10-26 10:00", "L-PROC", "2003", "late", "H0005", "40", "0", "T002", "D001", "no", "no_section"],
                ["LAX", "2026-10-26 10:00", "L-PROC", "2004", "present", "H0005", "40", "0", "T002", "D001", "no", "below_minimum"],
                ["LAX", "2026-10-30 10:00", "L-PROC", "2004", "present", "H0005", "60", "0", nil, nil, "no", "note_not_signed"],
            ]
            #expect(table.rows.count == expected.count)
            for (index, (actual, wanted)) in zip(table.rows, expected).enumerated() {
                #expect(actual == wanted, "row \(index + 1)")
            }
        }
    }
}
