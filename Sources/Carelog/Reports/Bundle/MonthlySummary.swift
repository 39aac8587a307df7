import Foundation

/// `summary.txt` of the monthly bundle, for the clinical director: key figures
/// first, then bar charts where a distribution says more than a number, then every
/// report as a text table. Built from the same (privacy-applied) tables as the CSV
/// files, so nothing in it contradicts them.
struct MonthlySummary {
    let tables: [ReportTable]
    let period: ReportPeriod
    let site: String?
    let privacy: PrivacyOptions

    private func table(_ name: String) -> ReportTable? {
        tables.first { $0.definition.name == name }
    }

    func render() -> String {
        var text = "carelog monthly summary — \(monthName) (site-local month), \(site.map { "site \($0)" } ?? "all sites")\n"
        text += String(repeating: "═", count: min(100, text.count - 1)) + "\n\n"
        text += keyFigures() + "\n"
        for chart in charts() {
            text += chart + "\n"
        }
        for table in tables {
            text += TextTableRenderer().render(table, totals: !table.hasOwnTotals) + "\n"
        }
        return text
    }

    private var monthName: String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"]
        return "\(names[period.month - 1]) \(period.year)"
    }

    // MARK: - Key figures

    private func keyFigures() -> String {
        var lines: [(String, String)] = []
        if let participation = table("patient-participation") {
            lines.append(("Patients in care", count(participation.rows.count)))
        }
        if let groups = table("group-attendance") {
            lines.append(("Group sessions held", sum(groups.values("sessions_held"))))
            lines.append(("Attendance rate", rate(groups.values("attended"), groups.values("absent"))))
        }
        if let outcomes = table("outcomes") {
            let grand = outcomes.rows.firstIndex { row in
                row.first == "all" || outcomes.definition.columns.indices.filter { outcomes.definition.columns[$0].kind == .code }
                    .allSatisfy { ["all", "total"].contains(row[$0] ?? "") }
            }
            let discharges = grand.map { outcomes.values("discharges")[$0] ?? "" } ?? "0"
            lines.append(("Discharges", discharges.isEmpty ? "0" : discharges))
            if let grand, let completion = outcomes.values("completion_rate_pct")[grand] {
                lines.append(("Completion rate", completion + "%"))
            }
        }
        if let plans = table("plan-status") {
            lines.append(("Plan reviews overdue at month end", sum(plans.values("reviews_overdue_end"))))
        }
        if let gaps = table("documentation-gaps") {
            lines.append(("Documentation gaps", count(gaps.rows.count)))
        }
        let width = lines.map(\.0.count).max() ?? 0
        return "Key figures\n" + lines.map { "  " + $0.0.padding(width) + "  " + $0.1 }.joined(separator: "\n") + "\n"
    }

    /// A count as shown under small-cell suppression.
    private func count(_ value: Int) -> String {
        if let minimum = privacy.minimumCell, minimum > 1, (1..<minimum).contains(value) { return "<\(minimum)" }
        return String(value)
    }

    private func sum(_ values: [String?]) -> String {
        var total = 0
        for value in values {
            guard let value, let number = Int(value) else { return "suppressed" }
            total += number
        }
        return count(total)
    }

    private func rate(_ numerators: [String?], _ others: [String?]) -> String {
        let parts = (numerators + others).map { $0.flatMap { Int($0) } }
        guard !parts.contains(where: { $0 == nil }) else { return "suppressed" }
        let attended = numerators.compactMap { $0.flatMap { Int($0) } }.reduce(0, +)
        let absent = others.compactMap { $0.flatMap { Int($0) } }.reduce(0, +)
        guard attended + absent > 0 else { return "—" }
        return Percent.format(100.0 * Double(attended) / Double(attended + absent)) + "%"
    }

    // MARK: - Charts

    private func charts() -> [String] {
        var charts: [String] = []
        if let groups = table("group-attendance") {
            let items = zip(groups.values("group_code"), groups.values("attendance_rate_pct")).compactMap { code, rate -> (label: String, value: Double, display: String)? in
                guard let code, let rate, let value = Double(rate) else { return nil }
                return (code, value, rate + "%")
            }
            charts.append(BarChart.render(title: "Attendance rate by group", items: items))
        }
        if let outcomes = table("outcomes") {
            var byReason: [String: Int] = [:]
            var hidden = false
            for (reason, discharges) in zip(outcomes.values("discharge_reason"), outcomes.values("discharges")) {
                guard let reason, reason != "total" else { continue }
                guard let discharges, let number = Int(discharges) else { hidden = true; continue }
                byReason[reason, default: 0] += number
            }
            let items = byReason.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .map { (label: $0.key, value: Double($0.value), display: count($0.value)) }
            charts.append(BarChart.render(title: "Discharges by reason" + (hidden ? " (suppressed cells left out)" : ""), items: items))
        }
        if let participation = table("patient-participation") {
            var bands = [0, 0, 0]
            for value in participation.values("adherence_pct") {
                guard let value, let number = Double(value) else { continue }
                bands[number < 50 ? 0 : number < 80 ? 1 : 2] += 1
            }
            let labels = ["<50%", "50–79%", ">=80%"]
            charts.append(BarChart.render(
                title: "Patients by plan adherence", items: (0..<3).map { (labels[$0], Double(bands[$0]), count(bands[$0])) }))
        }
        return charts
    }
}

/// One decimal, half away from zero (the reports' rule), for figures computed here.
enum Percent {
    static func format(_ value: Double) -> String {
        let scaled = (abs(value) * 10).rounded(.toNearestOrAwayFromZero) / 10
        return String(format: "%.1f", value < 0 ? -scaled : scaled)
    }
}
