import Postgres

/// Builds the SQL of one import from its `ImportKind`: staging, checks, resolution
/// and writes, all set-based over temporary tables that vanish at commit.
///
/// Only names from the kind's definition (program constants) become part of the
/// SQL text; every message and list of allowed values travels as a bound parameter,
/// and the file's values only ever reach the server through COPY.
struct ImportStatements {
    let kind: ImportKind
    /// Columns present in the file's header, in kind order.
    let presentColumns: [ImportColumn]
    /// `column_default` of the table's columns, read from the catalog.
    let tableDefaults: [String: String]
    /// How day-first or month-first dates are read (`--date-order`); nil refuses them.
    var dateOrder: DateOrder? = nil

    /// The temporary tables of an import. The stored queries of `queries/import/` name
    /// them as they are spelled here.
    static let staging = "import_staging"
    static let problems = "import_problem"
    static let resolved = "import_resolved"

    init(kind: ImportKind, presentNames: Set<String>, tableDefaults: [String: String], dateOrder: DateOrder? = nil) {
        self.dateOrder = dateOrder
        self.kind = kind
        self.presentColumns = kind.columns.filter { presentNames.contains($0.name) }
        self.tableDefaults = tableDefaults
    }

    // MARK: - Staging

    var createTemporaryTables: [SQLQuery] {
        let columns = kind.columns.map { "\(q($0.name)) text" }.joined(separator: ", ")
        return [
            SQLQuery(unsafeSQL: """
                CREATE TEMP TABLE \(Self.staging) (record_number integer PRIMARY KEY, line_number integer NOT NULL, \(columns))
                    ON COMMIT DROP
                """),
            StoredQuery.named("import/create_problem_table"),
        ]
    }

    /// Columns of the COPY, in the order the encoder writes them.
    var copyIntoStaging: SQLQuery {
        let columns = (["record_number", "line_number"] + presentColumns.map { q($0.name) }).joined(separator: ", ")
        return SQLQuery(unsafeSQL: "COPY \(Self.staging) (\(columns)) FROM STDIN")
    }

    // MARK: - Friendly values

    /// Rewrites, in the staging table, the values people and spreadsheets write into
    /// the stored form (see `FriendlyValues`): enumerations in any case and by their
    /// unambiguous common forms, dates as `YYYY/MM/DD`, and day-first or month-first
    /// dates when `dateOrder` says which. Only rows with a value not already in its
    /// stored form are written, so a clean file costs one scan. Nil when the file
    /// has no enumeration or date column.
    var normalization: SQLQuery? {
        var binder = ParameterBinder()
        var assignments: [String] = []
        var needed: [String] = []
        for column in presentColumns {
            let value = "\(Self.staging).\(q(column.name))"
            switch column.type {
            case .enumeration(let allowed):
                let pairs = FriendlyValues.aliases(for: allowed)
                let aliases = binder.bind(pairs.map(\.alias))
                let values = binder.bind(pairs.map(\.value))
                assignments.append("""
                    \(q(column.name)) = coalesce((SELECT m.value FROM unnest(\(aliases)::text[], \(values)::text[]) AS m(alias, value)
                                                WHERE m.alias = lower(btrim(\(value)))), \(value))
                    """)
                needed.append("\(value) <> ALL(\(binder.bind(allowed))::text[])")
            case .date:
                var cases = ["WHEN \(value) ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}$' THEN split_part(\(value), '/', 1) || '-' "
                    + "|| lpad(split_part(\(value), '/', 2), 2, '0') || '-' || lpad(split_part(\(value), '/', 3), 2, '0')"]
                if let dateOrder {
                    let (month, day) = dateOrder == .dmy ? ("2", "1") : ("1", "2")
                    let pattern = "'^([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})$'"
                    cases.append("WHEN \(value) ~ \(pattern) THEN (regexp_match(\(value), \(pattern)))[3] "
                        + "|| '-' || lpad((regexp_match(\(value), \(pattern)))[\(month)], 2, '0') "
                        + "|| '-' || lpad((regexp_match(\(value), \(pattern)))[\(day)], 2, '0')")
                }
                // Only a rewrite that gives a real date is kept: a refused value is shown
                // as the person wrote it.
                assignments.append("""
                    \(q(column.name)) = (SELECT CASE WHEN carelog.is_iso_date(c.iso) THEN c.iso ELSE \(value) END
                                        FROM (SELECT CASE \(cases.joined(separator: " ")) END AS iso) AS c)
                    """)
                needed.append("\(value) !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'")
            default:
                continue
            }
        }
        guard !assignments.isEmpty else { return nil }
        return SQLQuery(unsafeSQL: """
            UPDATE \(Self.staging) SET \(assignments.joined(separator: ",\n    "))
             WHERE \(needed.joined(separator: " OR "))
            """, parameters: binder.parameters)
    }

