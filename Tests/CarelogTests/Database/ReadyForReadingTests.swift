import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// The command that bulk-writes leaves its tables vacuumed and analysed, so the
    /// first report after it is as fast as the tenth.
    @Suite("ready for reading after a bulk write")
    struct ReadyForReadingTests {
        /// "vacuumed analysed reltuples" of a table: `last_vacuum` and `last_analyze` are
        /// set by VACUUM and ANALYZE commands only, never by autovacuum (which has columns
        /// of its own); reltuples is exact after a VACUUM, an estimate before. A
        /// partitioned table (attendance, the audit events) has no storage of its own:
        /// "vacuumed" is then true when every one of its partitions was.
        private func state(_ table: String, _ connection: Connection) throws -> String? {
            try connection.scalar("""
                SELECT concat_ws(' ',
                       CASE WHEN c.relkind = 'p'
                            THEN (SELECT bool_and(leaf.last_vacuum IS NOT NULL) FROM pg_partition_tree(c.oid) AS t
                                    JOIN pg_stat_user_tables AS leaf ON leaf.relid = t.relid WHERE t.isleaf)
                            ELSE s.last_vacuum IS NOT NULL END::text,
                       (s.last_analyze IS NOT NULL)::text, c.reltuples::bigint)
                  FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
                 WHERE s.schemaname = 'carelog' AND s.relname = \(table)
                """)
        }

        @Test("seed vacuums and analyses what it wrote, and analyses the audit trail")
        func afterSeed() throws {
            let database = try TestDatabase()
            let (console, recording) = Console.recording()
            try SeedOperation.seed(
                target: database.target, scale: 1, seed: 1, endMonth: try ReportPeriod(month: "2026-10"), months: 1, console: console)
            #expect(recording.diagnostics.contains("settled 20 tables for reading (vacuumed and analysed) and analysed 2 more in "), "\(recording.diagnostics)")
            let connection = try database.connect()
            defer { connection.close() }
            for table in ["attendance", "group_session", "patient", "episode", "treatment_plan"] {
                let rows = try connection.count("carelog.\(table)")
                #expect(rows > 0)
                let settled = try state(table, connection)
                #expect(settled == "true true \(rows)", "\(table): \(settled ?? "no statistics")")
            }
            // (How much of the visibility map VACUUM fills depends on the transactions
            // other tests hold open on the shared server, so it is not asserted here;
            // scripts/bench measures what it buys.)
            let events = try connection.count("carelog.audit_event")
            let audit = try state("audit_event", connection)
            #expect(audit?.hasPrefix("false true ") == true, "\(audit ?? "no statistics")")
            #expect(events > 0)
        }

        @Test("an import of 10,000 patients settles their table; a small import or a dry run leaves it to autovacuum")
        func afterImport() throws {
            let csv = "mrn,first_name,last_name,date_of_birth,gender,site_code\n"
                + (1...10_000).map { String(format: "%06d,Pat,Doe,1980-01-01,female,NYC", $0) }.joined(separator: "\n")
            func importPatients(into database: TestDatabase, dryRun: Bool = false) throws -> (ImportSummary, String) {
                try importCSV("sites", ImportFixture.csv("sites"), into: database)
                let (console, recording) = Console.recording()
                let summary = try ImportOperation.run(
                    target: database.target, kind: "patients", input: .bytes(Array((csv + "\n").utf8)), dryRun: dryRun,
                    actingStaff: nil, console: console)
                return (summary, recording.diagnostics)
            }
            let large = try TestDatabase()
            let (summary, diagnostics) = try importPatients(into: large)
            #expect(summary.inserted == 10_000)
            #expect(diagnostics.contains("settled 1 table for reading (vacuumed and analysed) in "), "\(diagnostics)")
            let connection = try large.connect()
            defer { connection.close() }
            #expect(try state("patient", connection) == "true true 10000")

            // Two sites: far below the threshold, left to autovacuum.
            let small = try TestDatabase()
            try importCSV("sites", ImportFixture.csv("sites"), into: small)
            let smallConnection = try small.connect()
            defer { smallConnection.close() }
            #expect(try state("site", smallConnection)?.hasPrefix("false false ") == true)

            // A dry run writes nothing and settles nothing.
            let dry = try TestDatabase()
            let (drySummary, dryDiagnostics) = try importPatients(into: dry, dryRun: true)
            #expect(drySummary.inserted == 10_000 && drySummary.dryRun)
            #expect(!dryDiagnostics.contains("settled"))
        }
    }
}
