import Foundation

/// `summary.txt` of the monthly bundle, for the clinical director, read in two
/// minutes (about 100 lines): key figures with the change against the month
/// before, a twelve-month trend, the exceptions to act on as short ranked lists,
/// three small charts, and where the full tables are. Everything in it comes
/// from `SummaryContent`, which `summary.html` renders too.
struct MonthlySummary {
    let content: SummaryContent

    static let width = 100

    func render() -> String {
        var lines: [String] = [content.title, String(repeating: "═", count: min(Self.width, content.title.count))]
        if let notice = content.partialNotice {
            lines.append(notice)
        }
        lines.append("")
        lines += keyFigures()
        lines.append("")
        lines += trend()
        lines.append("")
        // A section's heading is followed by its first list directly; lists are a blank line apart.
        lines.append("NEEDS ATTENTION")
        for (index, list) in (content.exceptions + [content.gapsByKind, content.gapsByGroup]).enumerated() {
            lines += ranked(list).dropFirst(index == 0 ? 1 : 0)
        }
        lines.append("")
        lines.append("OUTCOMES")
        lines += ranked(content.noms).dropFirst()
        lines.append("")
        lines.append("CHARTS")
        lines += chartInTwoColumns("Attendance rate by group", content.attendanceByGroup).dropFirst()
        lines += chart("Discharges by reason", content.dischargesByReason)
        lines += chart("Patients by plan adherence", content.adherenceBands)
        lines.append("")
        lines.append("DETAIL")
        lines += wrap("All tables in full: the \(content.csvFiles.count) CSV files here (see manifest.json); "
                      + "a column's meaning: carelog report NAME --columns", indent: "  ")
        lines.append("  As text: carelog report NAME --month \(content.period)\(content.site.map { " --site \($0)" } ?? "") --format text")
        return lines.map { Self.trimmed($0) }.joined(separator: "\n") + "\n"
    }

    // MARK: - Sections

    private func keyFigures() -> [String] {
        let current = content.monthName(content.period)
        let previous = content.monthName(content.period.monthsBefore(1))
        let rows = content.keyFigures.map { [$0.label, $0.current.text, $0.previous.text, $0.change] }
        return table(header: ["KEY FIGURES", current, previous, "change"], rows: rows, numeric: [false, true, true, true])
    }

    private func trend() -> [String] {
        guard let first = content.months.first, let last = content.months.last else { return [] }
        // Each line is scaled from its own lowest month (▁) to its highest (█), not from
        // zero: the marks show the shape, and the line says which values its ends are.
        var lines = ["TREND, \(content.shortMonth(first)) – \(content.shortMonth(last)): a mark a month, oldest first; "
                     + "▁ lowest, █ highest (not 0); · no data"]
        let series = content.rateSeries + [content.censusSeries]
        let labelWidth = series.map(\.label.count).max() ?? 0
        for item in series {
            let values = item.points.compactMap(\.value)
            let low = values.min() ?? 0, high = values.max() ?? 0
            let marks = item.points.map { point -> Character in
                guard let value = point.value else { return point.isSuppressed ? "×" : "·" }
                let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
                guard high > low else { return "▄" }
                return blocks[min(7, Int(((value - low) / (high - low) * 7).rounded()))]
            }
            let latest = item.points.last.map { $0.value != nil ? $0.text + item.unit : $0.text } ?? "—"
            var line = "  " + item.label.padding(labelWidth) + "  " + String(marks) + "  "
            line += String(repeating: " ", count: max(0, 7 - latest.count)) + latest
            if values.count > 1 {
                line += "   ▁ " + Self.number(low) + item.unit + "  █ " + Self.number(high) + item.unit
            }
            lines.append(line)
        }
        return lines
    }

    private func ranked(_ list: SummaryContent.RankedList) -> [String] {
        var lines = [""]
        guard !list.rows.isEmpty else {
            lines.append(list.title + ": none")
            return lines
        }
        // A complete list says so on its title line, with the file that has the detail;
        // a cut one says how many more there are, and where, under its rows.
        let title = list.title + (list.count.map { ": \($0)" } ?? "")
        let complete = [title + " — all listed (\(list.sourceFile))", title + " — all listed"].first { $0.count <= Self.width }
        lines.append(list.rest == nil ? complete ?? title : title)
        lines += table(header: list.columns, rows: list.rows, numeric: list.numeric).map { "  " + $0 }
        if let rest = list.rest {
            lines.append("  … \(rest): \(list.source)")
        }
        for note in list.notes { lines += wrap(note, indent: "  ") }
        return lines
    }

    /// A long chart (the groups) in two columns, down the left one first: half the lines.
    private func chartInTwoColumns(_ title: String, _ bars: [SummaryContent.Bar]) -> [String] {
        guard bars.count > 6 else { return chart(title, bars) }
        let columnWidth = (Self.width - 2 - 4) / 2
        let items = bars.map { (label: $0.label, value: $0.value ?? 0, display: $0.text) }
        let lines = BarChart.render(title: "", items: items, width: 14, maxWidth: columnWidth)
            .split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast().map(String.init)
        let half = (lines.count + 1) / 2
        let leftWidth = lines.prefix(half).map(\.count).max() ?? 0
        return ["", title] + (0..<half).map { row in
            let left = lines[row], right = row + half < lines.count ? lines[row + half] : ""
            return "  " + left + String(repeating: " ", count: leftWidth - left.count) + "      " + right
        }
    }

    private func chart(_ title: String, _ bars: [SummaryContent.Bar]) -> [String] {
        let items = bars.map { (label: $0.label, value: $0.value ?? 0, display: $0.text) }
        let text = BarChart.render(title: "", items: items, width: 30, maxWidth: Self.width - 2)
        return ["", title] + text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast().map { "  " + $0 }
    }

    // MARK: - Layout

    /// Aligned columns: text left, numbers right, two spaces apart; cells cut with … to fit.
    private func table(header: [String], rows: [[String]], numeric: [Bool]) -> [String] {
        let all = [header] + rows
        var widths = header.indices.map { column in all.map { $0[column].showingControlCharacters.count }.max() ?? 0 }
        // Shrink the widest text columns until the line fits.
        while widths.reduce(0, +) + 2 * (widths.count - 1) > Self.width - 2,
              let widest = widths.indices.filter({ !numeric[$0] && widths[$0] > 8 }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
        }
        return all.map { row in
            row.indices.map { column in
                let cell = TextTableRenderer.fit(row[column].showingControlCharacters, width: widths[column])
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return numeric[column] && column > 0 ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
    }

    private func wrap(_ text: String, indent: String) -> [String] {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > Self.width, line != indent {
                lines.append(line)
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        lines.append(line)
        return lines
    }

    private static func trimmed(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line = line.dropLast() }
        return String(line)
    }

    private static func number(_ value: Double) -> String {
        Percent.format(value)
    }
}

/// One decimal, half away from zero (the reports' rule), for figures computed here.
enum Percent {
    static func format(_ value: Double) -> String {
        let scaled = (abs(value) * 10).rounded(.toNearestOrAwayFromZero) / 10
        return String(format: "%.1f", value < 0 ? -scaled : scaled)
    }
}
