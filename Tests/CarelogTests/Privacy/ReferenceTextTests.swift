import Foundation
import Postgres
import Testing

@testable import Carelog

/// Issue 26, critical 2: text staff type into reference data — a group's code and name,
/// a staff member's ID, name and credentials — reaches no pseudonymised or de-identified
/// output. Groups and staff appear by codes (`GR-…`, `ST-…`: keyed under --pseudonymize,
/// random to the run under --deidentify); names and credentials are left out; modality
/// and gender focus are kept.
extension DatabaseTests {
    @Suite("privacy: group and staff text in no pseudonymised or de-identified output")
    struct ReferenceTextTests {
        /// ImportFixture, with an individual-therapy group of one patient whose code and
        /// name carry her name and MRN, and credentials that name a person.
        static func load(into database: TestDatabase) throws {
            try ImportFixture.load(into: database)
            try importCSV("staff", """
                staff_id,first_name,last_name,role,credentials,site_code
                T001,Ana,Reyes,therapist,"LCSW, supervised by Quillon Brackwater",NYC
                """, into: database)
            try importCSV("groups", """
                group_code,name,modality,gender_focus,kind,site_code,capacity,facilitator
                IND-00912,Individual therapy: Yolanda Vexworth 00912,individual,women,closed,NYC,1,T001
                """, into: database)
            try importCSV("enrollments", "group_code,mrn,starts_on\nIND-00912,00912,2026-10-01", into: database)
            try importCSV("sessions", "group_code,starts_at,duration_minutes,facilitator\nIND-00912,2026-10-08 10:00,50,T001", into: database)
            try importCSV("attendance", """
                group_code,starts_at,mrn,status,minutes_attended,recorded_by,recorded_at
                IND-00912,2026-10-08 10:00,00912,present,50,T001,2026-10-08 11:00
                """, into: database)
        }

        /// What must not appear (case-insensitive): the planted text, the group code,
        /// the staff names; and in their exact case (hex digests are lower case) the
        /// credentials, staff IDs and group codes.
        static let planted = ["Vexworth", "IND-00912", "Individual therapy", "Brackwater",
                              "Reyes", "Okafor", "Lind,", "Morning 12-step", "Women's process"]
        static let staffIDs = ["LCSW", "CADC", "T001", "T002", "D001", "AA-AM", "W-PROC", "M-RP"]

        /// Every report in every format, the monthly bundle and the export, in one mode;
        /// returns what was found where, and how many files were read.
        func scan(_ database: TestDatabase, privacy: PrivacyOptions) throws -> (files: Int, workbooks: Int, found: [String]) {
            let folder = ScratchFolder.url("reftext")
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            let period = try ReportPeriod(month: "2026-10")
            var outputs: [URL] = []
            let bundle = folder.appendingPathComponent("bundle")
            try ReportOperation.monthly(target: database.target, period: period, site: nil, directory: bundle.path, privacy: privacy, console: console)
            outputs.append(bundle)
            for report in try ReportCatalog.all() {
                for format in ReportFormat.allCases {
                    let file = folder.appendingPathComponent("\(report.name).\(format.rawValue)")
                    try ReportOperation.run(target: database.target, name: report.name, period: period, site: nil, format: format,
                                            output: file.path, privacy: privacy, console: console)
                    outputs.append(file)
                }
            }
            let connection = try database.connect()
            let year = try connection.scalar("SELECT extract(year FROM now() AT TIME ZONE 'UTC')::text") ?? "2026"
            connection.close()
            let export = folder.appendingPathComponent("export")
            try ExportOperation.export(target: database.target, from: "2026-01-01", to: "\(year)-12-31", site: nil, directory: export.path,
                                       pseudonymizer: privacy.pseudonymizer, console: console)
            outputs.append(export)
            var files = 0, workbooks = 0
            var found: [String] = []
            for output in outputs {
                var isFolder: ObjCBool = false
                #expect(FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder))
                let each = isFolder.boolValue
                    ? try FileManager.default.contentsOfDirectory(atPath: output.path).map { output.appendingPathComponent($0) } : [output]
                for file in each {
                    files += 1
                    let text: String
                    if WorkbookContents.isWorkbook(file) {
                        text = try WorkbookContents(file).parts.map(\.text).joined(separator: "\n")
                        workbooks += 1
                    } else {
                        text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
                    }
                    for value in Self.planted where text.lowercased().contains(value.lowercased()) {
                        found.append("\(output.lastPathComponent)/\(file.lastPathComponent): \(value)")
                    }
                    for value in Self.staffIDs where text.contains(value) {
                        found.append("\(output.lastPathComponent)/\(file.lastPathComponent): \(value)")
                    }
                }
            }
            return (files, workbooks, found)
        }

        @Test("in the clear the planted text is there (the scan is not vacuous)")
        func clearShowsIt() throws {
            let database = try TestDatabase()
            try Self.load(into: database)
            let result = try scan(database, privacy: .none)
            for expected in ["export/groups.csv: Vexworth", "export/groups.xlsx: Vexworth", "export/staff.csv: Brackwater",
                             "export/enrollments.csv: IND-00912", "bundle/group-attendance.csv: Individual therapy",
                             "therapist-caseload.text/therapist-caseload.text: Reyes", "bundle/summary.txt: IND-00912",
                             "patient-participation.csv/patient-participation.csv: Reyes"] {
                #expect(result.found.contains(expected), "\(expected)")
            }
        }

