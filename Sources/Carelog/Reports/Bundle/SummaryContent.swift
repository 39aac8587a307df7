import Foundation

/// What the director's summary says, worked out once from the bundle's
/// (privacy-applied) tables and the twelve-month trend, and rendered twice: as
/// `summary.txt` (`MonthlySummary`) and as `summary.html` (`SummaryHTML`). Both
/// therefore show the same numbers, and every number of the month comes from the
/// CSV files of the same bundle.
///
/// Small-cell suppression (`--min-cell N`) applies to everything computed here:
/// a count from 1 to N−1 is shown as `<N`, a rate or median built from such a
/// count is not shown, and a chart draws a suppressed value as suppressed.
struct SummaryContent {
    /// A number as shown: its text, and its value when it may be drawn.
    struct Figure {
        let text: String
        let value: Double?
        var isSuppressed: Bool { value == nil && text.hasPrefix("<") || text == "suppressed" }

        static let none = Figure(text: "—", value: nil)
        static let suppressed = Figure(text: "suppressed", value: nil)
    }

    /// One line of the key figures: this month, the month before, and the change.
    struct KeyFigure {
        let label: String
        /// The CSV file and column the figure comes from, for the reader (and tests).
        let source: String
        let current: Figure
        let previous: Figure
        let change: String
    }

    /// A ranked list of exceptions: its first rows and how many more there are.
    struct RankedList {
        let title: String
        /// How many there are in all (a figure under suppression), when that is news.
        var count: String? = nil
        let columns: [String]
        /// Which columns are numbers (right-aligned).
        let numeric: [Bool]
        let rows: [[String]]
        /// "18 more" (or "<11 more"), nil when the list is complete.
        let rest: String?
        /// Where the full list is.
        let source: String
        let emptyText: String
    }

    /// One bar of a chart; a nil value is drawn as suppressed (or absent, when the
    /// text is empty).
    struct Bar {
        let label: String
        let value: Double?
        let text: String
    }

    /// A series of the trend, one value per month (nil: no data or suppressed).
    struct Series {
        let label: String
        let unit: String
        let points: [Figure]
    }

    let period: ReportPeriod
    let site: String?
    let privacy: PrivacyOptions
    /// The last day with figures, when the month has not ended (`--partial`).
    let partialThrough: String?
    let months: [String]

    let keyFigures: [KeyFigure]
    let rateSeries: [Series]
    let censusSeries: Series
    let exceptions: [RankedList]
    let gapsByKind: RankedList
    let gapsByGroup: RankedList
    /// The NOMs table: admission and discharge per domain, all sites (or the one site).
    let noms: RankedList
    let attendanceByGroup: [Bar]
    let dischargesByReason: [Bar]
    let adherenceBands: [Bar]
    let adherenceHistogram: [Bar]
    let csvFiles: [String]

    static let listLength = 5
    /// An absence streak this long (in sessions) or longer is an exception.
    static let streakThreshold = 6

