/// One report of `reports/*.sql`: its metadata header and its query.
///
/// The header says what each column is, because that decides how it is shown
/// (numbers right-aligned), protected (see `PrivacyOptions`) and suppressed (`--min-cell` applies to counts and to the
/// percentages derived from them).
public struct ReportDefinition: Sendable {
    public let name: String
    public let title: String
    public let description: String
    public let columns: [ReportColumn]
    /// What each column holds, from the file's `-- column NAME: …` lines: the column
    /// dictionary that `carelog report NAME --columns` prints (docs/reports.md).
    public let columnDefinitions: [String: String]
    public let sql: String
    /// Whether the text format may add a totals row: false (header `-- totals: none`)
    /// when the rows are not parts of one whole (the noms report's domains).
    public let totals: Bool

    init(name: String, title: String, description: String, columns: [ReportColumn], columnDefinitions: [String: String] = [:], sql: String,
         totals: Bool = true) {
        self.name = name
        self.title = title
        self.description = description
        self.columns = columns
        self.columnDefinitions = columnDefinitions
        self.sql = sql
        self.totals = totals
    }

    /// Parses a report file; the error names the file and the line that is wrong.
    init(fileName: String, text: String) throws {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("-- ") else { break }
            let body = line.dropFirst(3)
            guard let colon = body.firstIndex(of: ":") else { continue }
            fields[String(body[..<colon]).trimmed] = String(body[body.index(after: colon)...]).trimmed
        }
        func field(_ key: String) throws -> String {
            guard let value = fields[key], !value.isEmpty else {
                throw CarelogError(.failure, "report file \(fileName) has no '-- \(key):' header line")
            }
            return value
        }
        name = try field("name")
        title = try field("title")
        description = try field("description")
        columns = try ReportColumn.parseList(try field("columns"), file: fileName)
        var definitions: [String: String] = [:]
        for (key, value) in fields where key.hasPrefix("column ") {
            definitions[String(key.dropFirst("column ".count)).trimmed] = value
        }
        columnDefinitions = definitions
        guard try field("parameters") == "period_start date, period_end date, site_code text" else {
            throw CarelogError(.failure, "report file \(fileName): parameters must be 'period_start date, period_end date, site_code text'")
        }
        sql = text
        totals = fields["totals"] != "none"
    }

    public func column(named name: String) -> ReportColumn? {
        columns.first { $0.name == name }
    }
}

public struct ReportColumn: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case code, text, date, timestamp
        /// A patient's MRN: a keyed pseudonym under --pseudonymize, an identifier
        /// random to the run under --deidentify.
        case mrn
        /// A person's or a group's name (patient, staff member, group): dropped under
        /// --pseudonymize and --deidentify.
        case name
        /// A group's code, which staff type and may hold a patient's name or MRN (an
        /// individual-therapy group): `GR-` and a keyed HMAC under --pseudonymize, the
        /// same with a key random to the run under --deidentify.
        case group
        /// A staff member's ID: `ST-` and a keyed HMAC under --pseudonymize, random to
        /// the run under --deidentify.
        case staff
        /// Text about one patient's record that may hold dates or free text (a
        /// documentation gap's subject and details): kept under --pseudonymize (its
        /// query pseudonymises any plan code in it), dropped under --deidentify.
        case detail
        /// Free text typed by staff (a correction's reason): it may name anyone, so it
        /// is dropped under --pseudonymize and --deidentify.
        case note
        /// An integer count that adds up across rows: small-cell suppression applies,
        /// and the text format totals it.
        case count
        /// A count of distinct people or things, which does not add up across rows
        /// (a patient attending two groups is one attendee of each): suppressed like a
        /// count, never totalled.
        case distinct
        /// A figure that is not a count. With sources (`number(attended/sessions_held)`,
        /// `number(discharges)`), a statistic computed from those count columns of the
        /// same row (an average, a median over the row's discharges): under `--min-cell`
        /// it is emptied with them, as it would give a hidden count back or describe a
        /// small cell. Without sources, a value of its own (minutes, units).
        case number(sources: [String])
        /// A percentage; `numerator / sum(denominator)` of count columns of the same
        /// row when it is such a ratio (used for totals and suppression).
        case percent(numerator: String?, denominator: [String])

        var isNumeric: Bool {
            switch self {
            case .count, .distinct, .number, .percent: return true
            default: return false
            }
        }
    }

    public let name: String
    public let kind: Kind

    static func parseList(_ list: String, file: String) throws -> [ReportColumn] {
        // Split on commas outside parentheses.
        var items: [String] = []
        var current = ""
        var depth = 0
        for character in list {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                items.append(current.trimmed)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current.trimmed)
        return try items.map { item in
            let parts = item.split(separator: ":", maxSplits: 1).map { String($0).trimmed }
            guard parts.count == 2 else { throw CarelogError(.failure, "report file \(file): column '\(item)' is not name:kind") }
            return ReportColumn(name: parts[0], kind: try parseKind(parts[1], file: file))
        }
    }

    private static func parseKind(_ text: String, file: String) throws -> Kind {
        switch text {
        case "code": return .code
        case "text": return .text
        case "date": return .date
        case "timestamp": return .timestamp
        case "mrn": return .mrn
        case "name": return .name
        case "group": return .group
        case "staff": return .staff
        case "detail": return .detail
        case "note": return .note
        case "count": return .count
        case "distinct": return .distinct
        case "number": return .number(sources: [])
        case "percent", "percent()": return .percent(numerator: nil, denominator: [])
        default:
            if text.hasPrefix("number("), text.hasSuffix(")") {
                let sources = text.dropFirst("number(".count).dropLast()
                    .split(whereSeparator: { $0 == "/" || $0 == "+" }).map { String($0).trimmed }
                guard !sources.isEmpty else { throw CarelogError(.failure, "report file \(file): bad number sources '\(text)'") }
                return .number(sources: sources)
            }
            guard text.hasPrefix("percent("), text.hasSuffix(")") else {
                throw CarelogError(.failure, "report file \(file): unknown column kind '\(text)'")
            }
            let formula = text.dropFirst("percent(".count).dropLast()
            let sides = formula.split(separator: "/").map { String($0).trimmed }
            guard sides.count == 2 else { throw CarelogError(.failure, "report file \(file): bad percent formula '\(text)'") }
            return .percent(numerator: sides[0], denominator: sides[1].split(separator: "+").map { String($0).trimmed })
        }
    }
}

/// The reports this build carries, from `reports/*.sql`.
public enum ReportCatalog {
    public static func all() throws -> [ReportDefinition] {
        try EmbeddedSQL.reports.map { try ReportDefinition(fileName: $0.name, text: $0.text) }
    }

    public static func named(_ name: String) throws -> ReportDefinition? {
        try all().first { $0.name == name }
    }
}
