import Foundation
import ZIPFoundation

/// An `.xlsx` workbook of one table, written row by row: the file a person
/// double-clicks, beside the CSV that machines read (see `SpreadsheetColumn` for what
/// each value becomes).
///
/// Memory stays flat whatever the number of rows: each row's XML goes straight into
/// a worksheet file on disk (0600, in `scratch`, next to the output), and `finish`
/// then zips the parts into the workbook, deflating the worksheets in pieces. A table
/// longer than a worksheet can hold (1,048,576 rows, the header included) goes on in
/// a second worksheet (`attendance (2)`), header repeated, and so on.
///
/// The workbook has one style for text cells (the `@` text format, so that an MRN
/// typed over stays text), one for dates (`yyyy-mm-dd`), one per number of decimals
/// for numbers the General format would not show as stored (`0.10`, a 12-digit
/// count), a bold header row frozen above the rows, and fixed entry times
/// (1980-01-01), so that the same rows give the same bytes.
///
/// A text value longer than a cell holds (32,767 characters, counted as a
/// spreadsheet counts them) is cut, and the cell says so at its end (`[... cut: 40000
/// characters in all, more than a spreadsheet cell holds]`): the workbook is for
/// reading, and the CSV beside it keeps every value whole. Refusing instead would
/// stop an auditor's export over one long note.
final class SpreadsheetWorkbook {
    /// Rows of one worksheet, the header included (the format's limit).
    static let sheetRowLimit = 1_048_576

    /// Characters of one cell (the format's limit), in UTF-16 units.
    static let cellCharacterLimit = 32_767

    let columns: [SpreadsheetColumn]
    private let sheetName: String
    private let scratch: URL
    private let dataRowsPerSheet: Int
    private let cellPrefixes: [[UInt8]]
    private var sheets: [(file: URL, rows: Int)] = []
    private var current: StreamedFile?
    private var rowInSheet = 0
    private var line: [UInt8] = []
    private var isFinished = false
    /// Data rows written (headers not counted).
    private(set) var rows = 0
    /// Text cells cut to `cellCharacterLimit`.
    private(set) var cutCells = 0

    /// - Parameters:
    ///   - sheetName: the worksheet's name (cut to 31 characters, `[]:*?/\` replaced).
    ///   - scratch: where the worksheet files are kept until `finish`: a folder only
    ///     the owner reads, such as the bundle's staging folder.
    ///   - rowLimit: rows per worksheet, the header included; tests make it small.
    init(sheetName: String, columns: [SpreadsheetColumn], scratch: URL, rowLimit: Int = sheetRowLimit) throws {
        precondition(rowLimit >= 2, "a worksheet holds its header and at least one row")
        self.sheetName = Self.validSheetName(sheetName)
        self.columns = columns
        self.scratch = scratch
        dataRowsPerSheet = rowLimit - 1
        cellPrefixes = columns.indices.map { Array("<c r=\"\(SheetXML.columnLetters($0))".utf8) }
        line.reserveCapacity(1 << 12)
        try startSheet()
    }

    deinit {
        for sheet in sheets { try? FileManager.default.removeItem(at: sheet.file) }
    }

    /// Appends one row of values (nil: an empty cell).
    func append(_ values: [String?]) throws {
        var bytes: [UInt8] = []
        var fields: [Range<Int>?] = []
        for value in values {
            guard let value else {
                fields.append(nil)
                continue
            }
            let start = bytes.count
            bytes.append(contentsOf: value.utf8)
            fields.append(start..<bytes.count)
        }
        try bytes.withUnsafeBytes { try append(bytes: $0, fields: fields) }
    }

