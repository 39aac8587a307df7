import Crypto
import Foundation
import Postgres
import Testing

@testable import Carelog

extension DatabaseTests {
    @Suite("export")
    struct ExportTests {
        /// Rows of each file for October 2026, worked out from ImportFixture's CSVs
        /// (audit.csv, whose rows depend on the day the test runs, is checked apart).
        static let octoberRows: [String: Int] = [
            "sites.csv": 2,              // NYC (staff, groups, 00912, 00913), LAX (00914)
            "staff.csv": 2,              // T001, T002; D001 is referred to by nothing
            "patients.csv": 3,           // all three have an episode in October
            "episodes.csv": 3,           // 00912 open, 00913 discharged 10-20, 00914 admitted 10-01
            "assignments.csv": 3,        // all overlap October
            "plans.csv": 2,              // P-912 open, P-913 closed 10-20
            "plan-requirements.csv": 3,
            "goals.csv": 2,
            "reviews.csv": 1,            // P-912 reviewed 10-02
            "groups.csv": 3,
            "enrollments.csv": 2,
            "sessions.csv": 4,           // one of them cancelled
            "attendance.csv": 4,
            "roll-closures.csv": 0,      // ImportFixture closes no roll (RollClosureBundleTests)
            "assessments.csv": 1,        // 00912 PHQ-9 on 10-02; the others are in September
            "screens.csv": 0,            // both in September
            "consents.csv": 0,           // ImportFixture records none (BundleImportTests has one)
            "measures.csv": 0,           // ImportFixture enters none (MeasureBundleTests: the seed's)
        ]

        static let fileNames = [
            "sites.csv", "staff.csv", "patients.csv", "episodes.csv", "assignments.csv", "plans.csv",
            "plan-requirements.csv", "goals.csv", "reviews.csv", "groups.csv", "enrollments.csv", "sessions.csv",
            "attendance.csv", "roll-closures.csv", "assessments.csv", "screens.csv", "consents.csv", "measures.csv", "credentials.csv",
            "service-codes.csv", "session-notes.csv", "participant-notes.csv", "note-addenda.csv", "audit.csv",
        ]

        static let key = Data("export-test-key-0123456789abcdef".utf8)

        func scratchFolder() -> URL {
            URL(fileURLWithPath: NSTemporaryDirectory())
                .appendingPathComponent("carelog-export-test-\(UUID().uuidString.prefix(8))")
        }

        func export(
            _ database: TestDatabase, from: String = "2026-10-01", to: String = "2026-10-31", site: String? = nil,
            pseudonymizer: Pseudonymizer? = nil, into folder: URL, replace: Bool = false, spreadsheets: Bool = false,
            afterEachFile: () throws -> Void = {}
        ) throws -> ExportManifest {
            // The CSVs alone (--no-xlsx) unless asked: ExportWorkbookTests checks the workbooks.
            let (console, _) = Console.recording()
            return try ExportOperation.export(
                target: database.target, from: from, to: to, site: site, directory: folder.path, replace: replace,
                pseudonymizer: pseudonymizer, spreadsheets: spreadsheets, console: console, afterEachFile: afterEachFile)
        }

        func text(_ folder: URL, _ name: String) throws -> String {
            String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
        }

        /// Audit events whose batch was written on a day of [from, to] (UTC).
        func auditEvents(_ database: TestDatabase, from: String, to: String) throws -> Int {
            let connection = try database.connect()
            defer { connection.close() }
            return Int(try connection.scalar("""
                SELECT count(*) FROM carelog.audit_event AS e JOIN carelog.audit_batch AS b ON b.id = e.batch_id
                 WHERE b.created_at >= \(from)::date::timestamp AT TIME ZONE 'UTC'
                   AND b.created_at < (\(to)::date + 1)::timestamp AT TIME ZONE 'UTC'
                """) ?? "") ?? -1
        }

        @Test("a bundle for October holds exactly the rows of the period, and its manifest lists them with their SHA-256")
        func octoberBundle() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = try export(database, into: folder)

