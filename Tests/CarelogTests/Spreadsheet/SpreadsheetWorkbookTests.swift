import Foundation
import Testing

@testable import Carelog

/// The `.xlsx` writer on its own: what each value becomes, read back by unzipping the
/// file and comparing the worksheet's XML with the text worked out by hand.
@Suite("spreadsheet: the .xlsx workbook")
struct SpreadsheetWorkbookTests {
    static func folder() throws -> URL {
        try ScratchFolder.create("xlsx")
    }

    static let columns = [
        SpreadsheetColumn("mrn", .text), SpreadsheetColumn("name", .text), SpreadsheetColumn("note", .text),
        SpreadsheetColumn("count", .number), SpreadsheetColumn("day", .date),
    ]

    static func text(_ cell: String, _ value: String) -> String {
        "<c r=\"\(cell)\" s=\"3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(value)</t></is></c>"
    }

    static func header(_ names: [String]) -> String {
        "<row r=\"1\">" + names.enumerated().map { index, name in
            "<c r=\"\(SheetXML.columnLetters(index))1\" s=\"2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(name)</t></is></c>"
        }.joined() + "</row>"
    }

    @Test("codes, names and formula-like text are text cells as stored; numbers are numbers; dates are day numbers")
    func cells() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try SpreadsheetWorkbook(sheetName: "patients", columns: Self.columns, scratch: folder)
        try workbook.append(["01000009", "María José", "=1+1", "12", "2026-10-05"])
        try workbook.append(["+1", "-1", "@x", "-2.5", "1899-01-01"])
        try workbook.append(["'x", "a&b<c>d", "tab\tCR\r\nctl\u{1}", "<11", nil])
        try workbook.append(["_x0041_", nil, "", "12345678901234567", "2026-02-30"])
        let file = folder.appendingPathComponent("patients.xlsx")
        let digest = try workbook.finish(into: file.path)
        #expect(workbook.rows == 4)

