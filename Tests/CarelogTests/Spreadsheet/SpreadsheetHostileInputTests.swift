import Foundation
import Testing

@testable import Carelog

/// The workbook writer against what a hostile or unlucky stored value can hold: every
/// part must stay well-formed XML (parsed with an XML parser) and every text cell must
/// read back, escapes undone, as the value stored; numbers and dates only where they
/// show as stored.
@Suite("spreadsheet: hostile values in the .xlsx workbook")
struct SpreadsheetHostileInputTests {
    /// Writes one column of `kind` with `values` and returns its data cells.
    private func cells(_ kind: SpreadsheetColumn.Kind, _ values: [String], sheetName: String = "t") throws
        -> (cells: [WorkbookCells.Cell], contents: WorkbookContents)
    {
        let folder = try SpreadsheetWorkbookTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try SpreadsheetWorkbook(sheetName: sheetName, columns: [SpreadsheetColumn("v", kind)], scratch: folder)
        for value in values { try workbook.append([value]) }
        let file = folder.appendingPathComponent("t.xlsx")
        _ = try workbook.finish(into: file.path)
        let contents = try WorkbookContents(file)
        let cells = try WorkbookCells.of(contents).filter { $0.reference != "A1" }
        return (cells, contents)
    }

    /// The format code of cell style `style` (nil: the default style, General).
    private func formatCode(_ style: String?, in contents: WorkbookContents) throws -> String {
        let styles = try #require(contents["xl/styles.xml"])
        guard let style, let index = Int(style) else { return "General" }
        let xfs = try #require(styles.range(of: "<cellXfs").map { String(styles[$0.lowerBound...]) })
        let ids = try NSRegularExpression(pattern: "<xf numFmtId=\"([0-9]+)\"")
            .matches(in: xfs, range: NSRange(xfs.startIndex..., in: xfs))
            .map { Int(xfs[Range($0.range(at: 1), in: xfs)!])! }
        let id = ids[index]
        let builtIn = [0: "General", 1: "0", 2: "0.00", 49: "@"]
        if let code = builtIn[id] { return code }
        let custom = try NSRegularExpression(pattern: "<numFmt numFmtId=\"\(id)\" formatCode=\"([^\"]*)\"/>")
        let match = try #require(custom.firstMatch(in: styles, range: NSRange(styles.startIndex..., in: styles)))
        return String(styles[Range(match.range(at: 1), in: styles)!])
    }

    @Test("text XML forbids, markup, quotes, spaces and formula-like text: well-formed parts, each cell the value stored")
    func hostileText() throws {
        let forbidden = (0x00...0x1F).filter { ![0x09, 0x0A, 0x0D].contains($0) }.map { String(UnicodeScalar(UInt8($0))) }
        let values = forbidden.map { "a\($0)b" } + [
            "\u{FFFE}", "x\u{FFFF}y", "]]>", "<b>&amp;</b>", "a & b < c > d", "\"double\" 'single'", "  both sides  ",
            " ", "\t", "\tlead tab", "\rlead CR", "\r\n", "trail\r", "=HYPERLINK(\"http://x.example\",\"click\")", "@SUM(A1:A2)",
            "+1", "-1", "=1+1", "_x0041_", "_x005F_", "__x0041__", "_x00", "María José 👩🏽‍⚕️", "\u{85}next line\u{2028}",
            "<?xml version=\"1.0\"?>", "<!-- c -->", "<![CDATA[x]]>", "&#0;", "&lt;",
        ]
        let (cells, _) = try cells(.text, values)
        #expect(cells.count == values.count)
        for (cell, value) in zip(cells, values) {
            #expect(cell.value == value, "\(cell)")
            #expect(cell.type == "inlineStr" && cell.style == "3", "\(cell)")
        }
    }

    @Test("a column name or sheet name with what XML forbids still makes well-formed parts")
    func hostileNames() throws {
        let folder = try SpreadsheetWorkbookTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try SpreadsheetWorkbook(
            sheetName: "a\u{1}b\u{FFFF}", columns: [SpreadsheetColumn("n\u{FFFE}\u{2}\"<&>", .text)], scratch: folder)
        try workbook.append(["x"])
        let file = folder.appendingPathComponent("t.xlsx")
        _ = try workbook.finish(into: file.path)
        let contents = try WorkbookContents(file)
        let cells = try WorkbookCells.of(contents)
        #expect(cells.first?.value == "n\"<&>")
        #expect(contents["xl/workbook.xml"]?.contains("<sheet name=\"ab\" sheetId=\"1\"") == true)
    }

