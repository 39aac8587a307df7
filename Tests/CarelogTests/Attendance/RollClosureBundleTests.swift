import Foundation
import Postgres
import Testing

@testable import Carelog

extension DatabaseTests {
    /// Closed rolls through the auditor export and `import bundle` (docs/open-groups.md):
    /// a restore keeps who closed a roll and when, even when `--by` names someone else
    /// for the audit trail (sql/023), so the restored database reports no open roll the
    /// original had closed; a login that imports a closing is still stamped with itself.
    @Suite("open groups: closed rolls in bundles")
    struct RollClosureBundleTests {
        /// AA-AM (open, NYC) on 2026-10-05 at 07:30 local (11:30Z) was held with two
        /// records (ImportFixture); T002 closed its roll at 12:40Z.
        static let closing: SQLQuery = """
            SELECT g.group_code || ' ' || to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' '
                   || st.staff_id || ' ' || to_char(rc.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
              FROM carelog.roll_closure rc
              JOIN carelog.group_session s ON s.id = rc.session_id
              JOIN carelog.care_group g ON g.id = s.group_id
              JOIN carelog.staff st ON st.id = rc.closed_by_id
            """

        @Test("a closed roll comes back as it was, --by T001 notwithstanding; the month's gaps name no open roll")
        func restored() throws {
            let source = try TestDatabase()
            try ImportFixture.load(into: source)
            let owner = try source.connect()
            defer { owner.close() }
            // Closed as it was in the past: the owner writing without an acting staff member keeps the values.
            try owner.query("""
                INSERT INTO carelog.roll_closure (session_id, closed_by_id, closed_at)
                SELECT s.id, (SELECT id FROM carelog.staff WHERE staff_id = 'T002'), '2026-10-05 12:40Z'
                  FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id
                 WHERE g.group_code = 'AA-AM' AND s.starts_at = '2026-10-05 11:30Z'
                """)
            #expect(try owner.scalar(Self.closing) == "AA-AM 2026-10-05 11:30 T002 2026-10-05 12:40")

            let folder = ScratchFolder.url("rolls")
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            try ExportOperation.export(target: source.target, from: "2026-10-01", to: "2026-10-31", site: nil,
                                       directory: folder.path, pseudonymizer: nil, spreadsheets: false, console: console)
            #expect(try String(contentsOf: folder.appendingPathComponent("roll-closures.csv"), encoding: .utf8) == """
                group_code,starts_at,closed_by,closed_at
                AA-AM,2026-10-05T11:30:00Z,T002,2026-10-05T12:40:00Z

                """)

            let target = try TestDatabase()
            try BundleImportOperation.run(target: target.target, directory: folder.path, dryRun: false, actingStaff: "T001", console: console)
            let restored = try target.connect()
            defer { restored.close() }
            #expect(try restored.scalar(Self.closing) == "AA-AM 2026-10-05 11:30 T002 2026-10-05 12:40")
            // The restore itself is the importer's, in the audit trail.
            #expect(try restored.scalar("SELECT acting_staff FROM carelog.audit_batch WHERE table_name = 'roll_closure'") == "T001")
            let gaps = try ReportRunner.run(try #require(try ReportCatalog.named("documentation-gaps")), connection: restored,
                                            period: try ReportPeriod(month: "2026-10"), site: nil)
            let kind = try #require(gaps.index("kind"))
            #expect(!gaps.rows.contains { $0[kind] == "roll_not_closed" })
        }

        @Test("a login's closing is stamped with itself and now, whatever the row says, restore setting or not")
        func loginStamped() throws {
            let fixture = try AccessFixture()
            let director = try fixture.connect(as: fixture.director)
            defer { director.close() }
            try director.query("SELECT set_config('carelog.acting_staff', 'D001', false)")
            try director.query("SELECT set_config('carelog.restore_notes', 'on', false)")
            try director.query("""
                INSERT INTO carelog.roll_closure (session_id, closed_by_id, closed_at)
                SELECT s.id, (SELECT id FROM carelog.staff WHERE staff_id = 'T002'), '2026-10-05 12:40Z'
                  FROM carelog.group_session s JOIN carelog.care_group g ON g.id = s.group_id
                 WHERE g.group_code = 'AA-AM' AND s.starts_at = '2026-10-05 11:30Z'
                """)
            let owner = try fixture.database.connect()
            defer { owner.close() }
            #expect(try owner.scalar("""
                SELECT st.staff_id || ' ' || (rc.closed_at > now() - interval '1 hour')::text
                  FROM carelog.roll_closure rc JOIN carelog.staff st ON st.id = rc.closed_by_id
                """) == "D001 true")
        }
    }
}
