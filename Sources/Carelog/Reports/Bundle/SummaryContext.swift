import Postgres

/// What the director's summary reads besides the bundle's own tables, in the bundle's
/// snapshot: the twelve-month trend, the previous month's documentation gaps by kind
/// (so every gap figure has its month before) and the names of the sites it covers
/// (the program's name on the page).
struct SummaryContext: Sendable {
    let trend: SummaryTrend
    /// Gaps of the month before by kind (`documentation-gaps` run for that month, as
    /// its own bundle would count them today); nil when that month has no records.
    let previousGaps: [String: Int]?
    /// (site code, name) of the sites the summary covers, by code.
    let sites: [(code: String, name: String)]

    static func read(_ connection: Connection, period: ReportPeriod, site: String?, gaps: ReportDefinition?) throws -> SummaryContext {
        let trend = try SummaryTrend.read(connection, period: period, site: site)
        var previousGaps: [String: Int]?
        if trend.previous != nil, let gaps {
            let table = try ReportRunner.run(gaps, connection: connection, period: period.monthsBefore(1), site: site)
            var counts: [String: Int] = [:]
            if let kind = table.index("kind") {
                for row in table.rows { counts[row[kind] ?? "", default: 0] += 1 }
            }
            previousGaps = counts
        }
        let sites = try connection.query(StoredQuery.named("summary/sites", site)).map {
            (code: try $0.decode("site_code", as: String.self), name: try $0.decode("name", as: String.self))
        }
        return SummaryContext(trend: trend, previousGaps: previousGaps, sites: sites)
    }
}