    /// `tables` are the bundle's tables as shown (protected and suppressed): lists and
    /// charts show their rows. `complete` are the same tables before small-cell
    /// suppression: the key figures are computed from every patient and hidden only
    /// where the figure itself rests on fewer than N people (a median of the shown rows
    /// would be wrong: it leaves out exactly the patients with few sessions).
    init(tables: [ReportTable], complete: [ReportTable], trend: SummaryTrend, period: ReportPeriod, site: String?,
         privacy: PrivacyOptions, partialThrough: String?) {
        self.period = period
        self.site = site
        self.privacy = privacy
        self.partialThrough = partialThrough
        let cells = Cells(minimumCell: privacy.minimumCell)
        func table(_ name: String) -> ReportTable? { tables.first { $0.definition.name == name } }
        func completeTable(_ name: String) -> ReportTable? { complete.first { $0.definition.name == name } }
        let participation = table("patient-participation")
        let groups = table("group-attendance")
        let outcomes = table("outcomes")
        let caseload = table("therapist-caseload")
        let gaps = table("documentation-gaps")
        let lateChanges = table("late-changes")
        csvFiles = tables.map { $0.definition.name + ".csv" }
        months = trend.months.map(\.month)
        let previous = trend.previous
        let currentTrend = trend.current

        // MARK: Key figures
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
        if let gaps {
            figures.append(KeyFigure(
                label: "Documentation gaps", source: "documentation-gaps.csv: rows", current: cells.count(gaps.rows.count),
                previous: .none, change: ""))
        }
        // Shown only when the month was reported before and records changed since:
        // the figures of the earlier bundle no longer hold (docs/record-integrity.md).
        if let lateChanges, !lateChanges.rows.isEmpty {
            figures.append(KeyFigure(
                label: "Records changed after the month was reported", source: "late-changes.csv: rows",
                current: cells.count(lateChanges.rows.count), previous: .none, change: ""))
        }
        keyFigures = figures

        // MARK: Trend
        func recorded(_ month: SummaryTrend.Month, _ figure: (SummaryTrend.Month) -> Figure) -> Figure {
            month.recorded ? figure(month) : .none
        }
        rateSeries = [
            Series(label: "Attendance rate", unit: "%", points: trend.months.map {
                recorded($0) { cells.ratio($0.attended, $0.attended + $0.absent, counts: [$0.attended, $0.absent], shown: $0.attendanceRate) }
            }),
            Series(label: "Median adherence", unit: "%", points: trend.months.map {
                recorded($0) { cells.guarded($0.adherenceMedian, by: [$0.patientsInCare]) }
            }),
            Series(label: "Completion rate", unit: "%", points: trend.months.map {
                recorded($0) { cells.ratio($0.completed, $0.discharges, counts: [$0.completed, $0.discharges], shown: $0.completionRate) }
            }),
        ]
        censusSeries = Series(label: "Average daily census", unit: "", points: trend.months.map {
            recorded($0) { cells.guarded($0.averageCensus, by: [$0.patientsInCare]) }
        })

        // MARK: Exceptions
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
                let below = participation.rows
                    .compactMap { row -> (row: [String?], value: Double)? in
                        guard let value = row[adherence].flatMap(Double.init), value < 50 else { return nil }
                        return (row, value)
                    }
                    .sorted { $0.value < $1.value || ($0.value == $1.value && who($0.row) < who($1.row)) }
                lists.append(RankedList(
                    title: "Patients far below their plan (adherence under 50%)", count: cells.count(below.count).text,
                    columns: ["patient", "level", "primary therapist", "adherence", "attended", "required"],
                    numeric: [false, false, false, true, true, true],
                    rows: below.prefix(Self.listLength).map { item in
                        [who(item.row), level.flatMap { item.row[$0] } ?? "", therapist.flatMap { item.row[$0] } ?? "—",
                         (item.row[adherence] ?? "") + "%", attended.flatMap { item.row[$0] } ?? "", required.flatMap { item.row[$0] } ?? ""]
                    },
                    rest: Self.rest(below.count, cells: cells), source: "patient-participation.csv (adherence_pct)",
                    emptyText: "No patient under 50% of their plan."))
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
                rest: rows.count > Self.listLength ? "\(rows.count - Self.listLength) more therapists" : nil,
                source: "therapist-caseload.csv (plans_overdue); documentation-gaps.csv lists the plans",
                emptyText: "No plan review is overdue."))
        }
        exceptions = lists

        // MARK: Documentation gaps
        var byKind: [String: Int] = [:]
        var sessionGaps: [String: (sessions: Set<String>, records: Int, kinds: Set<String>)] = [:]
        if let gaps, let kind = gaps.index("kind") {
            let subject = gaps.index("subject")
            for row in gaps.rows {
                let code = row[kind] ?? ""
                byKind[code, default: 0] += 1
                guard Self.sessionKinds.contains(code), let subject, let text = row[subject],
                      let group = text.split(separator: " ").first.map(String.init) else { continue }
                var entry = sessionGaps[group] ?? ([], 0, [])
                entry.sessions.insert(text)
                entry.records += 1
                entry.kinds.insert(code)
                sessionGaps[group] = entry
            }
        }
        gapsByKind = RankedList(
            title: "Documentation gaps by kind", count: gaps.map { cells.count($0.rows.count).text },
            columns: ["kind", "count"], numeric: [false, true],
            rows: byKind.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .map { [Self.kindLabels[$0.key] ?? $0.key, cells.count($0.value).text] },
            rest: nil, source: "documentation-gaps.csv (one row per gap)", emptyText: "No documentation gap.")
        let groupsRanked = sessionGaps.sorted {
            $0.value.records > $1.value.records || ($0.value.records == $1.value.records && $0.key < $1.key)
        }
        gapsByGroup = RankedList(
            title: "Session gaps by group (late, missing or incomplete attendance records)",
            columns: ["group", "sessions", "records", "kinds"], numeric: [false, true, true, false],
            rows: groupsRanked.prefix(Self.listLength).map { item in
                [item.key, cells.count(item.value.sessions.count).text, cells.count(item.value.records).text,
                 item.value.kinds.sorted().map { Self.kindShort[$0] ?? $0 }.joined(separator: ", ")]
            },
            rest: groupsRanked.count > Self.listLength ? "\(groupsRanked.count - Self.listLength) more groups" : nil,
            source: "documentation-gaps.csv (subject: group and session)", emptyText: "No session has a gap.")

        // MARK: Outcomes (NOMs)
        // The shown (suppressed) rows of the grand total, or of the one site.
        if let nomsTable = table("noms"), let siteColumn = nomsTable.index("site_code") {
            let wanted = site ?? "all"
            let names = ["domain", "episodes", "at_admission", "admission_pct", "at_discharge", "discharge_pct", "change_pp"]
            let indices = names.compactMap { nomsTable.index($0) }
            noms = RankedList(
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
            noms = RankedList(title: "Outcomes at admission and discharge (NOMs)", columns: [], numeric: [], rows: [], rest: nil,
                              source: "noms.csv", emptyText: "No discharge in the month.")
        }

        // MARK: Charts
        if let groups, let code = groups.index("group_code"), let rate = groups.index("attendance_rate_pct") {
            attendanceByGroup = groups.rows.map { row in
                let value = row[rate].flatMap(Double.init)
                let hidden = value == nil && Self.rowHasSuppression(row, of: groups)
                return Bar(label: row[code] ?? "", value: value,
                           text: value.map { _ in (row[rate] ?? "") + "%" } ?? (hidden ? "suppressed" : "—"))
            }
        } else {
            attendanceByGroup = []
        }
        if let outcomes, let reason = outcomes.index("discharge_reason"), let count = outcomes.index("discharges") {
            // The rows of one site, or the grand total's parts: reasons summed over sites.
            var byReason: [String: (sum: Int, hidden: Bool)] = [:]
            for row in outcomes.rows {
                guard let code = row[reason], code != "total" else { continue }
                var entry = byReason[code] ?? (0, false)
                if let value = row[count].flatMap({ Int($0) }) { entry.sum += value } else { entry.hidden = true }
                byReason[code] = entry
            }
            dischargesByReason = byReason.sorted { $0.value.sum > $1.value.sum || ($0.value.sum == $1.value.sum && $0.key < $1.key) }
                .map { code, entry in
                    entry.hidden ? Bar(label: code, value: nil, text: "suppressed")
                                 : Bar(label: code, value: cells.count(entry.sum).value, text: cells.count(entry.sum).text)
                }
        } else {
            dischargesByReason = []
        }
        // Every patient's adherence (the complete table), as the key figures count them.
        let adherenceValues = completeTable("patient-participation")?.values("adherence_pct")
            .compactMap { $0.flatMap(Double.init) } ?? []
        let bands = [("under 50%", 0.0, 50.0), ("50–79%", 50, 80), ("80% or more", 80, .infinity)]
        adherenceBands = bands.map { label, low, high in
            let figure = cells.count(adherenceValues.filter { $0 >= low && $0 < high }.count)
            return Bar(label: label, value: figure.value, text: figure.text)
        }
        // Under --min-cell the chart draws the three bands, not 10-point bins: a band (or
        // the count under 50%) less its shown bins would give back a hidden one.
        adherenceHistogram = privacy.minimumCell.map { $0 > 1 } == true ? adherenceBands : (0...10).map { bin in
            let low = Double(bin * 10), high = bin == 10 ? Double.infinity : Double(bin * 10 + 10)
            let figure = cells.count(adherenceValues.filter { $0 >= low && $0 < high }.count)
            return Bar(label: bin == 10 ? "≥100" : "\(bin * 10)–\(bin * 10 + 9)", value: figure.value, text: figure.text)
        }
    }

    static let sessionKinds: Set<String> = ["held_session_without_attendance", "roll_not_closed", "enrolled_patient_not_recorded",
                                            "attendance_recorded_late"]
    static let kindLabels = [
        "held_session_without_attendance": "held session without attendance",
        "roll_not_closed": "open group's roll never closed",
        "enrolled_patient_not_recorded": "enrolled patient not recorded",
        "in_care_without_primary_therapist": "in care without primary therapist",
        "plan_review_overdue": "plan review overdue",
        "no_plan_after_7_days": "no plan after 7 days",
        "attendance_recorded_late": "attendance recorded late (> 24 h)",
        "note_missing": "no signed note 72 h after the session",
        "participant_note_missing": "attendee without a section in the signed note",
        "awaiting_cosignature": "note awaiting co-signature",
    ]
    static let kindShort = [
        "held_session_without_attendance": "not recorded",
        "roll_not_closed": "roll open",
        "enrolled_patient_not_recorded": "roster incomplete",
        "attendance_recorded_late": "late",
    ]

    var title: String {
        "carelog monthly summary — \(monthName(period)) (site-local month), \(site.map { "site \($0)" } ?? "all sites")"
    }

    var partialNotice: String? {
        partialThrough.map { "PARTIAL MONTH: \(monthName(period)) has not ended; figures up to \($0) only." }
    }

    func monthName(_ period: ReportPeriod) -> String {
        "\(Self.monthNames[period.month - 1]) \(period.year)"
    }

    func shortMonth(_ text: String) -> String {
        guard let month = try? ReportPeriod(month: text) else { return text }
        return "\(Self.monthNames[month.month - 1].prefix(3)) \(month.year)"
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    // MARK: - Helpers

    /// The row index of the outcomes report's grand total (`all`/`total`), or of the
    /// one site's `total` row under --site.
    static func grandTotal(_ outcomes: ReportTable) -> Int? {
        guard let site = outcomes.index("site_code"), let reason = outcomes.index("discharge_reason") else { return nil }
        if let all = outcomes.rows.firstIndex(where: { $0[site] == "all" && $0[reason] == "total" }) { return all }
        let totals = outcomes.rows.indices.filter { outcomes.rows[$0][reason] == "total" }
        return totals.count == 1 ? totals[0] : nil
    }

    static func rowHasSuppression(_ row: [String?], of table: ReportTable) -> Bool {
        zip(row, table.definition.columns).contains { value, column in
            (column.kind == .count || column.kind == .distinct) && (value?.hasPrefix("<") == true || value == SmallCellSuppression.complementaryMark)
        }
    }

    static func rest(_ total: Int, cells: Cells) -> String? {
        guard total > listLength else { return nil }
        return "\(total - listLength) more"
    }

    /// The change from `before` to `now`: `+3`, `-1.8 pts`, `0`; empty when either
    /// is not shown. Computed on tenths, so it is exact for one-decimal figures.
    static func change(_ now: Figure, _ before: Figure?, unit: String) -> String {
        guard let before, let a = tenths(now.text), let b = tenths(before.text) else { return "" }
        let difference = a - b
        let decimals = now.text.contains(".") || before.text.contains(".")
        let magnitude = decimals ? String(format: "%d.%d", abs(difference) / 10, abs(difference) % 10) : String(abs(difference) / 10)
        return (difference > 0 ? "+" : difference < 0 ? "−" : "±") + magnitude + unit
    }

    /// `81.2%` → 812, `14` → 140; nil for anything else (suppressed, empty).
    static func tenths(_ text: String) -> Int? {
        var body = text
        if body.hasSuffix("%") { body.removeLast() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]), !parts[0].isEmpty else { return nil }
        if parts.count == 1 { return whole * 10 }
        guard parts[1].count == 1, let tenth = Int(parts[1]) else { return nil }
        return whole * 10 + (body.hasPrefix("-") ? -tenth : tenth)
    }
}

