import Carelog
import Foundation
import Postgres
import Testing

/// Reports and exports read from a hot standby (docs/reports.md, docs/scale-out.md): the same bytes as on the
/// primary, the run recorded on the primary, and a refusal before reading anything
/// when the run cannot be recorded.
@Suite("reports and exports on a hot standby", .standbyPair, .serialized, .timeLimit(.minutes(TestTimeLimit.minutes)))
struct StandbyTests {
    private var pair: StandbyPair {
        get throws {
            guard let pair = StandbyPair.current else { throw CarelogError(.failure, "needs the standby pair trait") }
            return pair
        }
    }

    private static let october = try! ReportPeriod(month: "2026-10")

    /// The fixture on the primary, once for the suite (the suite runs in order).
    private func loadFixtureOnce() throws {
        let pair = try pair
        let connection = try pair.connect(pair.primary)
        defer { connection.close() }
        if try connection.count("carelog.site") == 0 {
            let (console, _) = Console.recording()
            for file in ImportFixture.files {
                try ImportOperation.run(
                    target: pair.target(pair.primary), kind: file.kind, input: .bytes(Array((file.csv + "\n").utf8)),
                    dryRun: false, actingStaff: nil, console: console)
            }
        }
        try pair.waitForReplay()
    }

    private func runLogCount(_ cluster: LocalCluster) throws -> Int {
        let pair = try pair
        let connection = try pair.connect(cluster)
        defer { connection.close() }
        return try connection.count("carelog.run_log")
    }

    private func scratch(_ name: String) -> URL {
        ScratchFolder.url(name)
    }

