/// How a table is written: text for people, CSV or JSON Lines for machines, a workbook
/// for spreadsheets. Reports render it (Reports/ReportFormat+Rendering.swift); the accounting of
/// disclosures takes the same choice.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case csv
    /// JSON Lines: one object per row, keys the column names; numbers as JSON numbers,
    /// a suppressed count (`<11`) and every code (an MRN) as a string.
    case json
    /// An `.xlsx` workbook (a file, `--out` only): MRNs and codes as text, counts as
    /// numbers, dates as dates (see `SpreadsheetColumn`).
    case xlsx
}