extension SummaryContent.Figure {
    /// The same figure with a `%` sign.
    var percent: SummaryContent.Figure {
        value == nil ? self : SummaryContent.Figure(text: text + "%", value: value)
    }
}

extension ReportTable {
    func index(_ column: String) -> Int? {
        definition.columns.firstIndex { $0.name == column }
    }
}

/// Figures of the summary under small-cell suppression.
struct Cells {
    let minimumCell: Int?

    private var limit: Int? { minimumCell.flatMap { $0 > 1 ? $0 : nil } }

    func isSmall(_ value: Int) -> Bool {
        guard let limit else { return false }
        return (1..<limit).contains(value)
    }

    func count(_ value: Int) -> SummaryContent.Figure {
        if let limit, isSmall(value) { return .init(text: "<\(limit)", value: nil) }
        return .init(text: String(value), value: Double(value))
    }

    /// A value from a CSV cell as it is (a count, possibly `<N`).
    func shown(_ text: String?) -> SummaryContent.Figure {
        guard let text, !text.isEmpty else { return .none }
        return .init(text: text, value: Double(text))
    }

    /// A rate from a CSV cell: empty means suppressed when suppression is on.
    func shownRate(_ text: String?) -> SummaryContent.Figure {
        guard let text, !text.isEmpty else { return limit == nil ? .none : .suppressed }
        return .init(text: text, value: Double(text))
    }

