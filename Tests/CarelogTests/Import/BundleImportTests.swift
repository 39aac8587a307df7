import Foundation
import Postgres
import Testing

@testable import Carelog

extension DatabaseTests {
    @Suite("import bundle")
    struct BundleImportTests {
        /// Rows whose text starts with every character the guard knows, in text columns
        /// and in codes, on top of ImportFixture, all in October 2026 (imported as plain
        /// files, so the apostrophes below are data).
        static let formulaFiles: [(kind: String, csv: String)] = [
            ("sites", "site_code,name,timezone\n@SF,\"=HYPERLINK(\"\"http://x\"\")\",America/Los_Angeles"),
            ("staff", "staff_id,first_name,last_name,role,credentials,site_code,active\n'T9,+Ann,-Lee,therapist,'',@SF,true"),
            ("patients", """
                mrn,first_name,last_name,date_of_birth,gender,site_code
                =00990,\tTab,'Quoted,1970-01-01,unknown,@SF
                00991,''Twice,Plain,1971-02-02,female,NYC
                """),
            ("episodes", "mrn,admitted_on,level_of_care\n=00990,2026-10-02,3.5\n00991,2026-10-03,2.1"),
            ("plans", "plan_code,mrn,created_on,author\n=P-990,=00990,2026-10-02,'T9"),
            ("goals", "plan_code,goal_code,domain,description\n=P-990,-G1,recovery,'=1+1"),
            ("reviews", "plan_code,reviewed_on,reviewer,note\n=P-990,2026-10-09,'T9,\"\nstarts with a line feed\""),
            ("groups", "group_code,name,modality,kind,site_code,facilitator\n+GRP,@Group,process,open,@SF,'T9"),
            ("sessions", "group_code,starts_at,facilitator\n+GRP,2026-10-08 10:00,'T9"),
            ("attendance", "group_code,starts_at,mrn,status,recorded_by,recorded_at\n+GRP,2026-10-08 10:00,=00990,present,'T9,2026-10-08 11:30"),
            ("roll-closures", "group_code,starts_at,closed_by,closed_at\n+GRP,2026-10-08 10:00,'T9,2026-10-08 11:35"),
            ("screens", "mrn,collected_on,result,substances\n00991,2026-10-12,negative,+opioids"),
            ("consents", "mrn,recipient,purpose,signed_on,expires_on\n00991,=State board,@annual audit,2026-09-15,2027-09-15"),
            ("measures", "mrn,admitted_on,time_point,primary_substance,age_at_first_use,self_help_frequency\n00991,2026-10-03,admission,5,19,-9"),
        ]

        /// Rows per table file of the October export: ImportFixture's (ExportTests.octoberRows)
        /// plus one per row of `formulaFiles`.
        static let octoberRows: [String: Int] = [
            "sites.csv": 3, "staff.csv": 3, "patients.csv": 5, "episodes.csv": 5, "assignments.csv": 3,
            "plans.csv": 3, "plan-requirements.csv": 3, "goals.csv": 3, "reviews.csv": 2, "groups.csv": 4,
            "enrollments.csv": 2, "sessions.csv": 5, "attendance.csv": 5, "assessments.csv": 1, "screens.csv": 1,
            "measures.csv": 1, "roll-closures.csv": 1, "consents.csv": 1,
        ]
        static let totalRows = 51
        /// The credential and service-code lists (18 and 3 rows) that every database
        /// holds from sql/018: exported, and unchanged when imported back.
        static let referenceListRows = 21

        static let tableFiles = [
            "sites.csv", "staff.csv", "patients.csv", "episodes.csv", "assignments.csv", "plans.csv",
            "plan-requirements.csv", "goals.csv", "reviews.csv", "groups.csv", "enrollments.csv", "sessions.csv",
            "attendance.csv", "roll-closures.csv", "assessments.csv", "screens.csv", "consents.csv", "credentials.csv",
            "service-codes.csv", "session-notes.csv", "participant-notes.csv", "note-addenda.csv", "measures.csv",
        ]

