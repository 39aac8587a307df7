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
/// typed over stays text), one for dates (`yyyy-mm-dd`), a bold header row frozen
/// above the rows, and fixed entry times (1980-01-01), so that the same rows give
/// the same bytes.
final class SpreadsheetWorkbook {
    /// Rows of one worksheet, the header included (the format's limit).
    static let sheetRowLimit = 1_048_576

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
                line.append(contentsOf: Self.numberOpen)
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
            default:
                appendTextCell(value)
            }
        }
        line.append(contentsOf: Self.rowClose)
        try line.withUnsafeBytes { try current!.append($0) }
    }

    private func appendTextCell(_ value: UnsafeRawBufferPointer) {
        line.append(contentsOf: Self.textOpen)
        SheetXML.appendText(value, to: &line)
        line.append(contentsOf: Self.textClose)
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
            let archive = try Archive(url: url, accessMode: .update)
            try add(archive, "[Content_Types].xml", contentTypes())
            try add(archive, "_rels/.rels", Self.packageRelationships)
            try add(archive, "xl/workbook.xml", workbook())
            try add(archive, "xl/_rels/workbook.xml.rels", workbookRelationships())
            try add(archive, "xl/styles.xml", Self.styles)
            for (number, sheet) in sheets.enumerated() {
                try addFile(archive, "xl/worksheets/sheet\(number + 1).xml", sheet.file)
                try? FileManager.default.removeItem(at: sheet.file)
            }
        } catch let error as CarelogError {
            throw error
        } catch {
            throw CarelogError(.failure, "could not write \(path): \(error)", suggestion: "Check that the disk is not full.")
        }
        sheets.removeAll()
        return try ExportVerifier.sha256(of: url)
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
        try Data("</sheetData></worksheet>".utf8).withUnsafeBytes { try stream.append($0) }
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
            }
        }
        var cols = "<cols>"
        for (index, width) in widths.enumerated() {
            cols += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        cols += "</cols>"
        return Self.xmlDeclaration
            + "<worksheet xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipNamespace)\">"
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

    static func validSheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        let cut = String(cleaned.prefix(31))
        return cut.isEmpty ? "Sheet1" : cut
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
            + "</sheets></workbook>"
    }

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

    /// Cell styles: 0 the default, 1 a date (`yyyy-mm-dd`), 2 the header (bold, text),
    /// 3 text (the `@` format).
    static let styles = xmlDeclaration
        + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"4\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    private static let rowOpen = Array("<row r=\"".utf8)
    private static let tagEnd = Array("\">".utf8)
    private static let rowClose = Array("</row>".utf8)
    private static let numberOpen = Array("\"><v>".utf8)
    private static let dateOpen = Array("\" s=\"1\"><v>".utf8)
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
