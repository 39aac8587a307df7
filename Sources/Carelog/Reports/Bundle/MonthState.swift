import Postgres

/// Whether a month can be reported on as a whole: `report monthly` refuses a month
/// that has not ended (in the local time of every site reported on) unless
/// `--partial` is given, and a month that has not begun at all.
enum MonthState {
    /// Returns nil for an ended month, or the local date a partial month's figures
    /// run up to.
    static func check(_ period: ReportPeriod, site: String?, partial: Bool, on connection: Connection) throws -> String? {
        let row = try connection.query(StoredQuery.named("report/month_state", period.start, period.end, site))[0]
        let ended: Bool = try row.decode("ended"), begun: Bool = try row.decode("begun")
        let today: String? = try row.decodeIfPresent("local_today", as: String.self)
        if ended { return nil }
        guard begun else {
            throw CarelogError(
                .usage, "--month \(period) has not begun (today is \(today ?? "earlier") where the program is)",
                suggestion: "Choose a month that has ended, e.g. the last one.")
        }
        guard partial else {
            throw CarelogError(
                .usage, "--month \(period) has not ended yet (today is \(today ?? "in it") where the program is); its figures would be incomplete",
                suggestion: "Choose a month that has ended, or give --partial to report on it so far (every page then says it is partial).")
        }
        return today
    }
}