    /// Appends one row whose values are the `fields` ranges of `bytes` (UTF-8; nil: an
    /// empty cell). Fields past the columns are ignored; missing ones are empty.
    func append(bytes: UnsafeRawBufferPointer, fields: [Range<Int>?]) throws {
        if rowInSheet - 1 == dataRowsPerSheet {
            try startSheet()
        }
        rowInSheet += 1
        rows += 1
        let rowNumber = String(rowInSheet).utf8
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: Self.rowOpen)
        line.append(contentsOf: rowNumber)
        line.append(contentsOf: Self.tagEnd)
        for (index, column) in columns.enumerated() {
            guard index < fields.count, let range = fields[index], !range.isEmpty else { continue }
            let value = UnsafeRawBufferPointer(rebasing: bytes[range])
            line.append(contentsOf: cellPrefixes[index])
            line.append(contentsOf: rowNumber)
            switch column.kind {
            case .number where SheetXML.isExactNumber(value):
                if let decimals = SheetXML.fixedDecimals(value) {
                    line.append(contentsOf: Self.styleOpen)
                    line.append(contentsOf: String(Self.fixedDecimalStyle + decimals).utf8)
                    line.append(contentsOf: Self.styledValueOpen)
                } else {
                    line.append(contentsOf: Self.numberOpen)
                }
                line.append(contentsOf: value)
                line.append(contentsOf: Self.valueClose)
            case .date:
                if let serial = SheetXML.daySerial(value) {
                    line.append(contentsOf: Self.dateOpen)
                    line.append(contentsOf: String(serial).utf8)
                    line.append(contentsOf: Self.valueClose)
                } else {
                    appendTextCell(value)
                }
            case .instant:
                if let serial = SheetXML.instantSerial(value) {
                    line.append(contentsOf: Self.dateTimeOpen)
                    line.append(contentsOf: serial.utf8)
                    line.append(contentsOf: Self.valueClose)
                } else {
                    appendTextCell(value)
                }
            case .time:
                if let fraction = SheetXML.timeFraction(value) {
                    line.append(contentsOf: Self.timeOpen)
                    line.append(contentsOf: fraction.utf8)
                    line.append(contentsOf: Self.valueClose)
                } else {
                    appendTextCell(value)
                }
            default:
                appendTextCell(value)
            }
        }
        line.append(contentsOf: Self.rowClose)
        try line.withUnsafeBytes { try current!.append($0) }
    }

    private func appendTextCell(_ value: UnsafeRawBufferPointer) {
        line.append(contentsOf: Self.textOpen)
        let length = SheetXML.utf16Count(value)
        if length <= Self.cellCharacterLimit {
            SheetXML.appendText(value, to: &line)
        } else {
            let marker = Self.cutMarker(length)
            let kept = SheetXML.prefixLength(value, utf16Limit: Self.cellCharacterLimit - marker.utf16.count)
            SheetXML.appendText(UnsafeRawBufferPointer(rebasing: value[0..<kept]), to: &line)
            line.append(contentsOf: marker.utf8)
            cutCells += 1
        }
        line.append(contentsOf: Self.textClose)
    }

    /// What ends a cut cell: the whole value's length, no part of the value.
    static func cutMarker(_ length: Int) -> String {
        " [... cut: \(length) characters in all, more than a spreadsheet cell holds]"
    }

    /// Ends the last worksheet and writes the workbook to `path` (a new file, 0600);
    /// returns its SHA-256 (hex). The worksheet files are removed.
    func finish(into path: String) throws -> String {
        precondition(!isFinished, "finish(into:) once")
        isFinished = true
        try closeSheet()
        let url = URL(fileURLWithPath: path)
        // The archive is opened on a file carelog created (0600, never there before),
        // not created by the library with the umask's mode.
        let emptyArchive = StreamedFile.emptyZIP
        let file = try StreamedFile(path: path)
        try emptyArchive.withUnsafeBytes { try file.append($0) }
        _ = try file.finish()
        do {
            let entries = try zipParts(into: url)
            try Self.checkComplete(url, entries: entries)
        } catch let error as CarelogError {
            throw error
        } catch {
            throw CarelogError(.failure, "could not write \(path): \(error)", suggestion: "Check that the disk is not full.")
        }
        sheets.removeAll()
        return try Digest.sha256Hex(ofFile: url)
    }

    /// Adds every part to the (empty) archive at `url`; the entries' names. The
    /// archive is closed when this returns.
    private func zipParts(into url: URL) throws -> [String] {
        let archive = try Archive(url: url, accessMode: .update)
        var entries = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]
        try add(archive, entries[0], contentTypes())
        try add(archive, entries[1], Self.packageRelationships)
        try add(archive, entries[2], workbook())
        try add(archive, entries[3], workbookRelationships())
        try add(archive, entries[4], Self.styles)
        for (number, sheet) in sheets.enumerated() {
            entries.append("xl/worksheets/sheet\(number + 1).xml")
            try addFile(archive, entries[entries.count - 1], sheet.file)
            try? FileManager.default.removeItem(at: sheet.file)
        }
        return entries
    }

    /// Whether the archive at `url` reached the disk whole. The ZIP library writes
    /// through a buffered stream and neither checks its last flush (the central
    /// directory, the archive's end) nor the close: a disk that fills there would
    /// leave a workbook without its end, silently. Read back, such a file has no end
    /// record or not every entry; it is refused here, before it is hashed and
    /// published.
    static func checkComplete(_ url: URL, entries: [String]) throws {
        let written: [String]
        do {
            written = try Archive(url: url, accessMode: .read).map(\.path)
        } catch {
            throw CarelogError(.failure, "could not write \(url.path): the workbook did not reach the disk whole",
                               suggestion: "Check that the disk is not full.")
        }
        guard written == entries else {
            throw CarelogError(.failure, "could not write \(url.path): the workbook did not reach the disk whole",
                               suggestion: "Check that the disk is not full.")
        }
    }

    // MARK: - Worksheets

    private func startSheet() throws {
        try closeSheet()
        let number = sheets.count + 1
        let file = scratch.appendingPathComponent(".\(UUID().uuidString.prefix(8)).sheet\(number).xml")
        let stream = try StreamedFile(path: file.path)
        sheets.append((file, 0))
        current = stream
        rowInSheet = 0
        try Data(sheetHeader().utf8).withUnsafeBytes { try stream.append($0) }
        // The header row: the column names, bold.
        rowInSheet = 1
        var header = "<row r=\"1\">"
        for (index, column) in columns.enumerated() {
            header += "<c r=\"\(SheetXML.columnLetters(index))1\" s=\"2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                + SheetXML.escaped(column.name) + "</t></is></c>"
        }
        header += "</row>"
        try Data(header.utf8).withUnsafeBytes { try stream.append($0) }
    }

    private func closeSheet() throws {
        guard let stream = current else { return }
        try Data(("</sheetData>" + Self.printSetup + "</worksheet>").utf8).withUnsafeBytes { try stream.append($0) }
        _ = try stream.finish()
        sheets[sheets.count - 1].rows = rowInSheet
        current = nil
    }

    private func sheetHeader() -> String {
        let widths = columns.map { column -> Int in
            switch column.kind {
            case .date: return max(12, column.name.count + 3)
            case .number: return max(8, column.name.count + 3)
            case .text: return min(40, max(12, column.name.count + 3))
            case .instant: return max(21, column.name.count + 3)  // yyyy-mm-dd hh:mm:ss
            case .time: return max(8, column.name.count + 3)
            }
        }
        var cols = "<cols>"
        for (index, width) in widths.enumerated() {
            cols += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        cols += "</cols>"
        return Self.xmlDeclaration
            + "<worksheet xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipNamespace)\">"
            // Printed, a sheet fits the page's width (as many pages down as it needs).
            + "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
            + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
            + (columns.isEmpty ? "" : cols) + "<sheetData>"
    }

    /// The names of the worksheets: the table's, then `name (2)`, `name (3)`…
    var sheetNames: [String] {
        sheets.indices.map { index in
            guard index > 0 else { return sheetName }
            let suffix = " (\(index + 1))"
            return String(sheetName.prefix(31 - suffix.count)) + suffix
        }
    }

    /// A name a spreadsheet accepts for a worksheet: `[]:*?/\` replaced by `_`, what
    /// XML cannot hold left out, no `'` at either end, at most 31 characters (UTF-16
    /// units, as a spreadsheet counts them, never half an emoji), not the reserved
    /// `History`; `Sheet1` when nothing is left.
    static func validSheetName(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "[", "]", ":", "*", "?", "/", "\\": scalars.append("_")
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: scalars.append(scalar)
            }
        }
        var cleaned = Substring(String(scalars))
        while cleaned.first == "'" { cleaned = cleaned.dropFirst() }
        while cleaned.last == "'" { cleaned = cleaned.dropLast() }
        var cut = ""
        for character in cleaned {
            guard cut.utf16.count + String(character).utf16.count <= 31 else { break }
            cut.append(character)
        }
        while cut.last == "'" { cut.removeLast() }
        if cut.isEmpty { return "Sheet1" }
        return cut.lowercased() == "history" ? cut + "_" : cut
    }

    // MARK: - Package parts

    private func contentTypes() -> String {
        Self.xmlDeclaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + sheets.indices.map {
                "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            }.joined()
            + "</Types>"
    }

    private func workbook() -> String {
        Self.xmlDeclaration
            + "<workbook xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipNamespace)\"><sheets>"
            + sheetNames.enumerated().map { index, name in
                "<sheet name=\"\(SheetXML.escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
            }.joined()
            + "</sheets><definedNames>"
            // The header row printed again at the top of every page.
            + sheetNames.enumerated().map { index, name in
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">"
                    + SheetXML.escaped("'" + name.replacingOccurrences(of: "'", with: "''") + "'!$1:$1") + "</definedName>"
            }.joined()
            + "</definedNames></workbook>"
    }

    /// Landscape, narrow margins, one page wide: a report or export table printed for a
    /// binder or a survey reads across the page.
    static let printSetup = "<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
        + "<pageSetup orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"

    private func workbookRelationships() -> String {
        Self.xmlDeclaration
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + sheets.indices.map {
                "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
            }.joined()
            + "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>"
    }

    static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static let packageRelationships = xmlDeclaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    /// The style of a number shown with a fixed count of decimals: this plus the count
    /// (0 to 15).
    static let fixedDecimalStyle = 4

    /// Cell styles: 0 the default, 1 a date (`yyyy-mm-dd`), 2 the header (bold, text),
    /// 3 text (the `@` format), 4 to 19 a number with 0 to 15 decimals (`0`, `0.0`…),
    /// 20 a date-time (`yyyy-mm-dd hh:mm:ss`), 21 a time of day (`hh:mm`).
    static let styles = xmlDeclaration
        + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<numFmts count=\"18\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"
        + (1...15).map { "<numFmt numFmtId=\"\(164 + $0)\" formatCode=\"0.\(String(repeating: "0", count: $0))\"/>" }.joined()
        + "<numFmt numFmtId=\"180\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/><numFmt numFmtId=\"181\" formatCode=\"hh:mm\"/>"
        + "</numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"\(fixedDecimalStyle + 18)\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + (0...15).map { "<xf numFmtId=\"\($0 == 0 ? 1 : 164 + $0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" }.joined()
        + "<xf numFmtId=\"180\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"181\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    private static let rowOpen = Array("<row r=\"".utf8)
    private static let tagEnd = Array("\">".utf8)
    private static let rowClose = Array("</row>".utf8)
    private static let numberOpen = Array("\"><v>".utf8)
    private static let styleOpen = Array("\" s=\"".utf8)
    private static let styledValueOpen = Array("\"><v>".utf8)
    private static let dateOpen = Array("\" s=\"1\"><v>".utf8)
    private static let dateTimeOpen = Array("\" s=\"20\"><v>".utf8)
    private static let timeOpen = Array("\" s=\"21\"><v>".utf8)
    private static let valueClose = Array("</v></c>".utf8)
    private static let textOpen = Array("\" s=\"3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8)
    private static let textClose = Array("</t></is></c>".utf8)

    // MARK: - Zipping

    /// The time every entry carries: the ZIP format's first day, so that the same rows
    /// give the same bytes.
    private static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    private func add(_ archive: Archive, _ path: String, _ text: String) throws {
        let data = Data(text.utf8)
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.entryDate,
            permissions: 0o600, compressionMethod: .deflate
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    /// Adds a worksheet file, read in 1 MiB pieces as it is deflated.
    private func addFile(_ archive: Archive, _ path: String, _ file: URL) throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64 ?? 0
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: size, modificationDate: Self.entryDate,
            permissions: 0o600, compressionMethod: .deflate, bufferSize: 1 << 20
        ) { position, chunk in
            try handle.seek(toOffset: UInt64(position))
            return try handle.read(upToCount: chunk) ?? Data()
        }
    }
}

extension StreamedFile {
    /// A ZIP archive with no entries: its end-of-central-directory record alone.
    static let emptyZIP = Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
}