    private func files(in folder: URL) throws -> [String: Data] {
        var contents: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            contents[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return contents
    }

    @Test("the monthly bundle on the standby is the same bytes as on the primary; its run is logged on the primary")
    func monthlyBundle() throws {
        let pair = try pair
        try loadFixtureOnce()
        let onPrimary = scratch("bundle-primary"), onStandby = scratch("bundle-standby")
        defer {
            try? FileManager.default.removeItem(at: onPrimary)
            try? FileManager.default.removeItem(at: onStandby)
        }
        let logsBefore = try runLogCount(pair.primary)
        let (console, recording) = Console.recording()
        let primaryManifest = try ReportOperation.monthly(
            target: pair.target(pair.primary), period: Self.october, site: nil, directory: onPrimary.path, privacy: .none, console: console)
        let standbyManifest = try ReportOperation.monthly(
            target: pair.target(pair.standby), log: pair.target(pair.primary), period: Self.october, site: nil,
            directory: onStandby.path, privacy: .none, console: console)
        #expect(recording.diagnostics.contains("is a hot standby: reading there, recording the run on its primary"))

        // Every CSV file and summary.txt: the same bytes.
        let primaryFiles = try files(in: onPrimary), standbyFiles = try files(in: onStandby)
        #expect(primaryFiles.keys.sorted() == standbyFiles.keys.sorted())
        #expect(primaryFiles.count == 25)  // 11 reports as CSV and .xlsx, summary.txt, summary.html, manifest.json
        for (name, data) in primaryFiles where name != "manifest.json" {
            #expect(standbyFiles[name] == data, "\(name) differs between primary and standby")
        }
        // The manifests: the same files, hashes, database and audit head; only the
        // standby's says where it had replayed to, and their snapshot times differ.
        #expect(standbyManifest.files == primaryManifest.files)
        // The primary's run is itself audited (run_log, docs/record-integrity.md): once
        // the standby has replayed it, its head is that later batch. Either way the head
        // is never older than the primary's, and the same batch has the same hash.
        let standbyHead = try #require(standbyManifest.auditHead), primaryHead = try #require(primaryManifest.auditHead)
        #expect(standbyHead.batchID >= primaryHead.batchID)
        if standbyHead.batchID == primaryHead.batchID { #expect(standbyHead == primaryHead) }
        #expect(standbyManifest.database == "carelog")
        #expect(primaryManifest.standby == nil)
        let position = try #require(standbyManifest.standby)
        #expect(position.replayedLSN.contains("/"))
        #expect(position.replayedCommitTime.hasSuffix("Z"))
        let primaryJSON = String(decoding: try #require(primaryFiles["manifest.json"]), as: UTF8.self)
        #expect(!primaryJSON.contains("standby"))

        // Both runs were recorded on the primary, and the standby replays them.
        #expect(try runLogCount(pair.primary) == logsBefore + 2)
        try pair.waitForReplay()
        let replayed = try runLogCount(pair.standby)
        #expect(replayed == logsBefore + 2, "\(replayed) \(logsBefore)")
        let primary = try pair.connect(pair.primary)
        defer { primary.close() }
        #expect(try primary.scalar("SELECT snapshot_time FROM carelog.run_log ORDER BY id DESC LIMIT 1") == standbyManifest.snapshotTime)
    }

    @Test("an export on the standby is the same bytes as on the primary")
    func export() throws {
        let pair = try pair
        try loadFixtureOnce()
        let onPrimary = scratch("export-primary"), onStandby = scratch("export-standby")
        defer {
            try? FileManager.default.removeItem(at: onPrimary)
            try? FileManager.default.removeItem(at: onStandby)
        }
        let logsBefore = try runLogCount(pair.primary)
        let (console, _) = Console.recording()
        let primaryManifest = try ExportOperation.export(
            target: pair.target(pair.primary), from: "2026-09-01", to: "2026-10-31", site: nil, directory: onPrimary.path,
            pseudonymizer: nil, console: console)
        let standbyManifest = try ExportOperation.export(
            target: pair.target(pair.standby), log: pair.target(pair.primary), from: "2026-09-01", to: "2026-10-31", site: nil,
            directory: onStandby.path, pseudonymizer: nil, console: console)
        let primaryFiles = try files(in: onPrimary), standbyFiles = try files(in: onStandby)
        #expect(primaryFiles.count == 49)  // 24 tables as CSV and .xlsx, manifest.json
        for (name, data) in primaryFiles where name != "manifest.json" {
            #expect(standbyFiles[name] == data, "\(name) differs between primary and standby")
        }
        #expect(standbyManifest.files == primaryManifest.files)
        #expect(standbyManifest.files.first { $0.name == "attendance.csv" }?.rows == 4)
        #expect(standbyManifest.standby != nil && primaryManifest.standby == nil)
        #expect(try runLogCount(pair.primary) == logsBefore + 2)
        let (verifying, _) = Console.recording()
        #expect(try ExportOperation.verify(directory: onStandby.path, console: verifying).isIntact)
    }

    @Test("a disclosure read on the standby is recorded on the primary, with its acting staff member and patients")
    func disclosureOnStandby() throws {
        let pair = try pair
        try loadFixtureOnce()
        let folder = scratch("disclosure-standby")
        defer { try? FileManager.default.removeItem(at: folder) }
        let primary = try pair.connect(pair.primary)
        defer { primary.close() }
        let disclosuresBefore = try primary.scalar("SELECT count(*) FROM carelog.disclosure")
        let (console, _) = Console.recording()
        let manifest = try ExportOperation.export(
            target: pair.target(pair.standby), log: pair.target(pair.primary), from: "2026-09-01", to: "2026-10-31", site: nil,
            directory: folder.path, pseudonymizer: nil,
            disclosure: try DisclosureRequest(recipient: "State licensing board", purpose: "annual audit", basis: .audit),
            actingStaff: "D001", console: console)
        #expect(manifest.file(named: "NOTICE.txt") != nil)
        #expect(manifest.standby != nil)
        let recorded = try primary.query("""
            SELECT d.recipient, d.basis, s.staff_id, (SELECT count(*) FROM carelog.disclosure_patient dp WHERE dp.disclosure_id = d.id) AS patients
              FROM carelog.disclosure d JOIN carelog.staff s ON s.id = d.acting_staff_id ORDER BY d.id DESC LIMIT 1
            """).map { row in try ["recipient", "basis", "staff_id", "patients"].map { try row[$0] as String? } }
        #expect(recorded == [["State licensing board", "audit", "D001", "3"]])
        #expect(try primary.scalar("SELECT count(*) FROM carelog.disclosure") == String(Int(disclosuresBefore ?? "0")! + 1))
    }

    @Test("a connection string naming both servers reads the standby and finds the primary to record the run")
    func discoveredPrimary() throws {
        let pair = try pair
        try loadFixtureOnce()
        let logsBefore = try runLogCount(pair.primary)
        let both = DatabaseTarget(source: .option, connectionString: "", overrides: [
            "host": "\(pair.standby.socketDirectory.path),\(pair.primary.socketDirectory.path)", "port": "5432",
            "user": LocalCluster.superuser, "dbname": LocalCluster.databaseName, "target_session_attrs": "prefer-standby",
        ])
        let (console, recording) = Console.recording()
        try ReportOperation.run(
            target: both, name: "group-attendance", period: Self.october, site: nil, format: .csv, output: nil,
            privacy: .none, console: console)
        #expect(recording.diagnostics.contains("using database carelog on socket \(pair.standby.socketDirectory.path)"))
        #expect(recording.diagnostics.contains(
            "recording the run in database carelog on socket \(pair.primary.socketDirectory.path) as postgres (the writable host of the read connection)"))
        #expect(recording.output.hasPrefix("site_code,group_code,"))
        #expect(try runLogCount(pair.primary) == logsBefore + 1)
    }

    @Test("against the standby with no primary to record on, nothing is read or written")
    func refusedWithoutPrimary() throws {
        let pair = try pair
        try loadFixtureOnce()
        let logsBefore = try runLogCount(pair.primary)
        let folder = scratch("bundle-refused")
        defer { try? FileManager.default.removeItem(at: folder) }
        let unreachable = DatabaseTarget(source: .logOption, connectionString: "", overrides: [
            "host": pair.home.appendingPathComponent("nowhere").path, "port": "5432", "user": "postgres", "dbname": "carelog",
        ])
        // No log database: the standby alone offers no writable host.
        for log in [nil, unreachable] {
            let (console, recording) = Console.recording()
            do {
                try ReportOperation.monthly(
                    target: pair.target(pair.standby), log: log, period: Self.october, site: nil, directory: folder.path,
                    privacy: .none, console: console)
                Issue.record("the bundle was written without a place to record it")
            } catch let error as CarelogError {
                #expect(error.exitCode == 1)
                #expect(error.message.contains("nothing was read"), "\(error.message)")
                #expect(log != nil || error.message.hasPrefix("the database is a hot standby (read-only) and no primary to record the run on was found"))
                #expect(log == nil || error.message.hasPrefix("the run cannot be recorded, so nothing was read: could not connect to the database (from --log-database)"))
                #expect(error.suggestion?.contains("--log-database") == true, "\(error)")
            }
            #expect(!recording.diagnostics.contains("recording the run in"))
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)
                .filter { $0.hasPrefix("." + folder.lastPathComponent) }
            #expect(leftovers.isEmpty)
        }
        #expect(try runLogCount(pair.primary) == logsBefore)
    }

