/// The key figures of the summary: this month, the month before and the change, from
/// the complete tables (each figure hidden only where it rests on few people).
extension SummaryContent {
    static func keyFigures(_ input: Input) -> [KeyFigure] {
        let cells = input.cells
        let trend = input.trend
        let previous = trend.previous
        let currentTrend = trend.current
        func table(_ name: String) -> ReportTable? { input.table(name) }
        func completeTable(_ name: String) -> ReportTable? { input.completeTable(name) }
        let lateChanges = table("late-changes")
        // From the complete tables; each figure hidden where it rests on few people.
        var figures: [KeyFigure] = []
        if let participation = completeTable("patient-participation") {
            let patients = cells.count(participation.rows.count)
            figures.append(KeyFigure(
                label: "Patients in care", source: "patient-participation.csv: rows", current: patients,
                previous: previous.map { cells.count($0.patientsInCare) } ?? .none,
                change: Self.change(patients, previous.map { cells.count($0.patientsInCare) }, unit: "")))
            let census = currentTrend.map { cells.guarded($0.averageCensus, by: [$0.patientsInCare]) } ?? .none
            let previousCensus = previous.map { cells.guarded($0.averageCensus, by: [$0.patientsInCare]) }
            figures.append(KeyFigure(
                label: "Average daily census", source: "patient-participation.csv: days_in_care / days of the month",
                current: census, previous: previousCensus ?? .none, change: Self.change(census, previousCensus, unit: "")))
        }
        if let groups = completeTable("group-attendance") {
            let rate = cells.rate(groups.values("attended"), groups.values("absent"))
            let before = previous.map { cells.ratio($0.attended, $0.attended + $0.absent, counts: [$0.attended, $0.absent], shown: $0.attendanceRate) }
            figures.append(KeyFigure(
                label: "Attendance rate", source: "group-attendance.csv: attended / (attended + absent)",
                current: rate, previous: before?.percent ?? .none, change: Self.change(rate, before, unit: " pts")))
        }
        if let participation = completeTable("patient-participation") {
            let median = cells.median(participation.values("adherence_pct"), people: participation.rows.count)
            let before = previous.map { cells.guarded($0.adherenceMedian, by: [$0.patientsInCare]) }
            figures.append(KeyFigure(
                label: "Median plan adherence", source: "patient-participation.csv: median of adherence_pct",
                current: median.percent, previous: before?.percent ?? .none, change: Self.change(median, before, unit: " pts")))
            let below = participation.values("adherence_pct").filter { $0.flatMap(Double.init).map { $0 < 50 } ?? false }.count
            let belowFigure = cells.count(below)
            let beforeBelow = previous.map { cells.count($0.belowHalfPlan) }
            figures.append(KeyFigure(
                label: "Patients under 50% of their plan", source: "patient-participation.csv: adherence_pct < 50",
                current: belowFigure, previous: beforeBelow ?? .none, change: Self.change(belowFigure, beforeBelow, unit: "")))
        }
        if let outcomes = completeTable("outcomes") {
            let total = Self.grandTotal(outcomes)
            let dischargeCount = total.flatMap { outcomes.values("discharges")[$0].flatMap { Int($0) } } ?? 0
            let discharges = cells.count(dischargeCount)
            // The completion rate rests on the discharges and on the completed ones
            // (the month's figures of the trend, which equal this table's).
            let completedCount = currentTrend?.completed ?? 0
            let completion = [dischargeCount, completedCount].contains(where: cells.isSmall) ? .suppressed
                : total.map { cells.shownRate(outcomes.values("completion_rate_pct")[$0]) } ?? .none
            let beforeDischarges = previous.map { cells.count($0.discharges) }
            let beforeCompletion = previous.map { cells.ratio($0.completed, $0.discharges, counts: [$0.completed, $0.discharges], shown: $0.completionRate) }
            figures.append(KeyFigure(
                label: "Discharges", source: "outcomes.csv: discharges of the total row", current: discharges,
                previous: beforeDischarges ?? .none, change: Self.change(discharges, beforeDischarges, unit: "")))
            figures.append(KeyFigure(
                label: "Completion rate", source: "outcomes.csv: completion_rate_pct of the total row", current: completion.percent,
                previous: beforeCompletion?.percent ?? .none, change: Self.change(completion, beforeCompletion, unit: " pts")))
        }
        if let plans = completeTable("plan-status") {
            let overdue = cells.sum(plans.values("reviews_overdue_end"))
            let before = previous.map { cells.count($0.reviewsOverdue) }
            figures.append(KeyFigure(
                label: "Plan reviews overdue at month end", source: "plan-status.csv: reviews_overdue_end", current: overdue,
                previous: before ?? .none, change: Self.change(overdue, before, unit: "")))
        }
        if let now = input.gapsByKind() {
            // Two figures: gaps someone must still fix, and attendance that was entered,
            // but late (a fact about the month, nothing left to do).
            let open = cells.count(Self.needingAction(now))
            let openPrevious = input.previousGaps.map { cells.count(Self.needingAction($0)) }
            let late = cells.count(Self.lateEntries(now))
            let latePrevious = input.previousGaps.map { cells.count(Self.lateEntries($0)) }
            figures.append(KeyFigure(
                label: "Documentation gaps needing action", source: "documentation-gaps.csv: rows but attendance_recorded_late",
                current: open, previous: openPrevious ?? .none, change: Self.change(open, openPrevious, unit: "")))
            figures.append(KeyFigure(
                label: "Attendance entered late (> 24 h)", source: "documentation-gaps.csv: attendance_recorded_late rows",
                current: late, previous: latePrevious ?? .none, change: Self.change(late, latePrevious, unit: "")))
        }
        // Shown only when the month was reported before and records changed since:
        // the figures of the earlier bundle no longer hold (docs/record-integrity.md).
        if let lateChanges, !lateChanges.rows.isEmpty {
            figures.append(KeyFigure(
                label: "Records changed after the month was reported", source: "late-changes.csv: rows",
                current: cells.count(lateChanges.rows.count), previous: .none, change: ""))
        }
        return figures
    }
}
