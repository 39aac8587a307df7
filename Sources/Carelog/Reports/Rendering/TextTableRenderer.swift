/// Renders a report as an aligned plain-text table for people (docs/reports.md).
///
/// Layout:
///
///     <title>
///     Period: October 2026 (site-local month)
///     Site: NYC                      (or "Sites: all")
///     <blank line>
///     <headers>                      column names, `_` shown as a space, wrapped
///                                    word by word onto as many lines as needed
///     ──────────────────────────
///     <rows>
///     ──────────────────────────     only with a totals row
///     Total ...                      only with a totals row
///
/// - Columns are separated by two spaces. Count, number and percent columns are
///   right-aligned (header included), every other kind left-aligned. A nil cell is blank.
///   Trailing spaces are removed from every line; every line ends with `\n`.
/// - Totals row (when `totals` is true, the table has rows and at least one count column):
///   "Total" in the first column; a count column shows its sum when every cell is a plain
///   integer (a suppressed `<11` or an empty cell makes the total blank, so suppression is
///   never undone); a `percent(a/b+c)` column is recomputed from the column totals as
///   100·a/(b+c), one decimal, half away from zero, blank when a source total is blank
///   or the denominator is 0; every other column is blank.
/// - Width: widths are Characters (`String.count`). A table wider than `maxWidth` whose
///   first columns are text (what a row is) and later ones numbers is printed in
///   several column groups one under the other, each starting with those text columns
///   (shortened to at most half the width). Within a group still wider than `maxWidth`, text columns (kinds text, name, code) are shortened one character at a
///   time, always the currently widest one (leftmost on a tie), until the table fits or
///   every such column is down to 3 characters. The result is that the widest text
///   columns are cut to a common width first and narrow ones are not touched. A cut cell
///   or header keeps its first width−1 characters followed by `…`. Numbers are never
///   shortened; a table of only numbers may stay wider than `maxWidth`. Title-block lines
///   longer than `maxWidth` are cut the same way.
/// - Control characters of stored text (an escape sequence, a line feed) are shown
///   visibly (`␛`, `␊`; see `String.showingControlCharacters`), never sent raw to the
///   terminal, so that a row stays one line and a name cannot drive the terminal.
/// - A table without rows prints the title block and "No rows for this period."
public struct TextTableRenderer: Sendable {
    public var maxWidth = 100

    /// The narrowest a text column is shortened to (two characters and `…`).
    static let minimumTextWidth = 3
    /// The narrowest free text is cut to before other text columns are.
    static let minimumNoteWidth = 8

    public init(maxWidth: Int = 100) {
        self.maxWidth = maxWidth
    }

    public func render(_ table: ReportTable, totals: Bool = true) -> String {
        let definition = table.definition
        var output = ""
        func line(_ text: String) {
            output += Self.trimTrailingSpaces(text) + "\n"
        }
        line(Self.fit(definition.title, width: maxWidth))
        line(Self.fit("Period: \(Self.monthName(table.period)) (site-local month)", width: maxWidth))
        line(Self.fit(table.site.map { "Site: \($0.showingControlCharacters)" } ?? "Sites: all", width: maxWidth))
        line("")
        guard !table.rows.isEmpty else {
            line("No rows for this period.")
            return output
        }

        let columns = definition.columns
        let body: [[String]] = table.rows.map { row in
            columns.indices.map { $0 < row.count ? (row[$0] ?? "").showingControlCharacters : "" }
        }
        let totalsRow: [String]? = totals ? Self.totalsRow(columns: columns, rows: table.rows) : nil
        for (number, block) in blocks(columns: columns, body: body, totalsRow: totalsRow).enumerated() {
            if number > 0 { line("") }
            renderBlock(block, columns: columns, body: body, totalsRow: totalsRow, line: line)
        }
        return output
    }

    /// A column is as wide as its widest value or the longest word of its name: long
    /// names wrap onto several header lines instead of widening the column.
    private func naturalWidth(_ index: Int, columns: [ReportColumn], body: [[String]], totalsRow: [String]?) -> Int {
        let longestWord = columns[index].name.split(separator: "_").map(\.count).max() ?? 0
        let cells = body.map { $0[index] } + (totalsRow.map { [$0[index]] } ?? [])
        return max(longestWord, cells.map(\.count).max() ?? 0)
    }

    /// The column groups to print one under the other. A table that fits is one
    /// group. A wider one is split: its leading text columns (the ones that say
    /// what a row is) start every group, and the other columns fill groups up to
    /// `maxWidth` in order — readable numbers rather than one line cut to pieces.
    private func blocks(columns: [ReportColumn], body: [[String]], totalsRow: [String]?) -> [[Int]] {
        let widths = columns.indices.map { naturalWidth($0, columns: columns, body: body, totalsRow: totalsRow) }
        let all = Array(columns.indices)
        guard widths.reduce(0, +) + 2 * max(0, widths.count - 1) > maxWidth else { return [all] }
        let keyCount = columns.prefix { !$0.kind.isNumeric }.count
        guard keyCount > 0, keyCount < columns.count else { return [all] }
        var keyWidths = Array(widths[0..<keyCount])
        shrink(&keyWidths, columns: Array(columns[0..<keyCount]), keepFirst: totalsRow == nil ? 0 : "Total".count,
               limit: maxWidth / 2)
        let keyWidth = keyWidths.reduce(0, +) + 2 * max(0, keyCount - 1)
        var groups: [[Int]] = []
        var current: [Int] = []
        var width = keyWidth
        for index in keyCount..<columns.count {
            if !current.isEmpty, width + 2 + widths[index] > maxWidth {
                groups.append(current)
                current = []
                width = keyWidth
            }
            current.append(index)
            width += 2 + widths[index]
        }
        if !current.isEmpty { groups.append(current) }
        return groups.map { Array(0..<keyCount) + $0 }
    }

