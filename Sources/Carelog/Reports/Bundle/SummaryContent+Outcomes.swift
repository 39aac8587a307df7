/// The NOMs table: admission against discharge for the grand total, or the one site.
extension SummaryContent {
    static func nomsList(_ input: Input) -> RankedList {
        let site = input.site
        func table(_ name: String) -> ReportTable? { input.table(name) }
        // The shown (suppressed) rows of the grand total, or of the one site.
        if let nomsTable = table("noms"), let siteColumn = nomsTable.index("site_code") {
            let wanted = site ?? "all"
            let names = ["domain", "episodes", "at_admission", "admission_pct", "at_discharge", "discharge_pct", "change_pp"]
            let indices = names.compactMap { nomsTable.index($0) }
            return RankedList(
                title: "Outcomes at admission and discharge (NOMs)",
                columns: ["domain", "discharges", "at admission", "%", "at discharge", "%", "change (pts)"],
                numeric: [false, true, true, true, true, true, true],
                rows: indices.count == names.count
                    ? nomsTable.rows.filter { $0[siteColumn] == wanted }.map { row in
                        indices.enumerated().map { position, index in
                            position == 0 ? (row[index] ?? "").replacingOccurrences(of: "_", with: " ") : row[index] ?? "—"
                        }
                    } : [],
                rest: nil, source: "noms.csv (rows \(wanted); definitions in docs/reports.md)", emptyText: "No discharge in the month.")
        } else {
            return RankedList(title: "Outcomes at admission and discharge (NOMs)", columns: [], numeric: [], rows: [], rest: nil,
                              source: "noms.csv", emptyText: "No discharge in the month.")
        }
    }
}