    @Test("sheet names: at most 31 characters, no []:*?/\\, no apostrophe at either end, never History")
    func sheetNames() {
        #expect(SpreadsheetWorkbook.validSheetName("plan-requirements") == "plan-requirements")
        #expect(SpreadsheetWorkbook.validSheetName("a[b]c:d*e?f/g\\h") == "a_b_c_d_e_f_g_h")
        #expect(SpreadsheetWorkbook.validSheetName(String(repeating: "x", count: 40)) == String(repeating: "x", count: 31))
        #expect(SpreadsheetWorkbook.validSheetName("'quoted'") == "quoted")
        #expect(SpreadsheetWorkbook.validSheetName("History") == "History_")
        #expect(SpreadsheetWorkbook.validSheetName("history") == "history_")
        #expect(SpreadsheetWorkbook.validSheetName("''") == "Sheet1")
        #expect(SpreadsheetWorkbook.validSheetName("") == "Sheet1")
        // 31 counted as a spreadsheet counts (UTF-16 units): 15 emoji of two units each and one more.
        #expect(SpreadsheetWorkbook.validSheetName(String(repeating: "😀", count: 20)) == String(repeating: "😀", count: 15))
    }

    @Test("a text cell longer than a spreadsheet holds (32,767 characters) is cut with a marker; one that fits stays whole")
    func longText() throws {
        let fits = String(repeating: "é", count: 32_767)
        let long = String(repeating: "a", count: 32_760) + "😀😀😀😀😀" + String(repeating: "b", count: 9_990)
        let escaped = String(repeating: "\u{1}", count: 40_000)
        let (cells, _) = try cells(.text, [fits, long, escaped])
        #expect(cells.count == 3)
        #expect(cells[0].value == fits)
        let marker = " [... cut: 42760 characters in all, more than a spreadsheet cell holds]"
        let kept = 32_767 - marker.utf16.count
        #expect(cells[1].value.utf16.count <= 32_767)
        #expect(cells[1].value == String(repeating: "a", count: kept) + marker)
        let escapedMarker = " [... cut: 40000 characters in all, more than a spreadsheet cell holds]"
        #expect(cells[2].value == String(repeating: "\u{1}", count: 32_767 - escapedMarker.utf16.count) + escapedMarker)
        // a cut that falls inside an emoji keeps it whole or leaves it out, never half
        let emoji = String(repeating: "a", count: 32_694) + String(repeating: "😀", count: 100)
        let (emojiCells, _) = try self.cells(.text, [emoji])
        let emojiMarker = " [... cut: 32894 characters in all, more than a spreadsheet cell holds]"
        let room = 32_767 - emojiMarker.utf16.count - 32_694
        #expect(emojiCells[0].value == String(repeating: "a", count: 32_694) + String(repeating: "😀", count: room / 2) + emojiMarker)
    }

    @Test("numbers: a number only when it shows as stored (0.10 with its zero, 15 digits in full); 1e5, NaN, Infinity, 012 and -0 as text")
    func numberEdges() throws {
        let values = ["12", "-1", "-2.5", "0.10", "85.0", "-100.00", "123456789012", "123456789012345", "0.000000000000001",
                      "12345678.25",
                      "1e5", "1E5", " 12", "12 ", "012", "-012", "NaN", "Infinity", "-Infinity", "-0", "-0.0", "+1", "1,5", "0x1F", ""]
        let (cells, contents) = try cells(.number, values)
        var shown: [String: (type: String?, value: String, format: String)] = [:]
        for cell in cells {
            let row = Int(cell.reference.dropFirst())! - 2
            shown[values[row]] = (cell.type, cell.value, try formatCode(cell.style, in: contents))
        }
        func number(_ value: String, _ format: String) { #expect(shown[value]?.type == nil && shown[value]?.value == value && shown[value]?.format == format, "\(value): \(String(describing: shown[value]))") }
        func text(_ value: String) { #expect(shown[value]?.type == "inlineStr" && shown[value]?.value == value && shown[value]?.format == "@", "\(value): \(String(describing: shown[value]))") }
        number("12", "General")
        number("-1", "General")
        number("-2.5", "General")
        number("0.10", "0.00")
        number("85.0", "0.0")
        number("-100.00", "0.00")
        number("123456789012", "0")
        number("123456789012345", "0")
        number("0.000000000000001", "0.000000000000000")
        number("12345678.25", "General")
        for value in ["1e5", "1E5", " 12", "12 ", "012", "-012", "NaN", "Infinity", "-Infinity", "-0", "-0.0", "+1", "1,5", "0x1F"] {
            text(value)
        }
        #expect(shown[""] == nil, "an empty value is no cell")
    }

    @Test("dates: a day number only for a real date from 1900-03-01 on; anything else as text")
    func dateEdges() throws {
        let values = ["2026-10-05", "1900-03-01", "1900-02-28", "0001-01-01", "2026-10-05 BC", "-2026-10-05", " 2026-10-05",
                      "infinity", "-infinity", "2026-10-5", "2026/10/05", "20261005", "2026-10-05T00:00:00Z"]
        let (cells, contents) = try cells(.date, values)
        #expect(cells.count == values.count)
        for (cell, value) in zip(cells, values) {
            switch value {
            case "2026-10-05":
                let format = try formatCode(cell.style, in: contents)
                #expect(cell.type == nil && cell.value == "46300" && format == "yyyy-mm-dd")
            case "1900-03-01":
                #expect(cell.type == nil && cell.value == "61")
            default:
                #expect(cell.type == "inlineStr" && cell.value == value, "\(cell)")
            }
        }
    }
}