        let contents = try WorkbookContents(file)
        #expect(contents.paths == [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
        ])
        let expected = Self.header(["mrn", "name", "note", "count", "day"])
            + "<row r=\"2\">" + Self.text("A2", "01000009") + Self.text("B2", "María José") + Self.text("C2", "=1+1")
            + "<c r=\"D2\"><v>12</v></c><c r=\"E2\" s=\"1\"><v>46300</v></c></row>"
            + "<row r=\"3\">" + Self.text("A3", "+1") + Self.text("B3", "-1") + Self.text("C3", "@x")
            + "<c r=\"D3\"><v>-2.5</v></c>" + Self.text("E3", "1899-01-01") + "</row>"
            + "<row r=\"4\">" + Self.text("A4", "'x") + Self.text("B4", "a&amp;b&lt;c&gt;d")
            + Self.text("C4", "tab\tCR&#13;\nctl_x0001_") + Self.text("D4", "&lt;11") + "</row>"
            + "<row r=\"5\">" + Self.text("A5", "_x005F_x0041_") + Self.text("D5", "12345678901234567")
            + Self.text("E5", "2026-02-30") + "</row>"
        #expect(contents.sheetData() == expected)
        #expect(contents["xl/workbook.xml"]?.contains("<sheets><sheet name=\"patients\" sheetId=\"1\" r:id=\"rId1\"/></sheets>") == true)
        // the header row stays in view
        #expect(contents["xl/worksheets/sheet1.xml"]?.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>") == true)
        // style 1 is the date format, 3 the text format
        #expect(contents["xl/styles.xml"]?.contains("<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>") == true)

        // private, hashed as written, and nothing left behind but the workbook
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(digest == (try ExportVerifier.sha256(of: file)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["patients.xlsx"])
    }

    @Test("printed: landscape, one page wide, the header row on every page; an instant's column fits it whole")
    func printSetup() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let columns = [SpreadsheetColumn("mrn", .text), SpreadsheetColumn("recorded_at", .instant)]
        let workbook = try SpreadsheetWorkbook(sheetName: "it's", columns: columns, scratch: folder, rowLimit: 2)
        try workbook.append(["01000009", "2026-10-05T11:30:00Z"])
        try workbook.append(["01000010", "2026-10-05T11:31:00Z"])
        try workbook.append(["01000011", "2026-10-05T11:30:00.25Z"])
        try workbook.append(["01000012", "2026-10-05 13:00"])
        try workbook.append(["01000013", "2026-10-05T25:00:00Z"])
        let file = folder.appendingPathComponent("it.xlsx")
        _ = try workbook.finish(into: file.path)
        let contents = try WorkbookContents(file)
        let sheet = try #require(contents["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                               + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                               + "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><sheetViews>"))
        #expect(sheet.hasSuffix("</sheetData><pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
                                + "<pageSetup orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>"))
        // "2026-10-05 11:30:00" shown is 19 characters: the column is 21 wide; the MRN's 12.
        #expect(sheet.contains("<cols><col min=\"1\" max=\"1\" width=\"12\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"21\" customWidth=\"1\"/></cols>"))
        // An instant is a date-time cell (style 20, yyyy-mm-dd hh:mm:ss): 2026-10-05 is day
        // 46300 after 1899-12-30, 11:30 is 0.4791666667 of a day, 11:31 0.4798611111,
        // 11:30:00.25 0.4791695602; a report's site-local 13:00 0.5416666667; no hour 25.
        // (A row limit of 2 is the header and one row: a sheet per row here.)
        #expect(contents.sheetData(1)?.contains("<c r=\"B2\" s=\"20\"><v>46300.4791666667</v></c>") == true)
        #expect(contents.sheetData(2)?.contains("<c r=\"B2\" s=\"20\"><v>46300.4798611111</v></c>") == true)
        #expect(contents.sheetData(3)?.contains("<c r=\"B2\" s=\"20\"><v>46300.4791695602</v></c>") == true)
        #expect(contents.sheetData(4)?.contains("<c r=\"B2\" s=\"20\"><v>46300.5416666667</v></c>") == true)
        #expect(contents.sheetData(5)?.contains(Self.text("B2", "2026-10-05T25:00:00Z")) == true)
        #expect(contents["xl/styles.xml"]?.contains("<numFmt numFmtId=\"180\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/>") == true)
        // One print title per worksheet, the sheet's name quoted (its quote doubled).
        #expect(contents["xl/workbook.xml"]?.contains("</sheets><definedNames>"
            + "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">&apos;it&apos;&apos;s&apos;!$1:$1</definedName>"
            + "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">&apos;it&apos;&apos;s (2)&apos;!$1:$1</definedName>"
            + "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"2\">&apos;it&apos;&apos;s (3)&apos;!$1:$1</definedName>"
            + "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"3\">&apos;it&apos;&apos;s (4)&apos;!$1:$1</definedName>"
            + "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"4\">&apos;it&apos;&apos;s (5)&apos;!$1:$1</definedName>"
            + "</definedNames></workbook>") == true, "\(contents["xl/workbook.xml"] ?? "")")
    }

    @Test("the same rows give the same bytes")
    func deterministic() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var digests: [String] = []
        for name in ["a.xlsx", "b.xlsx"] {
            let workbook = try SpreadsheetWorkbook(sheetName: "t", columns: Self.columns, scratch: folder)
            try workbook.append(["01", "Zoë", "x", "1", "2026-01-01"])
            digests.append(try workbook.finish(into: folder.appendingPathComponent(name).path))
        }
        #expect(digests[0] == digests[1])
    }

    @Test("a table longer than a worksheet goes on in the next one, header repeated")
    func rollover() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let columns = [SpreadsheetColumn("code", .text)]
        let workbook = try SpreadsheetWorkbook(sheetName: "attendance", columns: columns, scratch: folder, rowLimit: 3)
        for code in ["a", "b", "c", "d", "e"] { try workbook.append([code]) }
        let file = folder.appendingPathComponent("attendance.xlsx")
        _ = try workbook.finish(into: file.path)
        let contents = try WorkbookContents(file)
        let header = Self.header(["code"])
        func row(_ number: Int, _ code: String) -> String { "<row r=\"\(number)\">" + Self.text("A\(number)", code) + "</row>" }
        #expect(contents.sheetData(1) == header + row(2, "a") + row(3, "b"))
        #expect(contents.sheetData(2) == header + row(2, "c") + row(3, "d"))
        #expect(contents.sheetData(3) == header + row(2, "e"))
        #expect(contents["xl/workbook.xml"]?.contains(
            "<sheet name=\"attendance\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"attendance (2)\" sheetId=\"2\" r:id=\"rId2\"/>"
                + "<sheet name=\"attendance (3)\" sheetId=\"3\" r:id=\"rId3\"/>") == true)
        #expect(contents["[Content_Types].xml"]?.contains("/xl/worksheets/sheet3.xml") == true)
        #expect(contents["xl/_rels/workbook.xml.rels"]?.contains("Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\"") == true)
    }

    @Test("a workbook that is not finished leaves no worksheet file behind")
    func abandoned() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let workbook = try SpreadsheetWorkbook(sheetName: "t", columns: Self.columns, scratch: folder)
            try workbook.append(["1", "2", "3", "4", "2026-01-01"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    @Test("numbers a spreadsheet holds exactly; day numbers from 1900-03-01 on")
    func numbersAndDays() {
        func exact(_ text: String) -> Bool { Array(text.utf8).withUnsafeBytes { SheetXML.isExactNumber($0) } }
        func day(_ text: String) -> Int? { Array(text.utf8).withUnsafeBytes { SheetXML.daySerial($0) } }
        for yes in ["0", "12", "-3", "-0.5", "85.0", "123456789012345", "0.000000000000001"] {
            #expect(exact(yes), "\(yes)")
        }
        for no in ["", "-", "007", "1.", ".5", "1e5", "NaN", "1234567890123456", "1.234567890123456", "100000000000000000000", "<11", "1 ", "+1"] {
            #expect(!exact(no), "\(no)")
        }
        #expect(day("1900-03-01") == 61)
        #expect(day("2024-02-29") == 45351)
        #expect(day("9999-12-31") == 2958465)
        for no in ["1900-02-28", "1899-12-31", "2023-02-29", "2026-13-01", "2026-1-01", "2026-01-01T00:00:00Z", "2026"] {
            #expect(day(no) == nil, "\(no)")
        }
        #expect(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"] == [0, 25, 26, 51, 52, 701, 702].map(SheetXML.columnLetters))
    }

    @Test("a COPY record splits into its values: quotes undone, NULL apart from the empty string")
    func copyRecord() {
        var bytes: [UInt8] = []
        var fields: [Range<Int>?] = []
        let record = Array("a,\"b,\"\"c\"\"\",,\"\",\"line\nbreak\",'=x\n".utf8)
        record.withUnsafeBytes { ExportWorkbook.parse($0, into: &bytes, fields: &fields) }
        let values = fields.map { $0.map { String(decoding: bytes[$0], as: UTF8.self) } }
        #expect(values == ["a", "b,\"c\"", nil, "", "line\nbreak", "'=x"])
    }
}
