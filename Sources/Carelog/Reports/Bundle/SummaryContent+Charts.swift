/// The charts: attendance by group, discharges by reason, adherence (bands, or 10-point
/// bins when nothing is suppressed).
extension SummaryContent {
    static func charts(_ input: Input) -> (attendanceByGroup: [Bar], dischargesByReason: [Bar], adherenceBands: [Bar], adherenceHistogram: [Bar]) {
        let cells = input.cells
        func completeTable(_ name: String) -> ReportTable? { input.completeTable(name) }
        let groups = input.table("group-attendance")
        let outcomes = input.table("outcomes")
        let byGroup: [Bar]
        let byReason: [Bar]
        if let groups, let code = groups.index("group_code"), let rate = groups.index("attendance_rate_pct") {
            byGroup = groups.rows.map { row in
                let value = row[rate].flatMap(Double.init)
                let hidden = value == nil && Self.rowHasSuppression(row, of: groups)
                return Bar(label: row[code] ?? "", value: value,
                           text: value.map { _ in (row[rate] ?? "") + "%" } ?? (hidden ? "suppressed" : "—"))
            }
        } else {
            byGroup = []
        }
        if let outcomes, let reason = outcomes.index("discharge_reason"), let count = outcomes.index("discharges") {
            // The rows of one site, or the grand total's parts: reasons summed over sites.
            var reasons: [String: (sum: Int, hidden: Bool)] = [:]
            for row in outcomes.rows {
                guard let code = row[reason], code != "total" else { continue }
                var entry = reasons[code] ?? (0, false)
                if let value = row[count].flatMap({ Int($0) }) { entry.sum += value } else { entry.hidden = true }
                reasons[code] = entry
            }
            byReason = reasons.sorted { $0.value.sum > $1.value.sum || ($0.value.sum == $1.value.sum && $0.key < $1.key) }
                .map { code, entry in
                    let label = Self.reasonLabels[code] ?? code
                    return entry.hidden ? Bar(label: label, value: nil, text: "suppressed")
                                        : Bar(label: label, value: cells.count(entry.sum).value, text: cells.count(entry.sum).text)
                }
        } else {
            byReason = []
        }
        // Every patient's adherence (the complete table), as the key figures count them.
        let adherenceValues = completeTable("patient-participation")?.values("adherence_pct")
            .compactMap { $0.flatMap(Double.init) } ?? []
        let bands = [("under 50%", 0.0, 50.0), ("50–79%", 50, 80), ("80% or more", 80, .infinity)]
        let bandBars = bands.map { label, low, high in
            let figure = cells.count(adherenceValues.filter { $0 >= low && $0 < high }.count)
            return Bar(label: label, value: figure.value, text: figure.text)
        }
        // Under --min-cell the chart draws the three bands, not 10-point bins: a band (or
        // the count under 50%) less its shown bins would give back a hidden one.
        let histogram = input.privacy.minimumCell.map { $0 > 1 } == true ? bandBars : (0...10).map { bin in
            let low = Double(bin * 10), high = bin == 10 ? Double.infinity : Double(bin * 10 + 10)
            let figure = cells.count(adherenceValues.filter { $0 >= low && $0 < high }.count)
            return Bar(label: bin == 10 ? "≥100" : "\(bin * 10)–\(bin * 10 + 9)", value: figure.value, text: figure.text)
        }
        return (byGroup, byReason, bandBars, histogram)
    }
}
