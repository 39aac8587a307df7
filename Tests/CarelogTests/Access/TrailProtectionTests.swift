import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("access control: the trail against a superuser")
    struct TrailProtectionTests {
        private func temporaryPath(_ name: String) -> String {
            FileManager.default.temporaryDirectory.appendingPathComponent("carelog-\(UUID().uuidString.prefix(8))-\(name)").path
        }

        @Test("writes in replica mode are audited: the audit triggers fire always")
        func replicaMode() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let connection = try database.connect()
            let before = try connection.count("carelog.audit_event")
            try connection.query("SET session_replication_role = replica")
            // Every writer corrects with a reason (sql/016); replica mode changes nothing of that.
            try connection.query("SET carelog.change_reason = 'replica-mode test'")
            try connection.query("UPDATE carelog.attendance SET status = 'excused' WHERE status = 'absent'")
            try connection.query("DELETE FROM carelog.drug_screen WHERE substances IS NULL")
            try connection.query("RESET session_replication_role")
            #expect(try connection.count("carelog.audit_event") == before + 2)
            #expect(try connection.scalar("""
                SELECT string_agg(table_name || ' ' || operation, ', ' ORDER BY id) FROM carelog.audit_batch
                 WHERE id > (SELECT max(batch_id) FROM carelog.audit_event WHERE id <= \(before))
                """) == "attendance UPDATE, drug_screen DELETE")
            #expect(try connection.scalar("""
                SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'carelog' AND (t.tgname = 'audit_lock' OR t.tgname LIKE 'zz_audit_%') AND t.tgenabled <> 'A'
                """) == "0")
        }

        @Test("rewriting an event and recomputing the chain verifies by itself, and is caught by a recorded head")
        func rewriteAndRecompute() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let (console, recording) = Console.recording()
            // Heads recorded outside the database: a head file and a bundle's manifest.
            let headFile = temporaryPath("head.json")
            let bundle = temporaryPath("bundle")
            defer {
                try? FileManager.default.removeItem(atPath: headFile)
                try? FileManager.default.removeItem(atPath: bundle)
            }
            try AuditOperation.head(target: database.target, output: headFile, console: console)
            let manifest = try ReportOperation.monthly(
                target: database.target, period: try ReportPeriod(month: "2026-10"), site: nil, directory: bundle,
                privacy: PrivacyOptions(), console: console)
            let connection = try database.connect()
            // The manifest holds the head of the bundle's snapshot: the last batch before
            // the run's own run-log row (itself audited, sql/016).
            #expect(try connection.scalar("SELECT table_name FROM carelog.audit_batch ORDER BY id DESC LIMIT 1") == "run_log")
            #expect(manifest.auditHead == AuditHead(
                batchID: Int64(try #require(try connection.scalar("SELECT max(id) FROM carelog.audit_batch WHERE table_name <> 'run_log'")))!,
                hash: try #require(try connection.scalar("SELECT hash FROM carelog.audit_batch WHERE table_name <> 'run_log' ORDER BY id DESC LIMIT 1"))))
            let headJSON = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: headFile))) as? [String: Any])
            let recordedAt = try #require(headJSON["snapshotTime"] as? String)
            try AuditOperation.verify(target: database.target, anchors: [headFile, bundle], console: console)
            #expect(recording.output.hasSuffix(" events verified. 2 recorded heads still in the chain.\n"))

            // The attack: switch the guards off, change an absence into a presence,
            // recompute every hash from that batch on with the schema's own functions
            // and switch the guards on again (the last three in Fixtures/audit_tamper.sql).
            try connection.query("ALTER TABLE carelog.audit_event DISABLE TRIGGER ALL")
            try connection.query("ALTER TABLE carelog.audit_batch DISABLE TRIGGER ALL")
            try connection.executeScript(try FixtureSQL.named("audit_tamper"))
            // The chain alone says nothing is wrong...
            #expect(try AuditOperation.verify(target: database.target, console: console).isIntact)
            // ...the recorded heads do.
            let error = #expect(throws: CarelogError.self) {
                try AuditOperation.verify(target: database.target, anchors: [headFile, bundle], console: console)
            }
            #expect(error?.exitCode == 1)
            #expect(error?.message == "rewritten: the head recorded in \(headFile) at \(recordedAt) is no longer in the chain")
            #expect(error?.suggestion?.hasPrefix("rewritten: the head recorded in \(bundle) at \(manifest.snapshotTime) is no longer in the chain\n") == true)
        }

        @Test("batches cut off the end of the chain are caught by a head recorded after them")
        func cutOff() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let (console, _) = Console.recording()
            let headFile = temporaryPath("head.json")
            defer { try? FileManager.default.removeItem(atPath: headFile) }
            try AuditOperation.head(target: database.target, output: headFile, console: console)
            let connection = try database.connect()
            let last = try #require(try connection.scalar("SELECT max(id) FROM carelog.audit_batch"))
            try connection.query("ALTER TABLE carelog.audit_event DISABLE TRIGGER ALL")
            try connection.query("ALTER TABLE carelog.audit_batch DISABLE TRIGGER ALL")
            try connection.query("DELETE FROM carelog.audit_event WHERE batch_id = \(last)::bigint")
            try connection.query("DELETE FROM carelog.audit_batch WHERE id = \(last)::bigint")
            #expect(try AuditOperation.verify(target: database.target, console: console).isIntact)
            let error = #expect(throws: CarelogError.self) {
                try AuditOperation.verify(target: database.target, anchors: [headFile], console: console)
            }
            #expect(error?.message.hasPrefix("cut: the head recorded in \(headFile) at ") == true)
            #expect(error?.message.hasSuffix(" is no longer in the chain (batch \(last) is gone)") == true)
        }

        @Test("an anchor that is not one is refused as a usage error")
        func notAnAnchor() throws {
            let database = try TestDatabase()
            let (console, _) = Console.recording()
            let path = temporaryPath("x.json")
            try Data("{\"files\": []}".utf8).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let error = #expect(throws: CarelogError.self) {
                try AuditOperation.verify(target: database.target, anchors: [path, "/nonexistent/head.json"], console: console)
            }
            #expect(error?.exitCode == 2)
            #expect(error?.message == "--anchor \(path): not a file that records the audit chain's head")
        }
    }
}
