/// A column of a workbook carelog writes, and how its values become cells.
///
/// The point of the workbook is that a person who double-clicks it sees what is
/// stored: an MRN `01000009` with its leading zero, `María José` with its accents,
/// `=1+1` as the three characters it is. So:
///
/// | kind     | a value such as  | becomes                                                         |
/// |----------|------------------|-----------------------------------------------------------------|
/// | `text`   | `01000009`, `=1+1`, `María` | a text cell (inline string): never a number, never a formula |
/// | `number` | `12`, `-2.5`     | a number cell, when the value is a plain decimal of at most 15 significant digits (what a spreadsheet holds exactly); anything else (`<11`, a suppressed count) a text cell |
/// | `date`   | `2026-10-05`     | a real date (a day number) shown as `yyyy-mm-dd`, so that it sorts, filters and subtracts as a date; a value that is not such a date between 1900-03-01 and 9999-12-31 a text cell |
///
/// Instants (`2026-10-05T11:30:00Z`, kind `instant`) are text cells in a column wide
/// enough to show them whole: a spreadsheet date has no time zone, and the UTC instant
/// written out is what the CSV says. Booleans are text as well (`true`, not a
/// spreadsheet's TRUE).
struct SpreadsheetColumn: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case text, number, date
        /// An instant as UTC text: a text cell, in a column that fits it.
        case instant
    }

    let name: String
    let kind: Kind

    init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The kind of a result column of PostgreSQL type `oid`: the integer, numeric and
    /// floating-point types are numbers, `date` is a date, everything else is text.
    init(name: String, postgresType oid: UInt32) {
        self.name = name
        switch oid {
        case 20, 21, 23, 700, 701, 1700: kind = .number  // int8, int2, int4, float4, float8, numeric
        case 1082: kind = .date
        case 1114, 1184: kind = .instant  // timestamp, timestamptz
        // The export writes its instants as UTC text (`recorded_at`, `starts_at`).
        case 25 where name.hasSuffix("_at"): kind = .instant
        default: kind = .text
        }
    }
}
