import Postgres

/// The main figures of the twelve months ending with the bundle's month, one row
/// per month (`queries/summary/trend.sql`), read in the bundle's snapshot: the
/// previous month's figures for the key figures' change, and the trend charts.
///
/// One query computes all twelve months as the reports define their figures, so
/// the summary never runs the six reports twelve times.
struct SummaryTrend: Sendable {
    struct Month: Sendable {
        let month: String
        /// False for a month before the first group session on record: no figures.
        let recorded: Bool
        let patientsInCare: Int
        let averageCensus: String?
        let attended: Int
        let absent: Int
        let attendanceRate: String?
        let adherenceMedian: String?
        let belowHalfPlan: Int
        let discharges: Int
        let completed: Int
        let completionRate: String?
        let reviewsOverdue: Int
    }

    /// Oldest first; the last one is the bundle's month.
    let months: [Month]

    static let length = 12

    static func read(_ connection: Connection, period: ReportPeriod, site: String?) throws -> SummaryTrend {
        let first = period.monthsBefore(length - 1)
        let rows = try connection.query(StoredQuery.named("summary/trend", first.start, period.end, site))
        let months = try rows.map { row in
            Month(
                month: try row.decode("month"), recorded: try row.decode("recorded"), patientsInCare: try row.decode("patients_in_care"),
                averageCensus: try row.decodeIfPresent("average_census", as: String.self), attended: try row.decode("attended"), absent: try row.decode("absent"),
                attendanceRate: try row.decodeIfPresent("attendance_rate_pct", as: String.self), adherenceMedian: try row.decodeIfPresent("adherence_median_pct", as: String.self),
                belowHalfPlan: try row.decode("below_half_plan"), discharges: try row.decode("discharges"),
                completed: try row.decode("completed"), completionRate: try row.decodeIfPresent("completion_rate_pct", as: String.self),
                reviewsOverdue: try row.decode("reviews_overdue_end"))
        }
        return SummaryTrend(months: months)
    }

    var current: Month? { months.last }
    /// The month before the bundle's, when it has records.
    var previous: Month? { months.count >= 2 && months[months.count - 2].recorded ? months[months.count - 2] : nil }
}

extension ReportPeriod {
    /// The month `count` months before this one.
    func monthsBefore(_ count: Int) -> ReportPeriod {
        let index = year * 12 + (month - 1) - count
        // Cannot fail: built from valid numbers.
        return try! ReportPeriod(month: String(format: "%04d-%02d", index / 12, index % 12 + 1))
    }
}