        func scratchFolder() -> URL {
            ScratchFolder.url("bundle-test")
        }

        /// A database holding ImportFixture and the formula-like rows.
        func source() throws -> TestDatabase {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            for file in Self.formulaFiles {
                try importCSV(file.kind, file.csv, into: database)
            }
            return database
        }

        @discardableResult
        func export(_ database: TestDatabase, into folder: URL, pseudonymizer: Pseudonymizer? = nil) throws -> ExportManifest {
            let (console, _) = Console.recording()
            return try ExportOperation.export(
                target: database.target, from: "2026-10-01", to: "2026-10-31", site: nil, directory: folder.path,
                pseudonymizer: pseudonymizer, console: console)
        }

        func importBundle(
            _ folder: URL, into database: TestDatabase, dryRun: Bool = false, by staff: String? = nil
        ) throws -> (summary: BundleImportSummary, output: String) {
            let (console, recording) = Console.recording()
            let summary = try BundleImportOperation.run(
                target: database.target, directory: folder.path, dryRun: dryRun, actingStaff: staff, console: console)
            return (summary, recording.output)
        }

        /// The refusal of an import that must be refused.
        func refused(_ folder: URL, into database: TestDatabase, by staff: String? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) -> CarelogError? {
            #expect(throws: CarelogError.self, sourceLocation: sourceLocation) {
                try importBundle(folder, into: database, by: staff)
            }
        }

        func bytes(_ folder: URL, _ name: String) throws -> Data {
            try Data(contentsOf: folder.appendingPathComponent(name))
        }

        func auditBatchCount(_ database: TestDatabase) throws -> Int {
            let connection = try database.connect()
            defer { connection.close() }
            return try connection.count("carelog.audit_batch")
        }

        func isEmpty(_ database: TestDatabase) throws -> Bool {
            try database.tableCounts().values.allSatisfy { $0 == 0 }
        }

        @Test("a bundle with formula-like text re-imports to the same rows: a second export is byte for byte the first")
        func lossless() throws {
            let original = try source()
            let first = scratchFolder()
            defer { try? FileManager.default.removeItem(at: first) }
            let manifest = try export(original, into: first)
            for (name, rows) in Self.octoberRows {
                #expect(manifest.file(named: name)?.rows == rows, "\(name)")
            }
            // The cells as written, by hand from the rule.
            let patients = String(decoding: try bytes(first, "patients.csv"), as: UTF8.self)
            #expect(patients.contains("\n'=00990,'\tTab,''Quoted,1970-01-01,unknown,'@SF\n"))
            #expect(patients.contains("\n00991,'''Twice,Plain,1971-02-02,female,NYC\n"))
            #expect(String(decoding: try bytes(first, "staff.csv"), as: UTF8.self)
                .contains("\n''T9,'+Ann,'-Lee,therapist,''','@SF,true\n"))

            let copy = try TestDatabase()
            let (summary, output) = try importBundle(first, into: copy)
            #expect(summary.inserted == Self.totalRows)
            #expect(summary.updated == 0 && summary.unchanged == Self.referenceListRows)
            #expect(summary.files.map(\.kind) == Self.tableFiles)
            let lines = output.split(separator: "\n").map(String.init)
            #expect(lines.count == 25)
            #expect(lines.first == "sites.csv: 3 records; 3 inserted, 0 updated, 0 unchanged")
            #expect(lines.last == "total: 72 records in 23 files; 51 inserted, 0 updated, 21 unchanged")
            #expect(lines.contains("audit.csv: not imported (this database's audit trail records the import itself)"))

