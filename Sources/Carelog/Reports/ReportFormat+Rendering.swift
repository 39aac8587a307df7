import Foundation

extension ReportFormat {
    /// Renders a table in this format (text, CSV or JSON Lines; a workbook is a file,
    /// written by `ReportWorkbook`).
    func render(_ table: ReportTable) throws -> String {
        switch self {
        case .xlsx:
            throw CarelogError(.usage, "--format xlsx writes a workbook file, not text", suggestion: "Give the file to write with --out.")
        case .text:
            return TextTableRenderer().render(table, totals: table.definition.totals && !table.hasOwnTotals)
        case .csv:
            return try ReportCSV.render(table)
        case .json:
            return ReportJSONLines.render(table)
        }
    }
}

enum ReportCSV {
    /// Header row, then the rows, RFC 4180 with spreadsheet safety for text cells.
    static func render(_ table: ReportTable) throws -> String {
        var text = ""
        var writer = CSVWriter { text += $0 }
        let columns = table.definition.columns
        try writer.writeRow(columns.map(\.name), numeric: columns.map { _ in false })
        let numeric = columns.map(\.kind.isNumeric)
        for row in table.rows {
            try writer.writeRow(row, numeric: numeric)
        }
        return text
    }
}

extension ReportTable {
    /// True when the query itself returns total rows (a code column reading `total`),
    /// as the outcomes report does; the text format then adds no totals row of its own.
    var hasOwnTotals: Bool {
        let codeColumns = definition.columns.indices.filter { definition.columns[$0].kind == .code }
        return rows.contains { row in codeColumns.contains { row[$0] == "total" } }
    }

    /// The values of one column, by name (empty when the column is not there).
    func values(_ column: String) -> [String?] {
        guard let index = definition.columns.firstIndex(where: { $0.name == column }) else { return [] }
        return rows.map { $0[index] }
    }
}

enum ReportJSONLines {
    static func render(_ table: ReportTable) -> String {
        let columns = table.definition.columns
        return table.rows.map { row in
            JSONLine(columns.indices.map { index in
                let value = index < row.count ? row[index] : nil
                let isNumber = columns[index].kind.isNumeric && value.map { Double($0) != nil } == true
                return (columns[index].name, isNumber ? .number(value) : .string(value))
            }).text + "\n"
        }.joined()
    }
}

extension CSVWriter {
    /// Writes a report: the header row (column names, as text) and then every row,
    /// numeric flags taken from the column kinds (count, number, percent).
    public mutating func write(_ table: ReportTable) throws {
        let columns = table.definition.columns
        try writeRow(columns.map(\.name), numeric: columns.map { _ in false })
        let numeric = columns.map(\.kind.isNumeric)
        for row in table.rows {
            try writeRow(row, numeric: numeric)
        }
    }
}
