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
        /// Lines under the list that say how to read it (what a column means).
        var notes: [String] = []

        /// The CSV file the source names first (`documentation-gaps.csv`).
        var sourceFile: String { String(source.split(separator: " ").first ?? "") }
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
    /// The sites covered, (code, name): the program's name on the page.
    let sites: [(code: String, name: String)]
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

    static let listLength = 4
    /// An absence streak this long (in sessions) or longer is an exception.
    static let streakThreshold = 6

    /// `tables` are the bundle's tables as shown (protected and suppressed): lists and
    /// charts show their rows. `complete` are the same tables before small-cell
    /// suppression: the key figures are computed from every patient and hidden only
    /// where the figure itself rests on fewer than N people (a median of the shown rows
    /// would be wrong: it leaves out exactly the patients with few sessions).
    init(tables: [ReportTable], complete: [ReportTable], context: SummaryContext, period: ReportPeriod, site: String?,
         privacy: PrivacyOptions, partialThrough: String?) {
        let trend = context.trend
        self.period = period
        self.site = site
        sites = context.sites
        self.privacy = privacy
        self.partialThrough = partialThrough
        csvFiles = tables.map { $0.definition.name + ".csv" }
        months = trend.months.map(\.month)
        let input = Input(tables: tables, complete: complete, trend: trend, previousGaps: context.previousGaps, site: site,
                          privacy: privacy, cells: Cells(minimumCell: privacy.minimumCell))
        keyFigures = Self.keyFigures(input)
        (rateSeries, censusSeries) = Self.trendSeries(input)
        exceptions = Self.exceptionLists(input)
        (gapsByKind, gapsByGroup) = Self.gapLists(
            input, thisMonth: Self.shortMonth(period), previousMonth: Self.shortMonth(period.monthsBefore(1)))
        noms = Self.nomsList(input)
        (attendanceByGroup, dischargesByReason, adherenceBands, adherenceHistogram) = Self.charts(input)
    }

    /// What every part of the summary is worked out from.
    struct Input {
        let tables: [ReportTable]
        let complete: [ReportTable]
        let trend: SummaryTrend
        /// The month before's documentation gaps by kind; nil when it has no records.
        let previousGaps: [String: Int]?
        let site: String?
        let privacy: PrivacyOptions
        let cells: Cells

        /// A table of the bundle as shown (protected and suppressed).
        func table(_ name: String) -> ReportTable? { tables.first { $0.definition.name == name } }
        /// The same table before small-cell suppression.
        func completeTable(_ name: String) -> ReportTable? { complete.first { $0.definition.name == name } }

        /// The month's documentation gaps counted by kind (documentation-gaps.csv's rows);
        /// nil without the table.
        func gapsByKind() -> [String: Int]? {
            guard let gaps = table("documentation-gaps"), let kind = gaps.index("kind") else { return nil }
            var counts: [String: Int] = [:]
            for row in gaps.rows { counts[row[kind] ?? "", default: 0] += 1 }
            return counts
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
    /// Gaps that are a fact and not a task: the record exists, it was entered late.
    /// Every other kind asks someone to act (record, close, sign, review, assign).
    static let lateEntryKinds: Set<String> = ["attendance_recorded_late"]
    /// Discharge reasons as a reader says them (the stored codes are in outcomes.csv).
    static let reasonLabels = [
        "completed": "completed treatment",
        "left_against_advice": "left against advice",
        "terminated_by_facility": "discharged by the program",
        "transferred": "transferred",
        "incarcerated": "incarcerated",
        "death": "died",
        "other": "other",
    ]
    /// Of gaps counted by kind: the late entries, and the rest, which need action.
    static func lateEntries(_ counts: [String: Int]) -> Int {
        lateEntryKinds.reduce(0) { $0 + (counts[$1] ?? 0) }
    }
    static func needingAction(_ counts: [String: Int]) -> Int {
        counts.values.reduce(0, +) - lateEntries(counts)
    }

    static let kindShort = [
        "held_session_without_attendance": "not recorded",
        "roll_not_closed": "roll open",
        "enrolled_patient_not_recorded": "roster incomplete",
        "attendance_recorded_late": "late",
    ]

    var title: String {
        programName + titleRest
    }

    private var titleRest: String { " — monthly summary, \(monthName(period)) (site-local month)" }

    /// Who the summary is about, as long as the title's line allows: the site's name and
    /// code (or every site of the program by name), else the codes alone, else a count.
    var programName: String {
        let fits = { (name: String) in name.count + titleRest.count <= MonthlySummary.width }
        if site != nil || sites.count == 1 {
            guard let only = sites.first else { return "site \(site ?? "")" }
            return fits("\(only.name) (\(only.code))") ? "\(only.name) (\(only.code))" : only.code
        }
        let named = "All sites: " + sites.map { "\($0.name) (\($0.code))" }.joined(separator: ", ")
        let coded = "All sites (" + sites.map(\.code).joined(separator: ", ") + ")"
        return sites.isEmpty ? "All sites" : fits(named) ? named : fits(coded) ? coded : "All \(sites.count) sites"
    }

    var partialNotice: String? {
        partialThrough.map { "PARTIAL MONTH: \(monthName(period)) has not ended; figures up to \($0) only." }
    }

    func monthName(_ period: ReportPeriod) -> String {
        "\(Self.monthNames[period.month - 1]) \(period.year)"
    }

    static func shortMonth(_ period: ReportPeriod) -> String {
        "\(monthNames[period.month - 1].prefix(3)) \(period.year)"
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
    /// Where a key figure comes from, and what each column its source names holds: the
    /// report file's `-- column NAME:` lines (ColumnDictionary), e.g. "group-attendance.csv:
    /// attended / (attended + absent). attended: …; absent: …".
    static func definition(of figure: KeyFigure) -> String {
        let file = String(figure.source.prefix { $0 != ":" })
        guard file.hasSuffix(".csv"), let report = try? ReportCatalog.named(String(file.dropLast(4))) else { return figure.source }
        let named = report.columns.map(\.name).filter { name in
            figure.source.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).contains { $0 == name }
        }
        let meanings = named.compactMap { name in report.columnDefinitions[name].map { "\(name): \($0)" } }
        return figure.source + (meanings.isEmpty ? "" : ". " + meanings.joined(separator: " "))
    }

    /// "1 more group", "3 more groups".
    static func more(_ count: Int, _ noun: String) -> String {
        "\(count) more \(noun)\(count == 1 ? "" : "s")"
    }

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
