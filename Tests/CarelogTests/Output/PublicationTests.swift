import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// A bundle appears whole, only with its run-log row, and a second run never
    /// damages the first (issue: a bundle damaged by a second run).
    @Suite("output: bundles published whole, with their run log")
    struct PublicationTests {
        let october = try! ReportPeriod(month: "2026-10")

        private func scratch() -> URL {
            ScratchFolder.url("publication")
        }

        /// Every file of a folder with its content, hidden ones included.
        private func snapshot(_ folder: URL) throws -> [String: Data] {
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
            }
            return files
        }

        /// Entries of the folder that holds `target`, other than `target` itself:
        /// staging or set-aside folders a run must not leave behind.
        private func leftovers(beside target: URL) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
                .filter { $0.hasPrefix(".\(target.lastPathComponent).") }
        }

        private func runLogRows(_ database: TestDatabase, _ command: String) throws -> String? {
            let connection = try database.connect()
            defer { connection.close() }
            return try connection.scalar("SELECT count(*) FROM carelog.run_log WHERE command = \(command)")
        }

        @Test("a bundle takes its final name only after its record is committed, so a kill in between never publishes it unrecorded")
        func publishedAfterCommit() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            // The server looks for the bundle at the moment the run's transaction commits:
            // a deferred trigger on the run log fires at COMMIT, and notes whether the
            // bundle's final path exists then. (The folder above it is open to the server.)
            let parent = scratch()
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            defer { try? FileManager.default.removeItem(at: parent) }
            let target = parent.appendingPathComponent("bundle")
            let connection = try database.connect()
            defer { connection.close() }
            try connection.executeScript("""
                CREATE TABLE public.seen_at_commit (path_exists boolean);
                GRANT INSERT ON public.seen_at_commit TO PUBLIC;
                CREATE FUNCTION public.look_at_commit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
                BEGIN
                    INSERT INTO public.seen_at_commit VALUES ((pg_stat_file('\(target.path)', true)).modification IS NOT NULL);
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER look_at_commit AFTER INSERT ON carelog.run_log
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.look_at_commit();
                """)
            let (console, _) = Console.recording()
            try ReportOperation.monthly(target: database.target, period: october, site: nil, directory: target.path,
                                        privacy: .none, spreadsheets: false, console: console)
            #expect(try connection.scalar("SELECT string_agg(path_exists::text, ' ') FROM public.seen_at_commit") == "false")
            #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("manifest.json").path))
            #expect(try leftovers(beside: target).isEmpty)
        }

        @Test("report monthly into a folder that holds a bundle is refused before anything is touched")
        func monthlyRefusesExistingBundle() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            try ReportOperation.monthly(target: database.target, period: october, site: nil, directory: folder.path, privacy: .none, console: console)
            let first = try snapshot(folder)
            #expect(first.count == 25)  // 11 CSV, 11 xlsx, summary.txt, summary.html, manifest.json

            let error = #expect(throws: CarelogError.self) {
                try ReportOperation.monthly(target: database.target, period: october, site: nil, directory: folder.path, privacy: .none, console: console)
            }
            #expect(error?.exitCode == 2)
            #expect(error?.message == "--out \(folder.path) already exists and is not empty")
            #expect(try snapshot(folder) == first)
            #expect(try leftovers(beside: folder).isEmpty)
            #expect(try runLogRows(database, "report monthly") == "1")
        }

        @Test("--replace swaps the whole bundle and leaves nothing beside it")
        func monthlyReplaces() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            try ReportOperation.monthly(target: database.target, period: october, site: nil, directory: folder.path, privacy: .none, console: console)
            try Data("old".utf8).write(to: folder.appendingPathComponent("notes.txt"))
            let manifest = try ReportOperation.monthly(
                target: database.target, period: try ReportPeriod(month: "2026-09"), site: nil, directory: folder.path, replace: true,
                privacy: .none, console: console)
            #expect(manifest.parameters.month == "2026-09")
            // The earlier bundle is gone whole: its stray file too.
            #expect(try snapshot(folder).keys.sorted() == [
                "documentation-gaps.csv", "documentation-gaps.xlsx", "group-attendance.csv", "group-attendance.xlsx",
                "group-services.csv", "group-services.xlsx", "late-changes.csv", "late-changes.xlsx", "manifest.json", "noms.csv", "noms.xlsx",
                "outcomes.csv", "outcomes.xlsx", "patient-participation.csv", "patient-participation.xlsx",
                "plan-status.csv", "plan-status.xlsx", "summary.html", "summary.txt", "teds-admissions.csv", "teds-admissions.xlsx",
                "teds-discharges.csv", "teds-discharges.xlsx", "therapist-caseload.csv",
                "therapist-caseload.xlsx",
            ])
            #expect(try leftovers(beside: folder).isEmpty)
            #expect(try runLogRows(database, "report monthly") == "2")
        }

        @Test("--replace refuses a folder that holds no bundle")
        func replaceOnlyABundle() throws {
            let database = try TestDatabase()
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("mine".utf8).write(to: folder.appendingPathComponent("thesis.txt"))
            let (console, _) = Console.recording()
            let error = #expect(throws: CarelogError.self) {
                try ReportOperation.monthly(
                    target: database.target, period: october, site: nil, directory: folder.path, replace: true, privacy: .none, console: console)
            }
            #expect(error?.exitCode == 2)
            #expect(try snapshot(folder) == ["thesis.txt": Data("mine".utf8)])
        }

        /// The run is recorded in the transaction that publishes the files; when that
        /// transaction cannot commit (here a deferred trigger fails at COMMIT, after the
        /// rename, as a dropped connection would), the publication is taken back.
        @Test("no bundle without its run-log row: a failed commit takes the new bundle back and restores the old one")
        func failedCommitUnpublishes() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            try ReportOperation.monthly(target: database.target, period: october, site: nil, directory: folder.path, privacy: .none, console: console)
            let first = try snapshot(folder)

            let admin = try database.connect()
            defer { admin.close() }
            try admin.query("CREATE FUNCTION public.never_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the log cannot be written'; END $$")
            try admin.query("""
                CREATE CONSTRAINT TRIGGER fail_at_commit AFTER INSERT ON carelog.run_log
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.never_commit()
                """)

            let replaced = #expect(throws: CarelogError.self) {
                try ReportOperation.monthly(
                    target: database.target, period: try ReportPeriod(month: "2026-09"), site: nil, directory: folder.path, replace: true,
                    privacy: .none, console: console)
            }
            #expect(replaced?.exitCode == 1)
            #expect(replaced?.message == "the database refused: the log cannot be written")
            #expect(try snapshot(folder) == first)
            #expect(try leftovers(beside: folder).isEmpty)

            let fresh = scratch()
            let refused = #expect(throws: CarelogError.self) {
                try ReportOperation.monthly(target: database.target, period: october, site: nil, directory: fresh.path, privacy: .none, console: console)
            }
            #expect(refused?.exitCode == 1)
            #expect(!FileManager.default.fileExists(atPath: fresh.path))
            #expect(try leftovers(beside: fresh).isEmpty)

            let file = scratch().appendingPathExtension("csv")
            #expect(throws: CarelogError.self) {
                try ReportOperation.run(
                    target: database.target, name: "group-attendance", period: october, site: nil, format: .csv,
                    output: file.path, privacy: .none, console: console)
            }
            #expect(!FileManager.default.fileExists(atPath: file.path))
            #expect(try leftovers(beside: file).isEmpty)
            #expect(try runLogRows(database, "report monthly") == "1")
        }

        @Test("export into a folder that holds an export is refused unless --replace")
        func exportRefusesThenReplaces() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            try ExportOperation.export(
                target: database.target, from: "2026-10-01", to: "2026-10-31", site: nil, directory: folder.path,
                pseudonymizer: nil, console: console)
            let first = try snapshot(folder)
            let error = #expect(throws: CarelogError.self) {
                try ExportOperation.export(
                    target: database.target, from: "2026-10-06", to: "2026-10-06", site: nil, directory: folder.path,
                    pseudonymizer: nil, console: console)
            }
            #expect(error?.exitCode == 2)
            #expect(try snapshot(folder) == first)
            let manifest = try ExportOperation.export(
                target: database.target, from: "2026-10-06", to: "2026-10-06", site: nil, directory: folder.path, replace: true,
                pseudonymizer: nil, console: console)
            #expect(manifest.file(named: "sessions.csv")?.rows == 1)
            #expect(try ExportOperation.verify(directory: folder.path, console: console).isIntact)
            #expect(try leftovers(beside: folder).isEmpty)
        }

        @Test("bundle files are 0600 and the folder 0700, whatever the umask")
        func permissions() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            let previous = umask(0)
            defer { umask(previous) }
            try ReportOperation.monthly(target: database.target, period: october, site: nil, directory: folder.path, privacy: .none, console: console)
            let manager = FileManager.default
            #expect((try manager.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int) == 0o700)
            for name in try manager.contentsOfDirectory(atPath: folder.path) {
                let mode = try manager.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(name)")
            }
        }
    

        @Test("--out naming a symbolic link is refused (exit 2): the link and what it points to stay as they were")
        func symbolicLinkRefused() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let pointedTo = folder.appendingPathComponent("elsewhere.csv"), link = folder.appendingPathComponent("report.csv")
            try Data("kept\n".utf8).write(to: pointedTo)
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: pointedTo)
            let report = try CarelogBinary.run(["report", "group-attendance", "--month", "2026-10", "--format", "csv", "--out", link.path]
                + database.databaseArguments)
            #expect(report.status == 2, "\(report)")
            #expect(report.errorLines.contains("carelog: error: --out \(link.path) is a symbolic link; carelog does not write through or over one"),
                    "\(report)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == pointedTo.path)
            #expect(try String(contentsOf: pointedTo, encoding: .utf8) == "kept\n")
            // A folder's link, for an export.
            let target = folder.appendingPathComponent("target"), folderLink = folder.appendingPathComponent("export")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: folderLink, withDestinationURL: target)
            let export = try CarelogBinary.run(["export", "--from", "2026-10-01", "--to", "2026-10-31", "--out", folderLink.path]
                + database.databaseArguments)
            #expect(export.status == 2, "\(export)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == [])
        }
    }
}