    @Test("a log database that is a standby, or another database, is refused before reading")
    func wrongLogDatabase() throws {
        let pair = try pair
        try loadFixtureOnce()
        let admin = try Connection(connectionString: "", overrides: pair.primary.connectionParameters(database: "postgres"))
        defer { admin.close() }
        if try admin.scalar("SELECT count(*) FROM pg_database WHERE datname = 'carelog_other'") == "0" {
            try admin.query("CREATE DATABASE carelog_other")
            let other = try Connection(connectionString: "", overrides: pair.primary.connectionParameters(database: "carelog_other"))
            try Migrator.embedded().migrate(other)
            other.close()
        }
        let logsBefore = try runLogCount(pair.primary)
        let otherDatabase = DatabaseTarget(source: .logOption, connectionString: "", overrides: pair.primary.connectionParameters(database: "carelog_other"))
        let cases: [(DatabaseTarget, String)] = [
            (pair.target(pair.standby), "is itself a standby (read-only); the run cannot be recorded there, so nothing was read"),
            (otherDatabase, "is not the database being read (nor its primary), so nothing was read"),
        ]
        for (log, expected) in cases {
            let (console, _) = Console.recording()
            do {
                try ReportOperation.run(
                    target: pair.target(pair.standby), log: log, name: "outcomes", period: Self.october, site: nil, format: .csv,
                    output: nil, privacy: .none, console: console)
                Issue.record("the report ran with a log database that cannot record it")
            } catch let error as CarelogError {
                #expect(error.exitCode == 2)
                #expect(error.message.hasSuffix(expected), "\(error.message)")
            }
        }
        #expect(try runLogCount(pair.primary) == logsBefore)
        let other = try Connection(connectionString: "", overrides: pair.primary.connectionParameters(database: "carelog_other"))
        defer { other.close() }
        #expect(try other.count("carelog.run_log") == 0)
    }

