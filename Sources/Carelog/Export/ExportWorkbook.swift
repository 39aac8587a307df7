import Foundation
import Postgres

/// The `.xlsx` beside one CSV of an export, fed the same COPY records as the CSV.
///
/// The columns' kinds come from the types of the statement's result (asked of the
/// server with `LIMIT 0`, which runs nothing): numbers and dates as such, all else
/// text. A text cell holds the stored value: the spreadsheet guard's `'` of the CSV
/// (`SpreadsheetEscaping`) is dropped, as `carelog import bundle` drops it, because a
/// workbook's text cell is never read as a formula.
final class ExportWorkbook {
    let fileName: String
    private let workbook: SpreadsheetWorkbook
    private let isText: [Bool]
    private var bytes: [UInt8] = []
    private var fields: [Range<Int>?] = []
    private var isHeader = true

    init(_ table: ExportTables.Table, connection: Connection, scratch: URL, rowLimit: Int = SpreadsheetWorkbook.sheetRowLimit) throws {
        let shape = try connection.query(SQLQuery(unsafeSQL: "SELECT * FROM (\(table.select)) AS exported LIMIT 0"))
        let columns = zip(shape.columnNames, shape.columnTypes).map { SpreadsheetColumn(name: $0, postgresType: $1) }
        isText = columns.map { $0.kind == .text || $0.kind == .instant }
        fileName = table.name + ".xlsx"
        workbook = try SpreadsheetWorkbook(sheetName: table.name, columns: columns, scratch: scratch, rowLimit: rowLimit)
        bytes.reserveCapacity(1 << 12)
    }

    /// One record of `COPY … TO STDOUT WITH (FORMAT csv, HEADER)`: the header (skipped:
    /// the workbook writes the column names itself) or a row.
    func append(_ record: UnsafeRawBufferPointer) throws {
        if isHeader {
            isHeader = false
            return
        }
        Self.parse(record, into: &bytes, fields: &fields)
        for index in fields.indices where index < isText.count && isText[index] {
            if let range = fields[index], !range.isEmpty, bytes[range.lowerBound] == UInt8(ascii: "'") {
                fields[index] = (range.lowerBound + 1)..<range.upperBound
            }
        }
        try bytes.withUnsafeBytes { try workbook.append(bytes: $0, fields: fields) }
    }

    /// Writes the workbook into `folder`; the manifest's entry for it.
    func finish(into folder: URL) throws -> ExportManifest.File {
        let digest = try workbook.finish(into: folder.appendingPathComponent(fileName).path)
        return ExportManifest.File(name: fileName, columns: workbook.columns.map(\.name), rows: workbook.rows, sha256: digest)
    }

    /// Splits one CSV record as PostgreSQL writes it (`,` between fields, `"` around a
    /// field that needs it with `""` inside, a line feed at the end) into the fields'
    /// values, copied unquoted into `bytes`; an unquoted empty field (NULL) is nil.
    static func parse(_ record: UnsafeRawBufferPointer, into bytes: inout [UInt8], fields: inout [Range<Int>?]) {
        bytes.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        var end = record.count
        if end > 0, record[end - 1] == 0x0A { end -= 1 }
        if end > 0, record[end - 1] == 0x0D { end -= 1 }
        var index = 0
        while true {
            let start = bytes.count
            var quoted = false
            if index < end, record[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while index < end {
                    let byte = record[index]
                    if byte == UInt8(ascii: "\"") {
                        if index + 1 < end, record[index + 1] == UInt8(ascii: "\"") {
                            bytes.append(byte)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    bytes.append(byte)
                    index += 1
                }
            }
            while index < end, record[index] != UInt8(ascii: ",") {
                bytes.append(record[index])
                index += 1
            }
            fields.append(!quoted && bytes.count == start ? nil : start..<bytes.count)
            guard index < end else { break }
            index += 1  // the comma
        }
    }
}
