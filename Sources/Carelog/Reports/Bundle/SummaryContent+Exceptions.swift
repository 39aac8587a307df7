/// The exceptions a director acts on: patients far below their plan, long absence
/// streaks, overdue plan reviews by therapist.
extension SummaryContent {
    static func exceptionLists(_ input: Input) -> [RankedList] {
        let cells = input.cells
        let participation = input.table("patient-participation")
        let caseload = input.table("therapist-caseload")
        var lists: [RankedList] = []
        if let participation {
            let mrn = participation.index("mrn"), name = participation.index("patient_name"), level = participation.index("level_of_care")
            let therapist = participation.index("primary_therapist"), adherence = participation.index("adherence_pct")
            let attended = participation.index("attended"), required = participation.index("required_sessions")
            let streak = participation.index("longest_absence_streak"), last = participation.index("last_attended_at")
            func who(_ row: [String?]) -> String {
                [mrn.flatMap { row[$0] }, name.flatMap { row[$0] }].compactMap { $0 }.joined(separator: " ")
            }
            if let adherence {
                // Ranked by the sessions missed against the plan (required − attended), not
                // by the percentage: 0 of 19 needs a call before 0 of 0.4.
                func shortfall(_ row: [String?]) -> Double {
                    let needed = required.flatMap { row[$0] }.flatMap(Double.init) ?? 0
                    let came = attended.flatMap { row[$0] }.flatMap(Double.init) ?? 0
                    return needed - came
                }
                let below = participation.rows
                    .compactMap { row -> (row: [String?], shortfall: Double)? in
                        guard let value = row[adherence].flatMap(Double.init), value < 50 else { return nil }
                        return (row, shortfall(row))
                    }
                    .sorted { $0.shortfall > $1.shortfall || ($0.shortfall == $1.shortfall && who($0.row) < who($1.row)) }
                lists.append(RankedList(
                    title: "Patients far below their plan (adherence under 50%), most sessions short first", count: cells.count(below.count).text,
                    columns: ["patient", "level", "primary therapist", "required", "attended", "short", "adherence"],
                    numeric: [false, false, false, true, true, true, true],
                    rows: below.prefix(Self.listLength).map { item in
                        [who(item.row), level.flatMap { item.row[$0] } ?? "", therapist.flatMap { item.row[$0] } ?? "—",
                         required.flatMap { item.row[$0] } ?? "", attended.flatMap { item.row[$0] } ?? "",
                         Percent.format(item.shortfall), (item.row[adherence] ?? "") + "%"]
                    },
                    rest: Self.rest(below.count, cells: cells), source: "patient-participation.csv (adherence_pct)",
                    emptyText: "No patient under 50% of their plan.",
                    notes: ["required = sessions a week × days in care ÷ 7 (part weeks: fractions); short = required − attended"]))
            }
            if let streak {
                let long = participation.rows
                    .compactMap { row -> (row: [String?], value: Int)? in
                        guard let value = row[streak].flatMap({ Int($0) }), value >= Self.streakThreshold else { return nil }
                        return (row, value)
                    }
                    .sorted { $0.value > $1.value || ($0.value == $1.value && who($0.row) < who($1.row)) }
                lists.append(RankedList(
                    title: "Longest absence streaks (\(Self.streakThreshold) or more sessions missed in a row)",
                    count: cells.count(long.count).text,
                    columns: ["patient", "level", "primary therapist", "sessions missed", "last attended"],
                    numeric: [false, false, false, true, false],
                    rows: long.prefix(Self.listLength).map { item in
                        [who(item.row), level.flatMap { item.row[$0] } ?? "", therapist.flatMap { item.row[$0] } ?? "—",
                         String(item.value), last.flatMap { item.row[$0] } ?? "never"]
                    },
                    rest: Self.rest(long.count, cells: cells), source: "patient-participation.csv (longest_absence_streak)",
                    emptyText: "No absence streak of \(Self.streakThreshold) sessions or more."))
            }
        }
        if let caseload, let overdue = caseload.index("plans_overdue") {
            let staff = caseload.index("staff_id"), name = caseload.index("staff_name"), patients = caseload.index("primary_patients_end")
            func staffID(_ row: [String?]) -> String { staff.flatMap { row[$0] } ?? "" }
            var rows: [(row: [String?], value: Int)] = []
            for row in caseload.rows {
                guard let text = row[overdue] else { continue }
                if let value = Int(text) {
                    if value > 0 { rows.append((row, value)) }
                } else if text.hasPrefix("<") {
                    // A suppressed count (<N) is still an exception; it ranks last.
                    rows.append((row, 0))
                }
            }
            rows.sort { $0.value > $1.value || ($0.value == $1.value && staffID($0.row) < staffID($1.row)) }
            lists.append(RankedList(
                title: "Overdue plan reviews by primary therapist",
            count: cells.sum(caseload.values("plans_overdue")).text,
                columns: ["therapist", "plans overdue", "primary patients"],
                numeric: [false, true, true],
                rows: rows.prefix(Self.listLength).map { item -> [String] in
                    let who = [staff.flatMap { item.row[$0] }, name.flatMap { item.row[$0] }].compactMap { $0 }.joined(separator: " ")
                    let caseload: String = patients.flatMap { item.row[$0] } ?? ""
                    return [who, item.row[overdue] ?? "", caseload]
                },
                rest: rows.count > Self.listLength ? Self.more(rows.count - Self.listLength, "therapist") : nil,
                source: "therapist-caseload.csv (plans_overdue); documentation-gaps.csv lists the plans",
                emptyText: "No plan review is overdue."))
        }
        return lists
    }
}