    @Test("a login that may read the standby but not write the primary's run log is refused before reading")
    func loginWithoutRunLogRights() throws {
        let pair = try pair
        try loadFixtureOnce()
        let primary = try pair.connect(pair.primary)
        defer { primary.close() }
        if try primary.scalar("SELECT count(*) FROM pg_roles WHERE rolname = 'standby_reader'") == "0" {
            try primary.query("CREATE ROLE standby_reader LOGIN BYPASSRLS IN ROLE pg_read_all_data")
        }
        try pair.waitForReplay()
        let logsBefore = try runLogCount(pair.primary)
        func target(_ cluster: LocalCluster, _ source: DatabaseTarget.Source) -> DatabaseTarget {
            var parameters = cluster.connectionParameters()
            parameters["user"] = "standby_reader"
            return DatabaseTarget(source: source, connectionString: "", overrides: parameters)
        }
        let (console, recording) = Console.recording()
        let error = #expect(throws: CarelogError.self) {
            try ReportOperation.run(
                target: target(pair.standby, .option), log: target(pair.primary, .logOption), name: "patient-participation",
                period: Self.october, site: nil, format: .csv, output: nil, privacy: .none, console: console)
        }
        #expect(error?.exitCode == 1)
        #expect(error?.message == "login standby_reader may not write the run log (carelog.run_log), so the run cannot be recorded and nothing was read")
        #expect(recording.output == "")
        #expect(try runLogCount(pair.primary) == logsBefore)
    }

    @Test("the command line: --log-database and CARELOG_LOG_DATABASE, and the refusal's exit status")
    func commandLine() throws {
        let pair = try pair
        try loadFixtureOnce()
        let logsBefore = try runLogCount(pair.primary)
        let folder = scratch("bundle-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let refused = try CarelogBinary.run([
            "report", "monthly", "--month", "2026-10", "--out", folder.path, "--database", pair.connectionString(pair.standby),
        ])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.error.contains("no primary to record the run on was found, so nothing was read"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: folder.path))

        let written = try CarelogBinary.run(
            ["report", "monthly", "--month", "2026-10", "--out", folder.path, "--database", pair.connectionString(pair.standby)],
            environment: ["CARELOG_LOG_DATABASE": pair.connectionString(pair.primary)])
        #expect(written.status == 0, "\(written)")
        #expect(written.error.contains("(from CARELOG_LOG_DATABASE)"), "\(written)")

        let exported = try CarelogBinary.run([
            "export", "--from", "2026-10-01", "--to", "2026-10-31", "--out", folder.appendingPathComponent("export").path,
            "--database", pair.connectionString(pair.standby), "--log-database", pair.connectionString(pair.primary),
        ])
        #expect(exported.status == 0, "\(exported)")
        #expect(exported.error.contains("(from --log-database)"), "\(exported)")
        #expect(try runLogCount(pair.primary) == logsBefore + 2)
    }
}