            // The stored values are the original ones, apostrophes that were data included.
            let connection = try copy.connect()
            defer { connection.close() }
            let rows = try connection.query("""
                SELECT p.first_name, p.last_name, s.site_code, s.name
                  FROM carelog.patient p JOIN carelog.site s ON s.id = p.site_id WHERE p.mrn = '=00990'
                """)
            #expect(rows.count == 1)
            #expect(try rows.first?.decode("first_name", as: String.self) == "\tTab")
            #expect(try rows.first?.decode("last_name", as: String.self) == "'Quoted")
            #expect(try rows.first?.decode("site_code", as: String.self) == "@SF")
            #expect(try rows.first?.decode("name", as: String.self) == "=HYPERLINK(\"http://x\")")
            #expect(try connection.scalar("SELECT first_name FROM carelog.patient WHERE mrn = '00991'") == "''Twice")
            #expect(try connection.scalar("SELECT credentials FROM carelog.staff WHERE staff_id = '''T9'") == "''")
            #expect(try connection.scalar("SELECT description FROM carelog.plan_goal WHERE goal_code = '-G1'") == "'=1+1")
            #expect(try connection.scalar("SELECT note FROM carelog.plan_review WHERE note LIKE E'\\n%'") == "\nstarts with a line feed")
            #expect(try connection.scalar("SELECT substances FROM carelog.drug_screen") == "+opioids")
            #expect(try connection.scalar("SELECT recipient || '|' || purpose || '|' || expires_on FROM carelog.consent") == "=State board|@annual audit|2027-09-15")
            #expect(try connection.scalar("""
                SELECT concat_ws(',', time_point, primary_substance, age_at_first_use, self_help_frequency, employment IS NULL)
                  FROM carelog.outcome_measure
                """) == "admission,5,19,-9,t")

            let second = scratchFolder()
            defer { try? FileManager.default.removeItem(at: second) }
            try export(copy, into: second)
            for name in Self.tableFiles {
                #expect(try bytes(second, name) == (try bytes(first, name)), "\(name)")
            }
        }

        @Test("importing the same bundle twice changes nothing the second time; a dry run writes nothing")
        func idempotent() throws {
            let original = try source()
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try export(original, into: folder)

            let copy = try TestDatabase()
            let (dry, dryOutput) = try importBundle(folder, into: copy, dryRun: true)
            #expect(dry.inserted == Self.totalRows)
            #expect(try isEmpty(copy))
            #expect(dryOutput.hasSuffix(
                "total (dry run, nothing written): 72 records in 23 files checked; would insert 51, update 0, leave 21 unchanged\n"))

            _ = try importBundle(folder, into: copy)
            let counts = try copy.tableCounts()
            let auditBatches = try auditBatchCount(copy)
            let (again, output) = try importBundle(folder, into: copy)
            #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == Self.totalRows + Self.referenceListRows)
            #expect(output.hasSuffix("total: 72 records in 23 files; 0 inserted, 0 updated, 72 unchanged\n"))
            #expect(try copy.tableCounts() == counts)
            #expect(try auditBatchCount(copy) == auditBatches)
        }

        @Test("a damaged or foreign folder is refused with exit status 3 before anything is written; a file is a usage error")
        func damaged() throws {
            let original = try source()
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try export(original, into: folder)
            let target = try TestDatabase()
            let manager = FileManager.default

            // A changed byte in the last file: every earlier file is intact and would import.
            let url = folder.appendingPathComponent("screens.csv")
            var data = try Data(contentsOf: url)
            data[data.count - 3] ^= 0x01
            try data.write(to: url)
            let flipped = refused(folder, into: target)
            #expect(flipped?.exitCode == 3)
            #expect(flipped?.message == "the bundle in \(folder.path) is not intact: screens.csv")
            #expect(flipped?.suggestion?.hasPrefix("screens.csv: altered (SHA-256 ") == true)
            #expect(flipped?.suggestion?.hasSuffix("\nNothing was written.") == true)
            #expect(try isEmpty(target))

            // A folder without a manifest (a monthly report bundle, or anything else).
            let foreign = scratchFolder()
            defer { try? manager.removeItem(at: foreign) }
            try manager.createDirectory(at: foreign, withIntermediateDirectories: true)
            try Data("site_code,name,timezone\r\n".utf8).write(to: foreign.appendingPathComponent("sites.csv"))
            let noManifest = refused(foreign, into: target)
            #expect(noManifest?.exitCode == 3)
            #expect(noManifest?.message.hasPrefix("\(foreign.path) is not an export bundle: there is no readable manifest.json") == true)

            // A manifest that does not list the files of an export (audit.csv dropped from it).
            try manager.removeItem(at: foreign)
            try manager.copyItem(at: folder, to: foreign)
            var manifest = try JSONDecoder().decode(ExportManifest.self, from: bytes(folder, "manifest.json"))
            manifest.files.removeAll { $0.name == "audit.csv" }
            try manifest.json().write(to: foreign.appendingPathComponent("manifest.json"))
            try manager.removeItem(at: foreign.appendingPathComponent("audit.csv"))
            let partial = refused(foreign, into: target)
            #expect(partial?.exitCode == 3)
            #expect(partial?.message == "\(foreign.path) is not an export bundle: its manifest does not list the files of an export")
            #expect(partial?.suggestion == "audit.csv: not in manifest.json\nNothing was written.")

            let file = folder.appendingPathComponent("sites.csv")
            let notFolder = refused(file, into: target)
            #expect(notFolder?.exitCode == 2)
            #expect(try isEmpty(target))
        }

        @Test("a pseudonymised bundle is refused: its MRNs are pseudonyms")
        func pseudonymised() throws {
            let original = try source()
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try export(original, into: folder, pseudonymizer: try Pseudonymizer(key: Data("bundle-test-key-0123456789abcdef".utf8)))
            let target = try TestDatabase()
            let error = refused(folder, into: target)
            #expect(error?.exitCode == 3)
            #expect(error?.message == "the bundle in \(folder.path) is pseudonymised: its MRNs are pseudonyms and its patients have no names or dates of birth")
            #expect(try isEmpty(target))
        }

        @Test("a refused row in one file writes nothing of any file, and is named by file, line and column")
        func allOrNothing() throws {
            let original = try source()
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try export(original, into: folder)

            // The target already holds patient 00912 with an open episode from August,
            // which the bundle's episode from 2026-09-01 (episodes.csv, line 2) overlaps.
            let target = try TestDatabase()
            try importCSV("sites", ImportFixture.csv("sites"), into: target)
            try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n00912,Fay,Moss,1990-04-01,female,NYC",
                          into: target)
            try importCSV("episodes", "mrn,admitted_on,level_of_care\n00912,2026-08-01,3.5", into: target)
            let before = try target.tableCounts()

            let error = refused(folder, into: target)
            #expect(error?.exitCode == 3)
            #expect(error?.message == "the bundle import was refused: 1 problem")
            let lines = (error?.suggestion ?? "").split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines.first?.hasPrefix("episodes.csv, line 2, column ") == true, "\(lines)")
            #expect(lines.last == "Correct the file and import it again; nothing was written.")
            #expect(try target.tableCounts() == before)
        }

        @Test("--by may name a staff member the bundle brings; one it does not is exit 2 with nothing written")
        func actingStaff() throws {
            let original = try source()
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try export(original, into: folder)

            let target = try TestDatabase()
            let unknown = refused(folder, into: target, by: "NOPE")
            #expect(unknown?.exitCode == 2)
            #expect(unknown?.message == "--by names no staff member: there is no staff ID \"NOPE\"")
            #expect(try isEmpty(target))

            _ = try importBundle(folder, into: target, by: "T001")
            let connection = try target.connect()
            defer { connection.close() }
            // The audit trigger checks the acting staff member on every write: sites.csv
            // and staff.csv, written before T001 exists, are recorded under the login alone.
            #expect(try connection.scalar("""
                SELECT string_agg(coalesce(acting_staff, '-') || ' ' || table_name, ', ' ORDER BY id) FROM carelog.audit_batch
                 WHERE table_name IN ('site', 'staff', 'patient')
                """) == "- site, - staff, T001 patient")
        }

        @Test("through the binary: a damaged bundle exits 3 and writes nothing; an intact one exits 0")
        func binary() throws {
            let original = try source()
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try export(original, into: folder)
            let target = try TestDatabase()

            let damaged = scratchFolder()
            defer { try? FileManager.default.removeItem(at: damaged) }
            try FileManager.default.copyItem(at: folder, to: damaged)
            try Data("extra".utf8).write(to: damaged.appendingPathComponent("notes.txt"))

            let refusedRun = try CarelogBinary.run(["import", "bundle", damaged.path] + target.databaseArguments)
            #expect(refusedRun.status == 3, "\(refusedRun)")
            #expect(refusedRun.errorLines.contains("carelog: error: the bundle in \(damaged.path) is not intact: notes.txt"), "\(refusedRun)")
            #expect(refusedRun.output == "")
            #expect(try isEmpty(target))

            let accepted = try CarelogBinary.run(["import", "bundle", folder.path] + target.databaseArguments)
            #expect(accepted.status == 0, "\(accepted)")
            #expect(accepted.outputLines.dropLast().last == "total: 72 records in 23 files; 51 inserted, 0 updated, 21 unchanged")
        }

        @Test("--manifest-sha256: a bundle whose file and manifest hash were both edited checks against itself, but not against the hash the export printed")
        func manifestDigest() throws {
            let original = try source()
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try export(original, into: folder)
            let printed = Digest.sha256Hex(try bytes(folder, "manifest.json"))

            // The forger edits a session's facilitator and writes the file's new hash into the manifest.
            let sessions = folder.appendingPathComponent("sessions.csv")
            let before = try bytes(folder, "sessions.csv")
            let after = Data(String(decoding: before, as: UTF8.self).replacingOccurrences(of: ",T001,", with: ",T002,").utf8)
            #expect(after != before)
            try after.write(to: sessions)
            let manifestURL = folder.appendingPathComponent("manifest.json")
            let manifest = String(decoding: try bytes(folder, "manifest.json"), as: UTF8.self)
                .replacingOccurrences(of: Digest.sha256Hex(before), with: Digest.sha256Hex(after))
            try Data(manifest.utf8).write(to: manifestURL)

            let selfConsistent = try CarelogBinary.run(["export", "verify", "-q", folder.path])
            #expect(selfConsistent.status == 0 && selfConsistent.output == "" && selfConsistent.error == "", "\(selfConsistent)")

            let verify = try CarelogBinary.run(["export", "verify", "--manifest-sha256", printed, folder.path])
            #expect(verify.status == 1, "\(verify)")
            #expect(verify.errorLines.first == "carelog: error: the bundle in \(folder.path) is not the one expected: manifest.json has SHA-256 "
                    + "\(Digest.sha256Hex(Data(manifest.utf8)).prefix(12))…, not the \(printed.prefix(12))… given with --manifest-sha256: "
                    + "the bundle is not the export that printed it, or it was changed since", "\(verify)")

            let target = try TestDatabase()
            let imported = try CarelogBinary.run(["import", "bundle", folder.path, "--manifest-sha256", printed.uppercased()]
                                                 + target.databaseArguments)
            #expect(imported.status == 3, "\(imported)")
            #expect(try isEmpty(target))

            let malformed = try CarelogBinary.run(["export", "verify", "--manifest-sha256", "abc", folder.path])
            #expect(malformed.status == 2, "\(malformed)")
            let notBundle = try CarelogBinary.run(["import", "patients", "p.csv", "--manifest-sha256", printed] + target.databaseArguments)
            #expect(notBundle.status == 2, "\(notBundle)")
        }
    }
}
