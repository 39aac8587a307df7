/// The spreadsheet guard of docs/spreadsheets.md (OWASP CSV injection), made reversible so that an
/// export bundle re-imports to exactly the rows it was written from.
///
/// The rule, for a TEXT value written to a CSV cell (numbers, dates, instants and
/// booleans are never touched):
///
/// | stored value        | cell written           | why                                  |
/// |---------------------|------------------------|--------------------------------------|
/// | `=cmd`, `+1`, `-x`, `@x`, tab…, CR…, LF… | `'` + value (`'=cmd`) | a formula trigger       |
/// | `'x`, `''x`         | `'` + value (`''x`, `'''x`) | the escape mark itself       |
/// | anything else       | the value as it is     |                                      |
///
/// Undoing it is "drop exactly one leading `'` from a text cell that starts with
/// `'`": a written cell starts with `'` exactly when a mark was added, because a value
/// that already started with `'` got one more. Without that second line the guard is
/// not reversible (`=cmd` and `'=cmd` would both be written `'=cmd`).
///
/// Only `carelog import bundle` undoes it: it knows from the bundle's manifest that the
/// files are carelog's own output. `carelog import KIND FILE` stores text exactly as
/// given, because a leading `'` in a file a person made is data.
///
/// This is the one definition in Swift; the report CSV writer calls it. The export's
/// SQL (`queries/export/`) applies the same rule with the pattern `sqlPattern`, in
/// every text column, as `CASE WHEN v ~ '^[-=+@\t\r\n'']' THEN '''' || v ELSE v END`;
/// a test holds every export file to that exact pattern and checks that it escapes
/// the same values as `escape`.
enum SpreadsheetEscaping {
    /// First characters that make a spreadsheet read a cell as a formula (OWASP).
    /// Compared as Unicode scalars so that a CRLF at the start (one Character) counts.
    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n"]

    /// The mark put in front: an apostrophe (never a tab, itself a trigger).
    static let mark: Unicode.Scalar = "'"

    /// First characters that get the mark: the triggers and the mark itself.
    static let escapedFirst: Set<Unicode.Scalar> = formulaTriggers.union([mark])

    /// The regular expression, as a SQL string literal, with which the export's SQL
    /// tests a text value for the mark: the characters of `escapedFirst`.
    static let sqlPattern = #"'^[-=+@\t\r\n'']'"#

    /// The value as a text cell holds it: with one more leading `'` when it starts with
    /// a formula trigger or with `'`.
    static func escape(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, escapedFirst.contains(first) else { return value }
        return "'" + value
    }

    /// The stored value of a text cell `escape` wrote: without its first `'`, if any.
    static func unescape(_ cell: String) -> String {
        guard cell.unicodeScalars.first == mark else { return cell }
        return String(cell.unicodeScalars.dropFirst())
    }

    /// `unescape` on a cell's UTF-8 bytes, without copying (the import's hot path).
    static func unescape(_ cell: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard cell.first == UInt8(ascii: "'") else { return cell }
        return UnsafeRawBufferPointer(rebasing: cell.dropFirst())
    }
}
