import Foundation
import Postgres
import Testing

@testable import Carelog

/// The generic leak check of docs/privacy.md: under --pseudonymize and under --deidentify, no
/// output of any report, of the monthly bundle or of the export holds any MRN, first
/// name, last name or date of birth of the database as a substring, whatever column
/// or free text carries it. The fixture plants them where a per-column treatment would
/// miss them: plan codes built from the MRN and the name, goal codes, goal
/// descriptions, review notes, screen substances and a signed group note naming the
/// patient, and the audit
/// trail's old and new values of every one of those rows.
extension DatabaseTests {
    @Suite("privacy: no MRN, name or date of birth in any pseudonymised or de-identified output")
    struct LeakCheckTests {
        /// ImportFixture's identifiers, made distinctive (letters no hex digit or
        /// English word holds), so that a match is a leak and never chance.
        static let substitutions: [(String, String)] = [
            ("P-912", "TP-QX-912-Quaxworth"), ("P-913", "TP-QX-913-Yznaga"),
            ("00912", "QX-912"), ("00913", "QX-913"), ("00914", "QX-914"),
            ("Fay", "Zelphine"), ("Moss", "Quaxworth"), ("Gus", "Bartolomeo"), ("Hale", "Yznaga"),
            ("Kit", "Wilhelmina"), ("Vale", "Xochiquetzal"),
            ("Abstain; attend daily meetings", "Zelphine Quaxworth (QX-912, born 1990-04-01) abstains"),
            ("Identify triggers", "Bartolomeo Yznaga QX-913 identifies triggers"),
            ("On track", "Zelphine Quaxworth QX-912 on track"),
            ("\"opioids, benzodiazepines\"", "\"opioids, named by Bartolomeo Yznaga QX-913\""),
            ("G1", "G-QX-Quaxworth"),
        ]

        /// Plants the identifiers; adds a patient of 95 (ages over 89 are grouped) and an
        /// overdue plan whose code holds an MRN and a name (documentation-gaps' subject).
        static func load(into database: TestDatabase) throws {
            for file in ImportFixture.files {
                var csv = file.csv
                for (from, to) in substitutions { csv = csv.replacingOccurrences(of: from, with: to) }
                try importCSV(file.kind, csv, into: database)
            }
            try importCSV("patients", """
                mrn,first_name,last_name,date_of_birth,gender,site_code
                QX-915,Ignatius,Pemberton,1931-03-05,male,NYC
                """, into: database)
            try importCSV("episodes", "mrn,admitted_on,level_of_care\nQX-915,2026-10-01,3.5", into: database)
            try importCSV("plans", """
                plan_code,mrn,created_on,author,review_interval_days
                TP-QX-915-Pemberton,QX-915,2026-10-02,T001,7
                """, into: database)
            try importCSV("reviews", "plan_code,reviewed_on,reviewer,note\nTP-QX-915-Pemberton,2026-10-03,T001,Ignatius Pemberton QX-915 settling in", into: database)
            // A signed group note whose free text names the patients (topic, sections,
            // an addendum): notes are free text, dropped by both modes (sql/018).
            let noteFile = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("leak-note-\(UUID().uuidString.prefix(8)).txt")
            defer { try? FileManager.default.removeItem(at: noteFile) }
            try """
                group: AA-AM
                at: 2026-10-05 07:30
                service: H0005
                minutes: 60
                topic: Zelphine Quaxworth's relapse, told by Bartolomeo Yznaga
                interventions: Role play with QX-912 and QX-913

                == QX-912
                participation: Zelphine Quaxworth (QX-912, born 1990-04-01) spoke first
                response: Quaxworth agreed
                progress: Zelphine on track

                == QX-913
                participation: Bartolomeo Yznaga QX-913 arrived late
                response: Yznaga listened
                progress: Bartolomeo steady
                """.write(to: noteFile, atomically: true, encoding: .utf8)
            let (quiet, _) = Console.recording()
            try NoteOperation.save(target: database.target, file: noteFile, by: "T001", console: quiet)
            try NoteOperation.sign(target: database.target, groupCode: "AA-AM", startsAt: "2026-10-05 07:30", by: "T001", console: quiet)
            try NoteOperation.addendum(target: database.target, groupCode: "AA-AM", startsAt: "2026-10-05 07:30", mrn: "QX-912",
                                       text: "Zelphine Quaxworth called after the group", by: "T001", console: quiet)
            // An update, so that the audit trail holds old and new values of a patient.
            try importCSV("patients", """
                mrn,first_name,last_name,date_of_birth,gender,site_code
                QX-915,Ignatius,Pemberton,1931-03-05,male,LAX
                """, into: database)
        }

