import Foundation
import Postgres
import Testing

@testable import Carelog

extension DatabaseTests {
    /// Notes through the identified export and `import bundle` (docs/notes.md, "Export
    /// and import bundle"): a seeded month's notes, sections and addenda come back as
    /// they were, signed status, signers, co-signers and times included; the privacy
    /// modes carry none of their text.
    @Suite("notes in bundles")
    struct NoteBundleTests {
        /// Every note of June 2025 with its session, text, status, staff and times;
        /// every section with its patient, text and goal codes; every addendum. Plain
        /// SQL over the tables, run on both databases.
        static let digests: [(name: String, query: SQLQuery)] = [
            ("notes", """
                SELECT count(*)::text || ' ' || md5(string_agg(concat_ws('|', g.group_code, extract(epoch FROM s.starts_at),
                           n.topic, n.interventions, n.minutes, sc.code, n.status, au.staff_id, extract(epoch FROM n.written_at),
                           sb.staff_id, extract(epoch FROM n.signed_at), n.signer_credential, n.cosign_required,
                           cb.staff_id, extract(epoch FROM n.cosigned_at)), ',' ORDER BY g.group_code, s.starts_at))
                  FROM carelog.session_note n
                  JOIN carelog.group_session s ON s.id = n.session_id
                  JOIN carelog.care_group g ON g.id = s.group_id
                  JOIN carelog.staff au ON au.id = n.author_id
                  LEFT JOIN carelog.service_code sc ON sc.id = n.service_code_id
                  LEFT JOIN carelog.staff sb ON sb.id = n.signed_by_id
                  LEFT JOIN carelog.staff cb ON cb.id = n.cosigned_by_id
                 WHERE s.starts_at >= '2025-06-01 12:00Z' AND s.starts_at < '2025-07-01 04:00Z'
                """),
            ("sections", """
                SELECT count(*)::text || ' ' || md5(string_agg(concat_ws('|', g.group_code, extract(epoch FROM s.starts_at), p.mrn,
                           pn.participation, pn.response, pn.progress, extract(epoch FROM pn.written_at),
                           (SELECT string_agg(pg.goal_code, ' ' ORDER BY pg.goal_code) FROM carelog.plan_goal pg
                             WHERE pg.id = ANY (pn.goal_ids))), ',' ORDER BY g.group_code, s.starts_at, p.mrn))
                  FROM carelog.participant_note pn
                  JOIN carelog.session_note n ON n.id = pn.session_note_id
                  JOIN carelog.group_session s ON s.id = n.session_id
                  JOIN carelog.care_group g ON g.id = s.group_id
                  JOIN carelog.patient p ON p.id = pn.patient_id
                 WHERE s.starts_at >= '2025-06-01 12:00Z' AND s.starts_at < '2025-07-01 04:00Z'
                """),
            ("addenda", """
                SELECT count(*)::text || ' ' || md5(string_agg(concat_ws('|', g.group_code, extract(epoch FROM s.starts_at),
                           coalesce(p.mrn, '-'), a.body, au.staff_id, extract(epoch FROM a.added_at)),
                           ',' ORDER BY g.group_code, s.starts_at, a.added_at))
                  FROM carelog.note_addendum a
                  JOIN carelog.session_note n ON n.id = a.session_note_id
                  JOIN carelog.group_session s ON s.id = n.session_id
                  JOIN carelog.care_group g ON g.id = s.group_id
                  JOIN carelog.staff au ON au.id = a.author_id
                  LEFT JOIN carelog.patient p ON p.id = a.patient_id
                 WHERE s.starts_at >= '2025-06-01 12:00Z' AND s.starts_at < '2025-07-01 04:00Z'
                """),
        ]

        func export(_ database: TestDatabase, into folder: URL, pseudonymizer: Pseudonymizer? = nil) throws {
            let (console, _) = Console.recording()
            try ExportOperation.export(
                target: database.target, from: "2025-06-01", to: "2025-06-30", site: nil, directory: folder.path,
                pseudonymizer: pseudonymizer, console: console)
        }

        @Test("a seeded month's notes, sections and addenda come back as they were")
        func roundTrip() throws {
            let source = try TestDatabase()
            try SeedTests.seed(source)
            let folder = ScratchFolder.url("notes")
            defer { try? FileManager.default.removeItem(at: folder) }
            try export(source, into: folder)

            let target = try TestDatabase()
            let (console, _) = Console.recording()
            try BundleImportOperation.run(target: target.target, directory: folder.path, dryRun: false, actingStaff: nil, console: console)

            let from = try source.connect(), to = try target.connect()
            defer { from.close(); to.close() }
            for digest in Self.digests {
                let expected = try #require(try from.scalar(digest.query))
                #expect(try to.scalar(digest.query) == expected, "\(digest.name)")
                // The month holds some of each, or the comparison would prove little.
                #expect((Int(expected.split(separator: " ")[0]) ?? 0) > 0, "\(digest.name)")
            }
            // Signed, awaiting co-signature and co-signed notes are among them.
            let states: SQLQuery = """
                SELECT count(*) FILTER (WHERE n.status = 'signed')::text || '/' || count(*) FILTER (WHERE n.status = 'draft')
                       || '/' || count(*) FILTER (WHERE n.cosign_required AND n.cosigned_at IS NULL)
                       || '/' || count(*) FILTER (WHERE n.cosigned_at IS NOT NULL)
                  FROM carelog.session_note n JOIN carelog.group_session s ON s.id = n.session_id
                 WHERE s.starts_at >= '2025-06-01 12:00Z' AND s.starts_at < '2025-07-01 04:00Z'
                """
            let state = try #require(try from.scalar(states))
            #expect(try to.scalar(states) == state)
            #expect(!state.split(separator: "/").contains("0"), "\(state)")

            // A signed note imported back is final there too.
            do {
                _ = try to.query("UPDATE carelog.session_note SET topic = 'changed' WHERE status = 'signed'")
                Issue.record("a signed note was changed after import")
            } catch let error as PostgresError {
                #expect(error.message.contains("is signed"))
            }
        }

        @Test("only a session that is no login writes notes as they were: a director's setting is ignored")
        func loginDoesNotRestore() throws {
            let fixture = try AccessFixture()
            let owner = try fixture.database.connect()
            defer { owner.close() }
            try owner.query("SELECT set_config('carelog.restore_notes', 'on', false)")
            #expect(try owner.scalar("SELECT carelog.restoring_notes()::text") == "true")
            let director = try fixture.connect(as: fixture.director)
            defer { director.close() }
            try director.query("SELECT set_config('carelog.restore_notes', 'on', false)")
            #expect(try director.scalar("SELECT carelog.restoring_notes()::text") == "false")
        }
    }
}
