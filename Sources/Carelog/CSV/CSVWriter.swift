/// Writes RFC 4180 CSV, one row at a time, into any sink (a file handle, a pipe, a
/// string in tests). Nothing is buffered here: every `writeRow` hands exactly one
/// complete record (with its line end) to the sink.
///
/// Choices (docs/reports.md):
/// - Separator `,`; records end with CRLF (`\r\n`), exactly as RFC 4180 §2 says.
///   Every spreadsheet and CSV library reads CRLF; the last record ends with CRLF too.
/// - A field is quoted when it contains `,`, `"`, CR or LF; quotes inside are doubled.
///   Other fields are written bare (a leading or trailing space is kept as is).
/// - `nil` is an empty field (nothing between the commas).
/// - Spreadsheet safety (OWASP CSV injection), by `SpreadsheetEscaping`, the same rule
///   as the export's: a TEXT field whose first character is `=`, `+`, `-`, `@`, tab, CR,
///   LF or `'` gets a leading `'` (never a tab, itself a trigger), and is then quoted
///   if needed; dropping one leading `'` gives the value back. Numeric fields are never
///   altered, so a negative number such as `-2.5` stays `-2.5`. When the `numeric`
///   flags are shorter than the row, the remaining fields count as text (the safe side).
public struct CSVWriter {
    /// The record terminator (RFC 4180: CRLF).
    public static let lineEnd = "\r\n"

    private let sink: (String) throws -> Void
    /// Records written so far (header included).
    public private(set) var rowsWritten = 0

    public init(sink: @escaping (String) throws -> Void) {
        self.sink = sink
    }

    /// Writes one record: `numeric[i]` says whether field `i` is a number (never altered).
    public mutating func writeRow(_ fields: [String?], numeric: [Bool]) throws {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append(",") }
            if let field {
                line.append(Self.escape(field, numeric: index < numeric.count ? numeric[index] : false))
            }
        }
        line.append(Self.lineEnd)
        try sink(line)
        rowsWritten += 1
    }

    /// One field, made spreadsheet-safe (text only) and quoted when needed.
    public static func escape(_ field: String, numeric: Bool) -> String {
        let value = numeric ? field : SpreadsheetEscaping.escape(field)
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }
}