        /// Every MRN, first name, last name and date of birth in the database.
        static func identifiers(_ database: TestDatabase) throws -> [String] {
            let connection = try database.connect()
            defer { connection.close() }
            return try connection.query("SELECT mrn, first_name, last_name, date_of_birth::text AS dob FROM carelog.patient").flatMap { row in
                [try row.decode("mrn", as: String.self), try row.decode("first_name", as: String.self),
                 try row.decode("last_name", as: String.self), try row.decode("dob", as: String.self)]
            }
        }

        struct Scan {
            var files = 0
            /// Of them, .xlsx workbooks (scanned unzipped).
            var workbooks = 0
            var bytes = 0
            var leaks: [String] = []
        }

        /// Reads every file under `url` (a file or a folder) and notes each identifier
        /// found. A workbook is compressed, so its parts are unzipped and each is read.
        static func scan(_ url: URL, for identifiers: [String], into scan: inout Scan) throws {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                scan.leaks.append("\(url.lastPathComponent) was not written")
                return
            }
            let files = isFolder.boolValue
                ? try FileManager.default.contentsOfDirectory(atPath: url.path).map { url.appendingPathComponent($0) }
                : [url]
            for file in files {
                scan.files += 1
                let text: String
                if WorkbookContents.isWorkbook(file) {
                    let contents = try WorkbookContents(file)
                    #expect(contents["xl/worksheets/sheet1.xml"] != nil, "\(file.lastPathComponent) has no worksheet")
                    text = contents.parts.map(\.text).joined(separator: "\n").lowercased()
                    scan.workbooks += 1
                } else {
                    text = String(decoding: try Data(contentsOf: file), as: UTF8.self).lowercased()
                }
                scan.bytes += text.utf8.count
                for identifier in identifiers where text.contains(identifier.lowercased()) {
                    scan.leaks.append("\(url.lastPathComponent)/\(file.lastPathComponent) holds \(identifier)")
                }
            }
        }

        static let key = Data("leak-check-key-0123456789abcdef!".utf8)

        /// Every output of every report, of the bundle and of the export in one mode,
        /// scanned; returns the scan.
        func outputs(_ database: TestDatabase, privacy: PrivacyOptions, folder: URL) throws -> Scan {
            let (console, _) = Console.recording()
            let identifiers = try Self.identifiers(database)
            #expect(identifiers.count == 16)
            var scan = Scan()
            let period = try ReportPeriod(month: "2026-10")
            let bundle = folder.appendingPathComponent("bundle")
            try ReportOperation.monthly(
                target: database.target, period: period, site: nil, directory: bundle.path, privacy: privacy,
                disclosure: try DisclosureRequest(recipient: "Quality board", purpose: "review", basis: .audit),
                console: console)
            try Self.scan(bundle, for: identifiers, into: &scan)
            for report in try ReportCatalog.all() {
                for format in ReportFormat.allCases {
                    for site in [nil, "NYC"] as [String?] {
                        let file = folder.appendingPathComponent("\(report.name)-\(site ?? "all").\(format.rawValue)")
                        try ReportOperation.run(
                            target: database.target, name: report.name, period: period, site: site, format: format,
                            output: file.path, privacy: privacy, console: console)
                        try Self.scan(file, for: identifiers, into: &scan)
                    }
                }
            }
            // Up to today, so that audit.csv holds the fixture's audit events (written today).
            let connection = try database.connect()
            let today = try connection.scalar("SELECT (now() AT TIME ZONE 'UTC')::date::text") ?? ""
            connection.close()
            for site in [nil, "NYC"] as [String?] {
                let export = folder.appendingPathComponent("export-\(site ?? "all")")
                // --deidentify exports whole calendar years (issue 26).
                let wholeYears = privacy.mode == .deidentified
                try ExportOperation.export(
                    target: database.target, from: wholeYears ? "2026-01-01" : "2026-09-01",
                    to: wholeYears ? String(today.prefix(4)) + "-12-31" : today, site: site, directory: export.path,
                    pseudonymizer: privacy.pseudonymizer,
                    disclosure: try DisclosureRequest(recipient: "State board", purpose: "licensing audit", basis: .audit),
                    console: console)
                try Self.scan(export, for: identifiers, into: &scan)
            }
            return scan
        }

        @Test("the fixture plants the identifiers: the clear outputs show them")
        func clearShowsThem() throws {
            let database = try TestDatabase()
            try Self.load(into: database)
            let folder = ScratchFolder.url("leak")
            defer { try? FileManager.default.removeItem(at: folder) }
            let scan = try outputs(database, privacy: .none, folder: folder)
            for planted in ["reviews.csv holds QX-912", "plans.csv holds Quaxworth", "goals.csv holds Zelphine",
                            "screens.csv holds QX-913", "audit.csv holds 1931-03-05", "patients.csv holds Pemberton",
                            "documentation-gaps.csv holds QX-915",
                            // the workbooks are read unzipped: what they hold is seen
                            "reviews.xlsx holds QX-912", "patients.xlsx holds Pemberton", "audit.xlsx holds 1931-03-05",
                            "documentation-gaps.xlsx holds QX-915"] {
                #expect(scan.leaks.contains { $0.hasSuffix(planted) }, "\(planted)")
            }
        }

