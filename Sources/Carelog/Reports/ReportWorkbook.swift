import Foundation

/// A report as an `.xlsx` workbook: the bundle's file beside each CSV, and
/// `carelog report NAME --format xlsx --out FILE`. The values are the report's own
/// (no spreadsheet guard: a text cell is never a formula); the column kinds of the
/// report's header decide what is a number, a date or text (`SpreadsheetColumn`).
enum ReportWorkbook {
    /// Writes `table` to `url` (a new file, 0600), its worksheet file kept in
    /// `scratch` until then; returns the workbook's SHA-256 (hex).
    @discardableResult
    static func write(_ table: ReportTable, to url: URL, scratch: URL) throws -> String {
        let columns = table.definition.columns.map { SpreadsheetColumn(report: $0) }
        let workbook = try SpreadsheetWorkbook(sheetName: table.definition.name, columns: columns, scratch: scratch)
        for row in table.rows {
            try workbook.append(row)
        }
        return try workbook.finish(into: url.path)
    }
}

extension SpreadsheetColumn {
    /// The kind of a report column: counts, distinct counts, numbers and percentages
    /// are numbers, dates are dates, instants (site-local `YYYY-MM-DD HH:MM`) date-times,
    /// every other column (codes, MRNs, names, details) is text.
    init(report column: ReportColumn) {
        name = column.name
        switch column.kind {
        case .count, .distinct, .number, .percent: kind = .number
        case .date: kind = .date
        case .timestamp: kind = .instant
        case .code, .text, .mrn, .name, .detail, .note, .group, .staff: kind = .text
        }
    }
}
