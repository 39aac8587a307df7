import Foundation
import Postgres
import Testing

@testable import Carelog

/// The workbooks of an export and of a monthly bundle: beside every CSV, private,
/// listed in the manifest and verified with it, their cells the stored values.
extension DatabaseTests {
    @Suite("spreadsheet: the .xlsx beside each CSV of an export and a bundle")
    struct SpreadsheetOutputTests {
        func scratch() -> URL {
            ScratchFolder.url("xlsx")
        }

        static func text(_ cell: String, _ value: String) -> String {
            "<c r=\"\(cell)\" s=\"3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(value)</t></is></c>"
        }

        static func number(_ cell: String, _ value: String) -> String { "<c r=\"\(cell)\"><v>\(value)</v></c>" }

        static func date(_ cell: String, _ serial: Int) -> String { "<c r=\"\(cell)\" s=\"1\"><v>\(serial)</v></c>" }

        static func header(_ names: [String]) -> String {
            "<row r=\"1\">" + names.enumerated().map { index, name in
                "<c r=\"\(SheetXML.columnLetters(index))1\" s=\"2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(name)</t></is></c>"
            }.joined() + "</row>"
        }

        static func row(_ number: Int, _ cells: [String]) -> String { "<row r=\"\(number)\">" + cells.joined() + "</row>" }

        /// The fixture, and a patient whose names a spreadsheet would run or change.
        func load(_ database: TestDatabase) throws {
            try ImportFixture.load(into: database)
            try importCSV("patients", """
                mrn,first_name,last_name,date_of_birth,gender,site_code
                00915,=cmd,'Brien,1931-03-05,male,NYC
                """, into: database)
            try importCSV("episodes", "mrn,admitted_on,level_of_care\n00915,2026-10-03,3.5", into: database)
        }

        @Test("an export writes a workbook beside each CSV, listed and verified with the manifest; cells as stored")
        func export() throws {
            let database = try TestDatabase()
            try load(database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, recording) = Console.recording()
            let manifest = try ExportOperation.export(
                target: database.target, from: "2026-10-01", to: "2026-10-31", site: nil, directory: folder.path,
                pseudonymizer: nil, console: console)

            let tables = ExportTables.names
            #expect(manifest.files.map(\.name) == tables.flatMap { ["\($0).csv", "\($0).xlsx"] })
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                    == (tables.flatMap { ["\($0).csv", "\($0).xlsx"] } + ["manifest.json"]).sorted())
            for name in tables {
                let csv = try #require(manifest.file(named: "\(name).csv"))
                let workbook = try #require(manifest.file(named: "\(name).xlsx"))
                #expect(workbook.columns == csv.columns && workbook.rows == csv.rows, "\(name)")
                let url = folder.appendingPathComponent("\(name).xlsx")
                #expect(Digest.sha256Hex(try Data(contentsOf: url)) == workbook.sha256, "\(name)")
                #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int == 0o600)
            }
            #expect(recording.output.contains("to \(folder.path): 48 files, "))

            // Codes with their zeros, dates as dates, the guard's ' gone from text cells.
            let patients = try WorkbookContents(folder.appendingPathComponent("patients.xlsx"))
            #expect(patients.sheetData() == Self.header(["mrn", "first_name", "last_name", "date_of_birth", "gender", "site_code"])
                + Self.row(2, [Self.text("A2", "00912"), Self.text("B2", "Fay"), Self.text("C2", "Moss"), Self.date("D2", 32964),
                               Self.text("E2", "female"), Self.text("F2", "NYC")])
                + Self.row(3, [Self.text("A3", "00913"), Self.text("B3", "Gus"), Self.text("C3", "Hale"), Self.date("D3", 31381),
                               Self.text("E3", "male"), Self.text("F3", "NYC")])
                + Self.row(4, [Self.text("A4", "00914"), Self.text("B4", "Kit"), Self.text("C4", "Vale"), Self.date("D4", 36936),
                               Self.text("E4", "nonbinary"), Self.text("F4", "LAX")])
                + Self.row(5, [Self.text("A5", "00915"), Self.text("B5", "=cmd"), Self.text("C5", "'Brien"), Self.date("D5", 11387),
                               Self.text("E5", "male"), Self.text("F5", "NYC")]))
            // ... while the CSV keeps the guard, for machines and `import bundle`.
            let patientsCSV = String(decoding: try Data(contentsOf: folder.appendingPathComponent("patients.csv")), as: UTF8.self)
            #expect(patientsCSV.hasSuffix("00915,'=cmd,''Brien,1931-03-05,male,NYC\n"))