    // MARK: - Checks of single values

    /// Records every value of the wrong shape: required but empty, not a date, not in
    /// the list, out of range… Nil when the file has no column to check.
    ///
    /// Each column's checks run once per DISTINCT value, not once per row: a million
    /// attendance rows hold a few thousand start times, a few hundred MRNs and five
    /// statuses, and the checks (regular expressions, casts) cost microseconds a value.
    /// The values found wrong (none, normally) are then joined back to the rows that
    /// hold them (OFFSET 0 keeps the planner from pulling the checks up past the join,
    /// where they would run once per row again). Same problems, same messages as
    /// checking every row.
    var formatChecks: SQLQuery? {
        var binder = ParameterBinder()
        var branches: [String] = []
        for column in presentColumns {
            let staged = "s.\(q(column.name))"
            if column.presence == .required {
                branches.append("""
                    SELECT s.record_number, s.line_number, \(binder.bind(column.name)), NULL::text, \(binder.bind("is required"))
                      FROM \(Self.staging) AS s WHERE \(staged) IS NULL
                    """)
            }
            let cases = shapeChecks(column, value: "d.value", binder: &binder)
                .map { "WHEN \($0.0) THEN \(binder.bind($0.1))" }
            guard !cases.isEmpty else { continue }
            let name = binder.bind(column.name)
            branches.append("""
                SELECT s.record_number, s.line_number, \(name), \(staged), b.message
                  FROM (SELECT d.value, CASE \(cases.joined(separator: " ")) END AS message
                          FROM (SELECT DISTINCT \(staged) AS value FROM \(Self.staging) AS s WHERE \(staged) IS NOT NULL) AS d
                        OFFSET 0) AS b
                  JOIN \(Self.staging) AS s ON \(staged) = b.value
                 WHERE b.message IS NOT NULL
                """)
        }
        guard !branches.isEmpty else { return nil }
        return SQLQuery(unsafeSQL: """
            INSERT INTO \(Self.problems) (record_number, line_number, column_name, value, message)
            \(branches.joined(separator: "\nUNION ALL\n"))
            """, parameters: binder.parameters)
    }