    /// A figure (rate, median, average) derived from counts, hidden when one of them is small.
    func guarded(_ text: String?, by counts: [Int]) -> SummaryContent.Figure {
        if counts.contains(where: isSmall) { return .suppressed }
        return shownRate(text)
    }

    func ratio(_ numerator: Int, _ denominator: Int, counts: [Int], shown: String?) -> SummaryContent.Figure {
        if counts.contains(where: isSmall) { return .suppressed }
        guard denominator > 0, let shown else { return .none }
        return .init(text: shown, value: Double(shown))
    }

    /// Sum of a count column; suppressed when a cell of it is hidden.
    func sum(_ values: [String?]) -> SummaryContent.Figure {
        var total = 0
        for value in values {
            guard let value else { continue }
            guard let number = Int(value) else { return .suppressed }
            total += number
        }
        return count(total)
    }

    /// attended / (attended + absent) over the rows, as a percentage; suppressed when a
    /// cell is hidden or either sum is small.
    func rate(_ numerators: [String?], _ others: [String?]) -> SummaryContent.Figure {
        var attended = 0, absent = 0
        for value in numerators { guard let number = value.flatMap({ Int($0) }) else { return .suppressed }; attended += number }
        for value in others { guard let number = value.flatMap({ Int($0) }) else { return .suppressed }; absent += number }
        if isSmall(attended) || isSmall(absent) { return .suppressed }
        guard attended + absent > 0 else { return .none }
        let text = Percent.format(100.0 * Double(attended) / Double(attended + absent)) + "%"
        return .init(text: text, value: 100.0 * Double(attended) / Double(attended + absent))
    }

    /// The median of one-decimal percentages, exact (in twentieths), rounded half
    /// away from zero; suppressed when fewer than N people are behind it or a value
    /// is hidden.
    func median(_ values: [String?], people: Int) -> SummaryContent.Figure {
        if isSmall(people) { return .suppressed }
        let tenths = values.compactMap { $0.flatMap { SummaryContent.tenths($0) } }.sorted()
        guard !tenths.isEmpty else { return .none }
        let middle = tenths.count / 2
        let twice = tenths.count % 2 == 1 ? 2 * tenths[middle] : tenths[middle - 1] + tenths[middle]
        // twice is the median in twentieths: round half away from zero to tenths.
        let rounded = twice >= 0 ? (twice + 1) / 2 : -((-twice + 1) / 2)
        let text = (rounded < 0 ? "-" : "") + String(abs(rounded) / 10) + "." + String(abs(rounded) % 10)
        return .init(text: text, value: Double(rounded) / 10)
    }
}