            // Numbers as numbers, an empty minutes_attended as no cell; instants as date-time
            // cells (style 20): days since 1899-12-30 plus the fraction of the day, worked out
            // by hand (2026-10-05 is day 46300; 11:30 is 0.4791666667 of a day); the site-local
            // date (style 1) and time of day (style 21: 07:30 is 0.3125) beside the UTC start.
            let attendanceCSV = String(decoding: try Data(contentsOf: folder.appendingPathComponent("attendance.csv")), as: UTF8.self)
            let absentRecordedAt = try #require(attendanceCSV.split(separator: "\n")[3].split(separator: ",").last.map(String.init))
            // The absent record's recorded_at took now(): its serial from its text, by the calendar.
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = TimeZone(identifier: "UTC")!
            let parts = absentRecordedAt.dropLast().split(separator: "T")
            let ymd = parts[0].split(separator: "-").map { Int($0)! }, hms = parts[1].split(separator: ":")
            let day = try #require(utc.date(from: DateComponents(year: ymd[0], month: ymd[1], day: ymd[2])))
            let seconds = Double(Int(hms[0])! * 3600 + Int(hms[1])! * 60) + Double(hms[2])!
            var absentSerial = String(format: "%.10f", (day.timeIntervalSince1970 / 86_400 + 25_569) + seconds / 86_400)
            while absentSerial.hasSuffix("0") { absentSerial.removeLast() }
            if absentSerial.hasSuffix(".") { absentSerial.removeLast() }
            func instant(_ cell: String, _ serial: String) -> String { "<c r=\"\(cell)\" s=\"20\"><v>\(serial)</v></c>" }
            func time(_ cell: String, _ fraction: String) -> String { "<c r=\"\(cell)\" s=\"21\"><v>\(fraction)</v></c>" }
            let attendance = try WorkbookContents(folder.appendingPathComponent("attendance.xlsx"))
            #expect(attendance.sheetData() == Self.header(["group_code", "starts_at", "local_date", "local_time", "mrn", "status",
                                                           "minutes_attended", "recorded_by", "recorded_at"])
                + Self.row(2, [Self.text("A2", "AA-AM"), instant("B2", "46300.4791666667"), Self.date("C2", 46300), time("D2", "0.3125"),
                               Self.text("E2", "00912"), Self.text("F2", "present"), Self.number("G2", "60"), Self.text("H2", "T001"),
                               instant("I2", "46300.5243055556")])
                + Self.row(3, [Self.text("A3", "AA-AM"), instant("B3", "46300.4791666667"), Self.date("C3", 46300), time("D3", "0.3125"),
                               Self.text("E3", "00913"), Self.text("F3", "late"), Self.number("G3", "45"), Self.text("H3", "T001"),
                               instant("I3", "46300.5243055556")])
                + Self.row(4, [Self.text("A4", "W-PROC"), instant("B4", "46300.9166666667"), Self.date("C4", 46300), time("D4", "0.75"),
                               Self.text("E4", "00912"), Self.text("F4", "absent"), Self.text("H4", "T002"), instant("I4", absentSerial)])
                + Self.row(5, [Self.text("A5", "M-RP"), instant("B5", "46302.875"), Self.date("C5", 46302), time("D5", "0.7083333333"),
                               Self.text("E5", "00913"), Self.text("F5", "left_early"), Self.number("G5", "30"), Self.text("H5", "T002"),
                               instant("I5", "46302.9166666667")]))
            // sessions per week, a numeric, stays a number
            let requirements = try WorkbookContents(folder.appendingPathComponent("plan-requirements.xlsx"))
            #expect(requirements.sheetData()?.contains(Self.number("C4", "1.5")) == true)

            // verify checks the workbooks: intact, then a changed one is named.
            let (quiet, verified) = Console.recording()
            #expect(try ExportOperation.verify(directory: folder.path, console: quiet).filesChecked == 48)
            #expect(verified.output.hasPrefix("The bundle in \(folder.path) is intact: 48 files, "))
            let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("patients.xlsx"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([0]))
            try handle.close()
            let error = #expect(throws: CarelogError.self) { try ExportOperation.verify(directory: folder.path, console: quiet) }
            #expect(error?.message == "the bundle in \(folder.path) is not intact: patients.xlsx")
        }

        @Test("--no-xlsx: the CSVs alone; import bundle reads an export with workbooks")
        func optOutAndImport() throws {
            let database = try TestDatabase()
            try load(database)
            let without = scratch(), with = scratch()
            defer {
                try? FileManager.default.removeItem(at: without)
                try? FileManager.default.removeItem(at: with)
            }
            let result = try CarelogBinary.run(
                ["export", "--from", "2026-10-01", "--to", "2026-10-31", "--out", without.path, "--no-xlsx"] + database.databaseArguments)
            #expect(result.status == 0, "\(result)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: without.path).filter { $0.hasSuffix(".xlsx") } == [])

            let (console, _) = Console.recording()
            try ExportOperation.export(
                target: database.target, from: "2026-10-01", to: "2026-10-31", site: nil, directory: with.path,
                pseudonymizer: nil, console: console)
            let copy = try TestDatabase()
            let summary = try BundleImportOperation.run(target: copy.target, directory: with.path, dryRun: false, actingStaff: nil, console: console)
            #expect(summary.files.count == 23)
            let connection = try copy.connect()
            defer { connection.close() }
            #expect(try connection.scalar("SELECT string_agg(first_name || ' ' || last_name, ', ' ORDER BY mrn) FROM carelog.patient")
                    == "Fay Moss, Gus Hale, Kit Vale, =cmd 'Brien")
        }

        @Test("a monthly bundle's workbooks: MRNs as text, counts as numbers, suppressed counts as text")
        func bundle() throws {
            let database = try TestDatabase()
            try load(database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            let manifest = try ReportOperation.monthly(
                target: database.target, period: try ReportPeriod(month: "2026-10"), site: "NYC", directory: folder.path,
                privacy: PrivacyOptions(pseudonymizer: nil, minimumCell: 3), console: console)
            for report in try ReportCatalog.all() {
                let entry = try #require(manifest.files.first { $0.name == "\(report.name).xlsx" })
                #expect(entry.rows == manifest.files.first { $0.name == "\(report.name).csv" }?.rows)
                #expect(Digest.sha256Hex(try Data(contentsOf: folder.appendingPathComponent(entry.name))) == entry.sha256)
            }
            // patient-participation: one row per patient in care; an MRN is text with its zeros,
            // the counts under 3 are suppressed (text), larger ones numbers.
            let participation = try WorkbookContents(folder.appendingPathComponent("patient-participation.xlsx"))
            let sheet = try #require(participation.sheetData())
            #expect(sheet.hasPrefix(Self.header(try #require(try ReportCatalog.named("patient-participation")).columns.map(\.name))))
            // 00912: 31 days in care, 39.9 sessions required, attended 1 and absent 1 (both under 3:
            // suppressed, and the adherence derived from them left empty), 0 excused.
            #expect(sheet.contains(Self.row(2, [
                Self.text("A2", "NYC"), Self.text("B2", "00912"), Self.text("C2", "Moss, Fay"), Self.text("D2", "3.5"),
                Self.text("E2", "Reyes, Ana"), Self.number("F2", "31"), Self.number("G2", "39.9"), Self.text("H2", "&lt;3"),
                Self.text("I2", "&lt;3"), Self.number("J2", "0"), Self.text("L2", "&lt;3"), "<c r=\"M2\" s=\"20\"><v>46300.3125</v></c>",
            ])))
            // the patient whose names a spreadsheet would run: text as stored, no guard
            #expect(sheet.contains(Self.text("B4", "00915") + Self.text("C4", "'Brien, =cmd")))
            let csv = String(decoding: try Data(contentsOf: folder.appendingPathComponent("patient-participation.csv")), as: UTF8.self)
            #expect(csv.contains("NYC,00912,\"Moss, Fay\",3.5,\"Reyes, Ana\",31,39.9,<3,<3,0,,<3,2026-10-05 07:30\r\n"))
            #expect(csv.contains("NYC,00915,\"''Brien, =cmd\",3.5,"))
        }

        @Test("report NAME --format xlsx writes a private workbook; without --out it is a usage error")
        func singleReport() throws {
            let database = try TestDatabase()
            try load(database)
            let folder = scratch()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("participation.xlsx")
            let result = try CarelogBinary.run(
                ["report", "patient-participation", "--month", "2026-10", "--format", "xlsx", "--out", file.path] + database.databaseArguments)
            #expect(result.status == 0, "\(result)")
            #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)
            let sheet = try #require(try WorkbookContents(file).sheetData())
            #expect(sheet.contains(Self.text("B2", "00914") + Self.text("C2", "Vale, Kit")))
            #expect(sheet.contains(Self.text("B3", "00912") + Self.text("C3", "Moss, Fay")))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["participation.xlsx"])

            let toTerminal = try CarelogBinary.run(
                ["report", "patient-participation", "--month", "2026-10", "--format", "xlsx"] + database.databaseArguments)
            #expect(toTerminal.status == 2)
            #expect(toTerminal.error.contains("--format xlsx writes a workbook file: give it with --out FILE.xlsx."))
        }
    }
}