    /// (condition that is true for a bad value, what is wrong), checked in order; a
    /// later condition may assume the earlier ones were false.
    private func shapeChecks(_ column: ImportColumn, value: String, binder: inout ParameterBinder) -> [(String, String)] {
        switch column.type {
        case .text:
            return []
        case .code, .reference:
            return [("btrim(\(value)) = ''", "is blank"),
                    ("\(value) <> btrim(\(value))", "has spaces at the start or end")]
        case .date:
            let notISO = ("NOT carelog.is_iso_date(\(value))", "is not a date in the form YYYY-MM-DD")
            guard dateOrder == nil else { return [notISO] }
            return [("\(value) ~ '^[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{4}$'",
                     "could be day-first or month-first, which is never guessed: give --date-order dmy or mdy, or write YYYY-MM-DD"),
                    notISO]
        case .integer(let minimum, let maximum):
            var checks = [("NOT carelog.is_integer(\(value))", "is not a whole number")]
            if let minimum { checks.append(("\(value)::integer < \(minimum)", "must be at least \(minimum)")) }
            if let maximum { checks.append(("\(value)::integer > \(maximum)", "must be at most \(maximum)")) }
            return checks
        case .tedsCode(let codes):
            return [("NOT carelog.is_integer(\(value))", "is not a whole number"),
                    ("\(value)::integer <> ALL(\(binder.bind(codes.map(String.init)))::integer[])",
                     "is not a TEDS code of this item: one of \(TEDSCodes.describe(codes))")]
        case .decimal(let positive):
            var checks = [("NOT carelog.is_decimal(\(value))", "is not a number (write it like 2 or 2.5)")]
            if positive { checks.append(("\(value)::numeric <= 0", "must be greater than 0")) }
            return checks
        case .boolean:
            return [("NOT carelog.is_boolean_text(\(value))", "is not true or false")]
        case .enumeration(let allowed):
            return [("\(value) <> ALL(\(binder.bind(allowed))::text[])", "is not one of: \(allowed.joined(separator: ", "))")]
        case .instant:
            return [("NOT carelog.is_import_timestamp(\(value))",
                     "is not a time like 2026-10-05 07:30 (site time) or 2026-10-05T07:30:00-04:00")]
        }
    }

    // MARK: - Resolution

    /// The rows that passed the value checks, typed, every code resolved to its id
    /// (NULL when it names nothing), matched to the record they would update, and
    /// complete: a column absent from the file takes the existing record's value,
    /// or for a new record the table's default. Rules then see each row as it would
    /// be stored.
    var resolve: SQLQuery {
        var selections = ["s.record_number", "s.line_number"]
        var joins: [String] = []
        for column in kind.columns {
            if let reference = column.reference {
                let alias = "ref_\(column.name)"
                joins.append("LEFT JOIN carelog.\(q(reference.table)) AS \(alias) ON \(alias).\(q(reference.keyColumn)) = s.\(q(column.name))")
                if reference.joinsSite {
                    joins.append("LEFT JOIN carelog.site AS site_\(column.name) ON site_\(column.name).id = \(alias).site_id")
                }
                selections.append("\(alias).id AS \(q(alias + "_id"))")
            }
        }
        let keyMatch = kind.naturalKey.map { "existing.\(q($0)) = \(targetExpression($0))" }.joined(separator: " AND ")
        for target in allTargets {
            selections.append("\(targetExpression(target)) AS \(q(target))")
        }
        for (index, check) in kind.lookupChecks.enumerated() {
            selections.append("(\(check.condition)) AS lookup_failed_\(index)")
        }
        selections.append("existing.id AS existing_id")
        let updatable = allTargets.filter { !kind.naturalKey.contains($0) }
        if updatable.isEmpty {
            selections.append("false AS changes")
        } else {
            let before = updatable.map { "existing.\(q($0))" }.joined(separator: ", ")
            let after = updatable.map { targetExpression($0) }.joined(separator: ", ")
            let row = updatable.count == 1 ? "ROW" : ""
            selections.append("existing.id IS NOT NULL AND \(row)(\(before)) IS DISTINCT FROM \(row)(\(after)) AS changes")
        }
        return SQLQuery(unsafeSQL: """
            CREATE TEMP TABLE \(Self.resolved) ON COMMIT DROP AS
            SELECT \(selections.joined(separator: ",\n       "))
              FROM \(Self.staging) AS s
              \(joins.joined(separator: "\n  "))
              \(kind.extraJoins)
              LEFT JOIN carelog.\(q(kind.table)) AS existing ON \(keyMatch)
             WHERE NOT EXISTS (SELECT 1 FROM \(Self.problems) AS p WHERE p.record_number = s.record_number)
            """)
    }

    /// Every table column the import fills, in kind order.
    private var allTargets: [String] {
        kind.columns.compactMap(\.target) + kind.extraTargets.map(\.column)
    }