    private func renderBlock(
        _ indices: [Int], columns allColumns: [ReportColumn], body allBody: [[String]], totalsRow allTotals: [String]?,
        line: (String) -> Void
    ) {
        let columns = indices.map { allColumns[$0] }
        let body = allBody.map { row in indices.map { row[$0] } }
        let totalsRow = allTotals.map { row in indices.map { row[$0] } }
        var widths = indices.map { naturalWidth($0, columns: allColumns, body: allBody, totalsRow: allTotals) }
        shrink(&widths, columns: columns, keepFirst: totalsRow == nil ? 0 : "Total".count, limit: maxWidth)
        let tableWidth = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        let headerLines = Self.wrapHeaders(columns.map { $0.name.split(separator: "_").map(String.init) }, widths: widths)

        func format(_ cells: [String], leftAlignFirst: Bool = false) -> String {
            cells.indices.map { index in
                let cell = Self.fit(cells[index], width: widths[index])
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                let right = columns[index].kind.isNumeric && !(leftAlignFirst && index == 0)
                return right ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        let rule = String(repeating: "─", count: tableWidth)

        for headerLine in headerLines { line(format(headerLine)) }
        line(rule)
        for row in body { line(format(row)) }
        if let totalsRow {
            line(rule)
            line(format(totalsRow, leftAlignFirst: true))
        }
    }

    // MARK: - Width

    /// The header lines: each column's name wrapped word by word to its width,
    /// bottom-aligned so that the last line of every header sits on the rule.
    static func wrapHeaders(_ words: [[String]], widths: [Int]) -> [[String]] {
        let wrapped: [[String]] = words.indices.map { index in
            var lines: [String] = []
            for word in words[index] {
                if let last = lines.last, last.count + 1 + word.count <= widths[index] {
                    lines[lines.count - 1] = last + " " + word
                } else {
                    lines.append(word)
                }
            }
            return lines.isEmpty ? [""] : lines
        }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { line in
            wrapped.map { lines in
                let offset = height - lines.count
                return line >= offset ? lines[line - offset] : ""
            }
        }
    }

    /// Shortens the widest text column by one character until the table fits; the
    /// first column keeps at least `keepFirst` characters (room for "Total"). Free text
    /// (a `note`, such as a correction's reason) gives way first, down to
    /// `minimumNoteWidth`: codes and statuses read worse cut than a sentence does.
    private func shrink(_ widths: inout [Int], columns: [ReportColumn], keepFirst: Int, limit: Int) {
        let shortenable = columns.indices.filter { Self.isShortenable(columns[$0].kind) }
        var total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        for index in columns.indices where columns[index].kind == .note && total > limit {
            let cut = min(total - limit, max(0, widths[index] - Self.minimumNoteWidth))
            widths[index] -= cut
            total -= cut
        }
        while total > limit {
            var widest: Int?
            for index in shortenable where widths[index] > max(Self.minimumTextWidth, index == 0 ? keepFirst : 0) {
                if widest == nil || widths[index] > widths[widest!] { widest = index }
            }
            guard let widest else { return }
            widths[widest] -= 1
            total -= 1
        }
    }

    private static func isShortenable(_ kind: ReportColumn.Kind) -> Bool {
        switch kind {
        case .text, .name, .detail, .note, .code: return true
        default: return false
        }
    }

    /// `text` unchanged when it fits in `width` Characters, else its first width−1
    /// Characters and `…`.
    static func fit(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 0 else { return "" }
        return String(text.prefix(width - 1)) + "…"
    }

    private static func trimTrailingSpaces(_ text: String) -> String {
        var result = Substring(text)
        while result.last == " " { result = result.dropLast() }
        return String(result)
    }

    // MARK: - Totals

    /// The totals row, or nil when the report has no count column.
    static func totalsRow(columns: [ReportColumn], rows: [[String?]]) -> [String]? {
        guard columns.contains(where: { $0.kind == .count }) else { return nil }
        var sums: [String: Int] = [:]  // count column name → total, only when summable
        for (index, column) in columns.enumerated() where column.kind == .count {
            var sum = 0
            var summable = true
            for row in rows {
                guard index < row.count, let text = row[index], let value = Int(text) else {
                    summable = false
                    break
                }
                sum += value
            }
            if summable { sums[column.name] = sum }
        }
        var cells = columns.map { column -> String in
            switch column.kind {
            case .count:
                return sums[column.name].map(String.init) ?? ""
            case let .percent(numerator?, denominator) where !denominator.isEmpty:
                guard let top = sums[numerator] else { return "" }
                var bottom = 0
                for name in denominator {
                    guard let value = sums[name] else { return "" }
                    bottom += value
                }
                return percent(top, of: bottom) ?? ""
            default:
                return ""
            }
        }
        if !cells.isEmpty { cells[0] = "Total" }
        return cells
    }

    /// 100·numerator/denominator with one decimal, rounded half away from zero, in exact
    /// integer arithmetic (like PostgreSQL's round(numeric, 1)); nil when denominator is 0.
    static func percent(_ numerator: Int, of denominator: Int) -> String? {
        guard denominator != 0 else { return nil }
        let negative = (numerator < 0) != (denominator < 0)
        let top = abs(numerator) * 1000, bottom = abs(denominator)
        var tenths = top / bottom
        if 2 * (top % bottom) >= bottom { tenths += 1 }
        let text = "\(tenths / 10).\(tenths % 10)"
        return negative && tenths != 0 ? "-" + text : text
    }

    // MARK: - Title block

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// "October 2026" (English month names, whatever the locale).
    static func monthName(_ period: ReportPeriod) -> String {
        "\(monthNames[period.month - 1]) \(period.year)"
    }
}
