/// Small-cell suppression with complementary suppression.
///
/// Every count from 1 to N−1 prints as `<N` (a count hidden to protect one prints
/// as `*`), and every figure derived from a hidden count is emptied:
/// * a percentage or a statistic (`number(sources)`: an average, a median) of the same
///   row whose sources include a hidden count, and a percentage without declared
///   sources in a row with any hidden count: `rate × count` or `count ÷ average` would
///   give the hidden count back, and a median of fewer than N discharges describes
///   those few patients;
/// * every statistic, and every percentage without declared sources, of a total row
///   one of whose parts has a hidden count: the total's rate times its count, less the
///   shown parts, gives back a hidden part (a site's single completed discharge from
///   its completion rate). A percentage of declared counts that are all shown in its
///   row stays: the reader can divide them anyway.
///
/// A suppressed count must not be
/// recoverable by arithmetic: where a printed total row is the sum of other rows
/// (a row whose code columns read `total` or `all`, such as the outcomes report's
/// site and grand totals), and exactly one cell of that sum is suppressed, the
/// smallest other non-zero cell of the sum is suppressed too, repeatedly until no
/// sum has a single suppressed cell. Column totals of the text format are printed
/// only when no cell of the column is suppressed, so they reveal nothing.
///
/// Not covered (documented): recovery by combining different reports of a bundle.
struct SmallCellSuppression {
    let minimumCell: Int

    private static let totalMarkers: Set<String> = ["total", "all"]
    /// Shown for a count hidden only so that a `<N` cell cannot be worked out; it is
    /// not small itself, so printing `<N` there would be false.
    static let complementaryMark = "*"


    func apply(to table: ReportTable) -> ReportTable {
        let columns = table.definition.columns
        let countColumns = columns.indices.filter { columns[$0].kind == .count || columns[$0].kind == .distinct }
        let values = table.rows.map { row in countColumns.map { row[$0].flatMap { Int($0) } } }
        var suppressed = values.map { row in row.map { value in value.map { (1..<minimumCell).contains($0) } ?? false } }

        // Repeat until every sum has no hidden cell or at least two: suppressing one
        // cell can leave another sum with a single hidden cell.
        var stable = false
        while !stable {
            stable = true
            for relation in sumRelations(table) {
                // Distinct counts do not add up, so a total row does not reveal them.
                for column in countColumns.indices where columns[countColumns[column]].kind == .count {
                    let members = [relation.total] + relation.parts
                    guard members.filter({ suppressed[$0][column] }).count == 1 else { continue }
                    let candidates = members.filter { !suppressed[$0][column] && (values[$0][column] ?? 0) > 0 }
                    if let smallest = candidates.min(by: { (values[$0][column] ?? 0) < (values[$1][column] ?? 0) }) {
                        suppressed[smallest][column] = true
                        stable = false
                    }
                }
            }
        }

        // Total rows whose parts hide a count: their derived figures would undo it.
        let totalsOverHidden = Set(sumRelations(table).filter { relation in
            relation.parts.contains { part in suppressed[part].contains(true) }
        }.map(\.total))

        let rows = table.rows.indices.map { rowIndex -> [String?] in
            var row = table.rows[rowIndex]
            var hiddenNames: Set<String> = []
            for (position, column) in countColumns.enumerated() where suppressed[rowIndex][position] {
                let isSmall = values[rowIndex][position].map { (1..<minimumCell).contains($0) } ?? false
                row[column] = isSmall ? "<\(minimumCell)" : Self.complementaryMark
                hiddenNames.insert(columns[column].name)
            }
            for (index, column) in columns.enumerated() {
                let derivesFromHidden: Bool
                switch column.kind {
                case .percent(let numerator, let denominator):
                    // A rate of declared counts of the row, all shown, says nothing
                    // they do not; one without declared sources may rest on a part.
                    let sources = numerator.map { [$0] + denominator } ?? []
                    derivesFromHidden = sources.isEmpty
                        ? !hiddenNames.isEmpty || totalsOverHidden.contains(rowIndex)
                        : !hiddenNames.isDisjoint(with: sources)
                case .number(let sources) where !sources.isEmpty:
                    derivesFromHidden = totalsOverHidden.contains(rowIndex) || !hiddenNames.isDisjoint(with: sources)
                default:
                    derivesFromHidden = false
                }
                if derivesFromHidden { row[index] = nil }
            }
            return row
        }
        return ReportTable(definition: table.definition, period: table.period, site: table.site, rows: rows)
    }

    struct Relation {
        var total: Int
        var parts: [Int]
    }

    /// Total rows and the rows they sum: a row whose code columns include a marker
    /// (`total`, `all`) sums the rows that agree with it on its other code columns
    /// and have exactly one marker fewer.
    func sumRelations(_ table: ReportTable) -> [Relation] {
        let codeColumns = table.definition.columns.indices.filter { table.definition.columns[$0].kind == .code }
        func markers(_ row: [String?]) -> Int {
            codeColumns.filter { row[$0].map(Self.totalMarkers.contains) ?? false }.count
        }
        var relations: [Relation] = []
        for (index, row) in table.rows.enumerated() where markers(row) > 0 {
            let level = markers(row)
            let parts = table.rows.indices.filter { other in
                other != index && markers(table.rows[other]) == level - 1
                    && codeColumns.allSatisfy { column in
                        (row[column].map(Self.totalMarkers.contains) ?? false) || table.rows[other][column] == row[column]
                    }
            }
            if !parts.isEmpty { relations.append(Relation(total: index, parts: parts)) }
        }
        return relations
    }
}