    /// The value a table column gets from the staging row `s`.
    private func targetExpression(_ target: String) -> String {
        if let extra = kind.extraTargets.first(where: { $0.column == target }) {
            return extra.expression
        }
        guard let column = kind.columns.first(where: { $0.target == target }) else {
            preconditionFailure("\(kind.name): no column fills \(target)")
        }
        if presentColumns.contains(where: { $0.name == column.name }) {
            return typedValue(column)
        }
        let fallback = tableDefaults[target].map { "(\($0))" } ?? "NULL"
        return "CASE WHEN existing.id IS NOT NULL THEN existing.\(q(target)) ELSE \(fallback)::\(sqlType(column)) END"
    }

    private func sqlType(_ column: ImportColumn) -> String {
        switch column.type {
        case .text, .code, .enumeration: return "text"
        case .date: return "date"
        case .integer, .tedsCode: return "integer"
        case .decimal: return "numeric"
        case .boolean: return "boolean"
        case .instant: return "timestamptz"
        case .reference: return "bigint"
        }
    }

    /// The typed value of a column of the staging row `s`.
    func typedValue(_ column: ImportColumn) -> String {
        let value = "s.\(q(column.name))"
        let typed: String
        switch column.type {
        case .text, .code, .enumeration: typed = value
        case .date: typed = "\(value)::date"
        case .integer, .tedsCode: typed = "\(value)::integer"
        case .decimal: typed = "\(value)::numeric"
        case .boolean: typed = "carelog.to_boolean(\(value))"
        case .instant(let timezoneOf): typed = "carelog.to_site_instant(\(value), site_\(timezoneOf).timezone)"
        case .reference: typed = "ref_\(column.name).id"
        }
        if column.presence == .defaulted, let target = column.target {
            // Empty means "not given": keep what is stored, or take the default.
            let fallback = tableDefaults[target].map { "(\($0))" } ?? "NULL"
            return "COALESCE(\(typed), CASE WHEN existing.id IS NOT NULL THEN existing.\(q(target)) ELSE \(fallback)::\(sqlType(column)) END)"
        }
        return typed
    }

    /// Codes that name nothing, and failed lookups of the kind's own joins.
    var referenceChecks: [SQLQuery] {
        var checks: [SQLQuery] = []
        for column in kind.columns {
            guard let reference = column.reference, presentColumns.contains(where: { $0.name == column.name }) else { continue }
            var message = ParameterBinder.placeholder(2)
            if reference.suggestsLeadingZeros {
                let key = q(reference.keyColumn), value = "s.\(q(column.name))"
                message += " || coalesce((SELECT ' (did you mean ' || string_agg(k.\(key), ' or ' ORDER BY k.\(key))"
                    + " || '? keep the leading zeros)' FROM carelog.\(q(reference.table)) AS k"
                    + " WHERE ltrim(k.\(key), '0') = ltrim(\(value), '0') AND k.\(key) <> \(value)), '')"
            }
            checks.append(problemsFrom(
                "SELECT r.record_number, \(ParameterBinder.placeholder(1)) AS column_name, \(message) AS message "
                    + "FROM \(Self.resolved) AS r JOIN \(Self.staging) AS s USING (record_number) "
                    + "WHERE s.\(q(column.name)) IS NOT NULL AND r.\(q("ref_\(column.name)_id")) IS NULL",
                parameters: [column.name, reference.missing]))
        }
        for (index, check) in kind.lookupChecks.enumerated() {
            checks.append(problemsFrom(
                "SELECT r.record_number, $1 AS column_name, $2 AS message FROM \(Self.resolved) AS r WHERE r.lookup_failed_\(index)",
                parameters: [check.column, check.message]))
        }
        return checks
    }

