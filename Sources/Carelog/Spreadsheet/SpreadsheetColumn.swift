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
/// | `instant` | `2026-10-05T11:30:00Z`, `2026-11-13 13:00` | a real date-time shown as `yyyy-mm-dd hh:mm:ss`: the UTC instant of an export (the column name says UTC: `starts_at` beside the site-local `local_date` and `local_time`), or a report's site-local time; anything else a text cell |
/// | `time`   | `07:00:00`       | a real time of day shown as `hh:mm` |
///
/// A spreadsheet date-time has no time zone: an export's instants are UTC (as its CSV
/// says, with the Z), and the site-local start is in the columns beside them.
/// Booleans are text (`true`, not a spreadsheet's TRUE).
struct SpreadsheetColumn: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case text, number, date
        /// An instant: a date-time cell, in a column that fits it.
        case instant
        /// A time of day: a time cell.
        case time
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
        case 1083: kind = .time
        case 1114, 1184: kind = .instant  // timestamp, timestamptz
        // The export writes its instants as UTC text (`recorded_at`, `starts_at`).
        case 25 where name.hasSuffix("_at"): kind = .instant
        default: kind = .text
        }
    }
}