        @Test("--pseudonymize: no group code or name, staff ID, name or credentials in any output", .timeLimit(.minutes(TestTimeLimit.minutes)))
        func pseudonymized() throws {
            let database = try TestDatabase()
            try Self.load(into: database)
            let result = try scan(database, privacy: PrivacyOptions(pseudonymizer: try Pseudonymizer(key: Data("reference-text-key-0123456789abc".utf8))))
            #expect(result.found == [])
            // bundle: 11 CSV, 11 xlsx, summary.txt, summary.html, manifest; 11 reports in 4 formats; export: 24 CSV, 24 xlsx, manifest
            #expect(result.files == 25 + 44 + 49)
            #expect(result.workbooks == 11 + 11 + 24)
        }

        @Test("--deidentify: the same, and modality and gender focus kept", .timeLimit(.minutes(TestTimeLimit.minutes)))
        func deidentified() throws {
            let database = try TestDatabase()
            try Self.load(into: database)
            let result = try scan(database, privacy: .deidentified())
            #expect(result.found == [])
            #expect(result.files == 25 + 44 + 49)
        }

        @Test("--deidentify: groups.csv and staff.csv hold codes, modality, gender focus, kind, site; no name")
        func deidentifiedShape() throws {
            let database = try TestDatabase()
            try Self.load(into: database)
            let folder = ScratchFolder.url("reftext")
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            try ExportOperation.export(target: database.target, from: "2026-01-01", to: "2026-12-31", site: nil, directory: folder.path,
                                       pseudonymizer: .random(), spreadsheets: false, console: console)
            func lines(_ name: String) throws -> [String] {
                String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
                    .split(separator: "\r\n").flatMap { $0.split(separator: "\n") }.map(String.init)
            }
            let groups = try lines("groups.csv")
            #expect(groups.first == "group_code,modality,gender_focus,kind,site_code,capacity,facilitator")
            // The four groups: codes and facilitators as GR-/ST- and 16 hex digits; the rest as stored.
            let shapes = groups.dropFirst().map {
                $0.replacingOccurrences(of: #"GR-[0-9a-f]{16}"#, with: "GR", options: .regularExpression)
                    .replacingOccurrences(of: #"ST-[0-9a-f]{16}"#, with: "ST", options: .regularExpression)
            }
            #expect(shapes.sorted() == [
                "GR,individual,women,closed,NYC,1,ST", "GR,process,women,closed,NYC,10,ST",
                "GR,relapse_prevention,men,closed,NYC,10,", "GR,twelve_step,all,open,NYC,40,ST",
            ])
            let staff = try lines("staff.csv")
            #expect(staff.first == "staff_id,role,site_code,active")
            #expect(staff.dropFirst().map { $0.replacingOccurrences(of: #"ST-[0-9a-f]{16}"#, with: "ST", options: .regularExpression) }.sorted()
                == ["ST,counselor,NYC,true", "ST,therapist,NYC,true"])
        }
    

        @Test("--basis consent in the clear: the group of a patient without a consent is in no file")
        func consentDisclosure() throws {
            let database = try TestDatabase()
            try Self.load(into: database)
            // Only 00913 consents: the individual-therapy group of 00912 must not go out.
            try importCSV("consents", "mrn,recipient,purpose,signed_on\n00913,Acme Health Plan,claims review,2026-09-01", into: database)
            let folder = ScratchFolder.url("reftext")
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            // Up to today, so that audit.csv holds the fixture's events (written today).
            let connection = try database.connect()
            let today = try connection.scalar("SELECT (now() AT TIME ZONE 'UTC')::date::text") ?? ""
            connection.close()
            try ExportOperation.export(target: database.target, from: "2026-10-01", to: today, site: nil, directory: folder.path,
                                       pseudonymizer: nil,
                                       disclosure: try DisclosureRequest(recipient: "Acme Health Plan", purpose: "claims review", basis: .consent),
                                       console: console)
            var found: [String] = []
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                let file = folder.appendingPathComponent(name)
                let text = WorkbookContents.isWorkbook(file)
                    ? try WorkbookContents(file).parts.map(\.text).joined(separator: "\n")
                    : String(decoding: try Data(contentsOf: file), as: UTF8.self)
                for value in ["Vexworth", "IND-00912", "00912", "W-PROC", "Women's process"] where text.contains(value) {
                    found.append("\(name): \(value)")
                }
            }
            #expect(found == [])
            // 00913's groups and sessions are there: AA-AM (10-05, late) and M-RP (10-07).
            let groups = String(decoding: try Data(contentsOf: folder.appendingPathComponent("groups.csv")), as: UTF8.self)
            #expect(groups.split(separator: "\n").map { String($0.prefix { $0 != "," }) } == ["group_code", "AA-AM", "M-RP"])
            let sessions = String(decoding: try Data(contentsOf: folder.appendingPathComponent("sessions.csv")), as: UTF8.self)
            #expect(sessions.split(separator: "\n").count == 1 + 2)
        }
    }
}