            #expect(manifest.files.map(\.name) == Self.fileNames)
            for (name, rows) in Self.octoberRows {
                #expect(manifest.file(named: name)?.rows == rows, "\(name)")
            }
            #expect(manifest.file(named: "audit.csv")?.rows == (try auditEvents(database, from: "2026-10-01", to: "2026-10-31")))
            #expect(manifest.parameters == .init(from: "2026-10-01", to: "2026-10-31", site: nil, deidentified: false))
            #expect(manifest.tool == "carelog \(CarelogVersion.current)")
            #expect(manifest.database == database.name)
            #expect(manifest.serverVersion >= 150000)
            #expect(manifest.auditHead?.hash.count == 64)

            // The folder holds the files and the manifest, nothing else (no staging left).
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                    == (Self.fileNames + ["manifest.json"]).sorted())
            for file in manifest.files {
                let data = try Data(contentsOf: folder.appendingPathComponent(file.name))
                #expect(Digest.sha256Hex(data) == file.sha256, "\(file.name)")
                let header = String(decoding: data.prefix { $0 != 0x0A }, as: UTF8.self)
                #expect(header == file.columns.joined(separator: ","), "\(file.name)")
            }
            let onDisk = try JSONDecoder().decode(
                ExportManifest.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
            #expect(onDisk == manifest)
            #expect(try text(folder, "manifest.json").contains("\"snapshotTime\""))

            // The import columns, natural keys, instants in UTC; beside the start, the same
            // start on the site's clock (NYC in October is UTC−4: 11:30Z is 07:30).
            #expect(try text(folder, "attendance.csv") == """
                group_code,starts_at,local_date,local_time,mrn,status,minutes_attended,recorded_by,recorded_at
                AA-AM,2026-10-05T11:30:00Z,2026-10-05,07:30:00,00912,present,60,T001,2026-10-05T12:35:00Z
                AA-AM,2026-10-05T11:30:00Z,2026-10-05,07:30:00,00913,late,45,T001,2026-10-05T12:35:00Z
                W-PROC,2026-10-05T22:00:00Z,2026-10-05,18:00:00,00912,absent,,T002,\(try recordedAt(database, group: "W-PROC"))
                M-RP,2026-10-07T21:00:00Z,2026-10-07,17:00:00,00913,left_early,30,T002,2026-10-07T22:00:00Z

                """)
            #expect(try text(folder, "staff.csv") == """
                staff_id,first_name,last_name,role,credentials,site_code,active
                T001,Ana,Reyes,therapist,LCSW,NYC,true
                T002,Ben,Okafor,counselor,CADC,NYC,true

                """)
            #expect(try text(folder, "goals.csv").contains("P-912,G1,substance_use,Abstain; attend daily meetings,2026-12-01,open,\n"))
        }

        /// recorded_at of the fixture's W-PROC attendance, which took the default now().
        func recordedAt(_ database: TestDatabase, group: String) throws -> String {
            let connection = try database.connect()
            defer { connection.close() }
            try connection.query("SET DateStyle = 'ISO, YMD'")
            try connection.query("SET TimeZone = 'UTC'")
            return try connection.scalar("""
                SELECT \(unsafeRaw: ExportTables.instant("a.recorded_at"))
                  FROM carelog.attendance a JOIN carelog.group_session s ON s.id = a.session_id
                  JOIN carelog.care_group g ON g.id = s.group_id WHERE g.group_code = \(group)
                """) ?? ""
        }

        @Test("every exported file imports again into an empty database and gives the same export")
        func roundTrip() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let first = try export(database, into: folder)

            let copy = try TestDatabase()
            for file in first.files where file.name != "audit.csv" {
                let csv = try text(folder, file.name)
                let (console, _) = Console.recording()
                try ImportOperation.run(
                    target: copy.target, kind: String(file.name.dropLast(4)), input: .bytes(Array(csv.utf8)),
                    dryRun: false, actingStaff: nil, console: console)
            }
            let again = scratchFolder()
            defer { try? FileManager.default.removeItem(at: again) }
            let second = try export(copy, into: again)
            for file in first.files where file.name != "audit.csv" {
                #expect(second.file(named: file.name)?.sha256 == file.sha256, "\(file.name)")
            }
        }

        @Test("verify passes on an intact bundle and names a flipped byte, a deleted file, an added row and an extra file")
        func verify() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            _ = try export(database, into: folder)
            let manager = FileManager.default

            let (console, recording) = Console.recording()
            let intact = try ExportOperation.verify(directory: folder.path, console: console)
            #expect(intact.isIntact)
            #expect(intact.filesChecked == 24)
            #expect(recording.output.hasPrefix("The bundle in \(folder.path) is intact: 24 files, "))

            func tampered(_ change: (URL) throws -> Void) throws -> CarelogError? {
                let copy = scratchFolder()
                defer { try? manager.removeItem(at: copy) }
                try manager.copyItem(at: folder, to: copy)
                try change(copy)
                let (quiet, _) = Console.recording()
                let error = #expect(throws: CarelogError.self) { try ExportOperation.verify(directory: copy.path, console: quiet) }
                #expect(error?.exitCode == 1)
                #expect(error?.message.hasPrefix("the bundle in \(copy.path) is not intact: ") == true)
                return error
            }

            let flipped = try tampered { copy in
                let url = copy.appendingPathComponent("attendance.csv")
                var data = try Data(contentsOf: url)
                data[data.count / 2] ^= 0x01
                try data.write(to: url)
            }
            #expect(flipped?.message.hasSuffix("not intact: attendance.csv") == true)
            #expect(flipped?.suggestion?.hasPrefix("attendance.csv: altered (SHA-256 ") == true)

            let deleted = try tampered { copy in try manager.removeItem(at: copy.appendingPathComponent("screens.csv")) }
            #expect(deleted?.message.hasSuffix("not intact: screens.csv") == true)
            #expect(deleted?.suggestion == "screens.csv: missing")

            let added = try tampered { copy in
                let handle = try FileHandle(forWritingTo: copy.appendingPathComponent("sessions.csv"))
                try handle.seekToEnd()
                try handle.write(contentsOf: Data("AA-AM,2026-10-08T11:30:00Z,60,T001,held\n".utf8))
                try handle.close()
            }
            #expect(added?.message.hasSuffix("not intact: sessions.csv") == true)
            #expect(added?.suggestion?.contains("5 rows instead of 4") == true)

            let extra = try tampered { copy in
                try Data("hello".utf8).write(to: copy.appendingPathComponent("notes.txt"))
            }
            #expect(extra?.message.hasSuffix("not intact: notes.txt") == true)
            #expect(extra?.suggestion == "notes.txt: extra file, not in the manifest")

            let two = try tampered { copy in
                try manager.removeItem(at: copy.appendingPathComponent("goals.csv"))
                try Data().write(to: copy.appendingPathComponent(".hidden"))
            }
            #expect(two?.message.hasSuffix("not intact: 2 problems (goals.csv, .hidden)") == true)
        }

        @Test("a pseudonymised bundle holds no MRN, name or date of birth, and the same pseudonym as Pseudonymizer everywhere")
        func deidentified() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            // A correction of a patient record, so that the audit trail holds an UPDATE of one.
            try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n00914,Kit,Vale,2001-02-15,nonbinary,LAX",
                          into: database)
            let pseudonymizer = try Pseudonymizer(key: Self.key)
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = try export(database, to: try today(database), pseudonymizer: pseudonymizer, into: folder)
            #expect(manifest.parameters.pseudonymized == true && !manifest.parameters.deidentified)
            #expect(manifest.file(named: "audit.csv")?.rows ?? 0 > 40)

            // MRNs as numbers of their own (microseconds of a timestamp such as .009134
            // hold the same digits inside a longer number); the rest anywhere.
            let forbidden = ["(?<![0-9])009(12|13|14)(?![0-9])", "Fay", "Moss", "Gus", "Hale", "Kit", "Vale",
                             "1990-04-01", "1985-11-30", "2001-02-14", "2001-02-15", "\"\"mrn\"\"", "date_of_birth"]
            func clean(_ content: String, _ name: String) {
                for pattern in forbidden {
                    #expect(content.range(of: pattern, options: .regularExpression) == nil, "\(name) contains \(pattern)")
                }
            }
            for name in Self.fileNames {
                clean(try text(folder, name), name)
            }
            // The manifest's hex digests are random-looking; everything else must be clean.
            clean(try text(folder, "manifest.json")
                .replacingOccurrences(of: #""(sha256|hash)" : "[0-9a-f]{64}""#, with: "", options: .regularExpression), "manifest.json")

            let fay = pseudonymizer.pseudonym(for: "00912")
            let patients = try text(folder, "patients.csv")
            #expect(patients.hasPrefix("mrn,gender,site_code\n"))
            #expect(patients.contains("\(fay),female,NYC\n"))
            #expect(manifest.file(named: "patients.csv")?.columns == ["mrn", "gender", "site_code"])
            // Groups and staff by their keyed codes, the same as Pseudonymizer's (issue 26).
            let group = pseudonymizer.groupCode(for: "AA-AM"), staff = pseudonymizer.staffCode(for: "T001")
            #expect(try text(folder, "attendance.csv").contains("\(group),2026-10-05T11:30:00Z,2026-10-05,07:30:00,\(fay),present,60,\(staff),"))
            #expect(try text(folder, "episodes.csv").contains("\(fay),2026-09-01,3.5,,\n"))
            // Patient rows of the audit trail carry the pseudonym instead of the identity.
            let audit = try text(folder, "audit.csv")
            #expect(audit.contains("\"\"pseudonym\"\": \"\"\(pseudonymizer.pseudonym(for: "00914"))\"\""))
            #expect(audit.contains("\"\"pseudonym\"\": \"\"\(fay)\"\""))
        }

        @Test("keys longer than SHA-256's block are hashed first, as HMAC prescribes, in SQL as in Swift")
        func longKey() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let pseudonymizer = try Pseudonymizer(key: Data(String(repeating: "long-key-", count: 12).utf8))
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            _ = try export(database, pseudonymizer: pseudonymizer, into: folder)
            let patients = try text(folder, "patients.csv")
            for mrn in ["00912", "00913", "00914"] {
                #expect(patients.contains(pseudonymizer.pseudonym(for: mrn) + ","), "\(mrn)")
            }
        }

        @Test("the audit rows of the period are all in audit.csv")
        func auditRows() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let to = try today(database)
            let expected = try auditEvents(database, from: "2026-10-01", to: to)
            #expect(expected == ImportFixture.expectedCounts.values.reduce(0, +))
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = try export(database, to: to, into: folder)
            #expect(manifest.file(named: "audit.csv")?.rows == expected)
            #expect(manifest.file(named: "audit.csv")?.columns == [
                "event_id", "batch_id", "changed_at", "db_user", "acting_staff", "table_name", "operation",
                "record_id", "old_values", "new_values",
            ])
            // Counted again with the CSV reader (jsonb text is quoted, with commas inside).
            #expect(try ExportVerifier.csvContent(of: folder.appendingPathComponent("audit.csv")).rows == expected)
            let audit = try text(folder, "audit.csv")
            #expect(audit.contains(",postgres,,patient,INSERT,"))
            #expect(audit.contains("\"\"mrn\"\": \"\"00912\"\""))
        }

        @Test("a text starting like a formula gets a leading apostrophe; line breaks in a field do not upset the count")
        func spreadsheetSafety() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n00999,=SUM(A1),@Doe,1970-01-01,unknown,NYC",
                          into: database)
            try importCSV("episodes", "mrn,admitted_on,level_of_care\n00999,2026-10-10,2.1", into: database)
            try importCSV("reviews", "plan_code,reviewed_on,reviewer,note\nP-912,2026-10-09,T001,\"-1 session\nsee chart\"",
                          into: database)
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = try export(database, into: folder)
            #expect(try text(folder, "patients.csv").contains("\n00999,'=SUM(A1),'@Doe,1970-01-01,unknown,NYC\n"))
            #expect(try text(folder, "reviews.csv").contains("P-912,2026-10-09,T001,\"'-1 session\nsee chart\"\n"))
            #expect(manifest.file(named: "reviews.csv")?.rows == 2)
            #expect(manifest.file(named: "patients.csv")?.rows == 4)
            let (console, _) = Console.recording()
            #expect(try ExportOperation.verify(directory: folder.path, console: console).isIntact)
        }

        @Test("--site keeps the site's groups and patients and what they refer to")
        func site() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = try export(database, site: "NYC", into: folder)
            let rows = Dictionary(uniqueKeysWithValues: manifest.files.map { ($0.name, $0.rows) })
            #expect(rows["sites.csv"] == 1)
            #expect(rows["patients.csv"] == 2)
            #expect(rows["episodes.csv"] == 2)
            #expect(rows["sessions.csv"] == 4)
            #expect(rows["attendance.csv"] == 4)
            #expect(manifest.parameters.site == "NYC")

            let empty = scratchFolder()
            defer { try? FileManager.default.removeItem(at: empty) }
            let lax = try export(database, site: "LAX", into: empty)
            #expect(lax.file(named: "sessions.csv")?.rows == 0)
            #expect(lax.file(named: "patients.csv")?.rows == 1)

            let refused = scratchFolder()
            let error = #expect(throws: CarelogError.self) { try export(database, site: "SFO", into: refused) }
            #expect(error?.exitCode == 2)
            // A refused export leaves nothing behind, not even the folder it made.
            #expect(FileManager.default.fileExists(atPath: refused.path) == false)
            #expect(error?.message == "there is no site \"SFO\"")
        }

        @Test("all files come from one snapshot: a write in the middle of the export does not show")
        func oneSnapshot() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            var wrote = false
            let manifest = try export(database, into: folder) {
                guard !wrote else { return }
                wrote = true
                try importCSV("screens", "mrn,collected_on,result\n00914,2026-10-12,negative", into: database)
            }
            #expect(wrote)
            #expect(manifest.file(named: "screens.csv")?.rows == 0)
            let again = scratchFolder()
            defer { try? FileManager.default.removeItem(at: again) }
            #expect(try export(database, into: again).file(named: "screens.csv")?.rows == 1)
        }

        @Test("a folder holding other files is refused; an earlier export is replaced with --replace")
        func folderRules() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            _ = try export(database, into: folder)
            _ = try export(database, from: "2026-10-06", to: "2026-10-06", into: folder, replace: true)
            let (console, _) = Console.recording()
            let verification = try ExportOperation.verify(directory: folder.path, console: console)
            #expect(verification.manifest.file(named: "sessions.csv")?.rows == 1)

            try Data("x".utf8).write(to: folder.appendingPathComponent("notes.txt"))
            let error = #expect(throws: CarelogError.self) { try export(database, into: folder) }
            #expect(error?.exitCode == 2)
        }

        func today(_ database: TestDatabase) throws -> String {
            let connection = try database.connect()
            defer { connection.close() }
            return try connection.scalar("SELECT (now() AT TIME ZONE 'UTC')::date::text") ?? ""
        }
    }
}

@Suite("export period")
struct ExportPeriodTests {
    @Test("the period is two ISO dates, from not after to; anything else is a usage error", arguments: [
        ("2026-10-01", "2026-09-30"), ("2026-10-1", "2026-10-31"), ("2026-02-29", "2026-03-01"),
        ("2026-10-01", "31.10.2026"), ("", "2026-10-31"),
    ])
    func invalid(from: String, to: String) {
        let error = #expect(throws: CarelogError.self) { try ExportPeriod(from: from, to: to) }
        #expect(error?.exitCode == 2)
    }

    @Test("a single day, and a leap day, are periods")
    func valid() throws {
        #expect(try ExportPeriod(from: "2026-10-05", to: "2026-10-05").to == "2026-10-05")
        #expect(try ExportPeriod(from: "2028-02-29", to: "2028-03-01").from == "2028-02-29")
    }

    @Test("HMAC pads reproduce Pseudonymizer's HMAC-SHA-256")
    func pads() throws {
        let key = Data("export-test-key-0123456789abcdef".utf8)
        let pads = HMACPads(key: key)
        #expect(pads.inner.count == 64 && pads.outer.count == 64)
        let message = Data("00912".utf8)
        let inner = Array(SHA256.hash(data: Data(pads.inner) + message))
        let outer = Array(SHA256.hash(data: Data(pads.outer) + Data(inner)))
        #expect("P-" + Digest.hex(outer.prefix(8)) == (try Pseudonymizer(key: key)).pseudonym(for: "00912"))
    }
}