    /// Rows of the file that resolve to the same record as an earlier row.
    var duplicateKeyCheck: SQLQuery {
        let key = kind.naturalKey.map { "r.\(q($0))" }.joined(separator: ", ")
        let firstColumn = kind.columns.first { column in
            column.target.map(kind.naturalKey.contains) ?? false
        }?.name ?? kind.columns[0].name
        return problemsFrom("""
            SELECT record_number, $1 AS column_name, format($2, first_line) AS message
              FROM (SELECT r.record_number,
                           first_value(r.line_number) OVER same_record AS first_line,
                           row_number() OVER same_record AS occurrence
                      FROM \(Self.resolved) AS r
                    WINDOW same_record AS (PARTITION BY \(key) ORDER BY r.record_number)) AS d
             WHERE occurrence > 1
            """, parameters: [firstColumn, "is the same record as line %s of this file"])
    }

    /// The kind's rules across columns and rows.
    var ruleChecks: [SQLQuery] {
        kind.ruleChecks.map { problemsFrom(StoredQuery.text($0), parameters: []) }
    }

    /// Removes from the resolved rows those that have a problem, so that rules
    /// only ever see rows whose every reference resolved.
    var dropProblemRows: SQLQuery { StoredQuery.named("import/drop_problem_rows") }

    /// Wraps a check `SELECT record_number, column_name, message …` so that its
    /// problems land in the problem table with line number and offending value.
    private func problemsFrom(_ check: String, parameters: [String?]) -> SQLQuery {
        SQLQuery(unsafeSQL: """
            INSERT INTO \(Self.problems) (record_number, line_number, column_name, value, message)
            SELECT x.record_number, s.line_number, x.column_name, to_jsonb(s) ->> x.column_name, x.message
              FROM (\(check)
                   ) AS x
              JOIN \(Self.staging) AS s USING (record_number)
            """, parameters: parameters)
    }

    // MARK: - Writes

    /// Records inserted, updated and unchanged.
    var counts: SQLQuery { StoredQuery.named("import/counts") }

    /// Inserts the new records of resolved rows `first...last` (by record number),
    /// so that a refused write can be narrowed down to the record that caused it.
    func insertNew(records: ClosedRange<Int>) -> SQLQuery {
        let columns = allTargets.map(q).joined(separator: ", ")
        return SQLQuery(unsafeSQL: """
            INSERT INTO carelog.\(q(kind.table)) (\(columns))
            SELECT \(columns) FROM \(Self.resolved)
             WHERE existing_id IS NULL AND record_number BETWEEN $1 AND $2
             ORDER BY record_number
            """, parameters: [String(records.lowerBound), String(records.upperBound)])
    }

    /// Updates the changed records of resolved rows `first...last`.
    func updateChanged(records: ClosedRange<Int>) -> SQLQuery? {
        let updatable = allTargets.filter { !kind.naturalKey.contains($0) }
        guard !updatable.isEmpty else { return nil }
        let assignments = updatable.map { "\(q($0)) = r.\(q($0))" }.joined(separator: ", ")
        return SQLQuery(unsafeSQL: """
            UPDATE carelog.\(q(kind.table)) AS t SET \(assignments)
              FROM \(Self.resolved) AS r
             WHERE t.id = r.existing_id AND r.changes AND r.record_number BETWEEN $1 AND $2
            """, parameters: [String(records.lowerBound), String(records.upperBound)])
    }

    /// Writers of one table take turns: validation and write then see the same rows,
    /// and two concurrent runs can neither duplicate nor lose a record.
    static func lock(_ kind: ImportKind) -> SQLQuery {
        SQLQuery(unsafeSQL: "LOCK TABLE carelog.\(SQLQuery.quoteIdentifier(kind.table)) IN SHARE ROW EXCLUSIVE MODE")
    }

    private func q(_ name: String) -> String { SQLQuery.quoteIdentifier(name) }
}

/// Hands out `$1`, `$2`, … for values that must travel as parameters.
struct ParameterBinder {
    private(set) var parameters: [String?] = []

    mutating func bind(_ text: String) -> String {
        parameters.append(text)
        return "$\(parameters.count)::text"
    }

    mutating func bind(_ list: [String]) -> String {
        parameters.append(list.postgresText)
        return "$\(parameters.count)"
    }

    static func placeholder(_ index: Int) -> String { "$\(index)::text" }
}