        @Test("--pseudonymize: no identifier in any output", .timeLimit(.minutes(TestTimeLimit.minutes)))
        func pseudonymized() throws {
            let database = try TestDatabase()
            try Self.load(into: database)
            let folder = ScratchFolder.url("leak")
            defer { try? FileManager.default.removeItem(at: folder) }
            let scan = try outputs(database, privacy: PrivacyOptions(pseudonymizer: try Pseudonymizer(key: Self.key)), folder: folder)
            #expect(scan.leaks == [])
            // 1 bundle (11 CSV, 11 xlsx, summary.txt, summary.html, NOTICE, manifest) + 88 report files (11 reports as
            // text, CSV, JSON Lines and xlsx, all sites and one site) + 2 exports of 50 files (24 CSV, 24 xlsx,
            // NOTICE, manifest)
            #expect(scan.files == 26 + 88 + 100)
            #expect(scan.workbooks == 11 + 22 + 48)
            print("leak check --pseudonymize: \(scan.files) files (\(scan.workbooks) workbooks unzipped), \(scan.bytes) bytes, \(scan.leaks.count) leaks")
        }

        @Test("--deidentify: no identifier in any output", .timeLimit(.minutes(TestTimeLimit.minutes)))
        func deidentified() throws {
            let database = try TestDatabase()
            try Self.load(into: database)
            let folder = ScratchFolder.url("leak")
            defer { try? FileManager.default.removeItem(at: folder) }
            let scan = try outputs(database, privacy: .deidentified(), folder: folder)
            #expect(scan.leaks == [])
            #expect(scan.files == 26 + 88 + 100)
            #expect(scan.workbooks == 11 + 22 + 48)
            print("leak check --deidentify: \(scan.files) files (\(scan.workbooks) workbooks unzipped), \(scan.bytes) bytes, \(scan.leaks.count) leaks")
        }

        @Test("--deidentify: identifiers random to the run, dates cut to the year, ages over 89 grouped, no free text")
        func safeHarborShape() throws {
            let database = try TestDatabase()
            try Self.load(into: database)
            let folder = ScratchFolder.url("leak")
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            func export(_ name: String) throws -> URL {
                let url = folder.appendingPathComponent(name)
                try ExportOperation.export(
                    target: database.target, from: "2026-01-01", to: "2026-12-31", site: nil, directory: url.path,
                    pseudonymizer: .random(), console: console)
                return url
            }
            let first = try export("one"), second = try export("two")
            func lines(_ url: URL, _ file: String) throws -> [String] {
                String(decoding: try Data(contentsOf: url.appendingPathComponent(file)), as: UTF8.self)
                    .split(separator: "\n").map { String($0) }
            }
            let patients = try lines(first, "patients.csv")
            #expect(patients.first == "patient,age,gender,site_code")
            // ages on 2026-12-31: 36, 41, 25 and 95 (grouped)
            #expect(Set(patients.dropFirst().map { $0.split(separator: ",")[1] }) == ["36", "41", "25", "90+"])
            let ids = Set(patients.dropFirst().map { String($0.prefix { $0 != "," }) })
            #expect(ids.allSatisfy { $0.hasPrefix("R-") && $0.count == 18 })
            let otherIDs = Set(try lines(second, "patients.csv").dropFirst().map { String($0.prefix { $0 != "," }) })
            #expect(ids.isDisjoint(with: otherIDs), "a second run gives other identifiers")
            // the identifiers of episodes.csv are those of patients.csv: consistent within the bundle
            #expect(Set(try lines(first, "episodes.csv").dropFirst().map { String($0.prefix { $0 != "," }) }).isSubset(of: ids))
            #expect(try lines(first, "episodes.csv").first == "patient,admitted_year,level_of_care,discharged_year,discharge_reason")
            #expect(try lines(first, "reviews.csv").first == "plan_code,reviewed_year,reviewer")
            #expect(try lines(first, "goals.csv").first == "plan_code,goal_code,domain,target_year,status,status_year")
            #expect(try lines(first, "audit.csv").first == "event_id,batch_id,changed_year,db_user,acting_staff,table_name,operation,changed_columns")
            // no full date anywhere in the patient files
            for file in ["patients.csv", "episodes.csv", "assignments.csv", "plans.csv", "goals.csv", "reviews.csv",
                         "enrollments.csv", "attendance.csv", "assessments.csv", "screens.csv", "audit.csv"] {
                let text = try lines(first, file).joined(separator: "\n")
                #expect(text.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil, "\(file) holds a date")
            }
        }
    }
}
