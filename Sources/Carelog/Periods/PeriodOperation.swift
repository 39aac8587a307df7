import Postgres

/// `carelog period close|list`: a director closes a site's month once its reports
/// are out. The database then refuses any change to that month's attendance and plan
/// reviews except a director's, with a reason (sql/016, docs/record-integrity.md),
/// and `report late-changes` lists what changed after all.
public enum PeriodOperation {
    /// Closes `month` (`YYYY-MM`) at `site`, or at every site the login may close.
    /// A month that has not ended at every site is refused: its records are still
    /// being logged.
    @discardableResult
    public static func close(target: DatabaseTarget, month: String, site: String?, by staffID: String?, console: Console) throws -> [String] {
        let period = try ReportPeriod(month: month)
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let closed = try connection.transaction {
            try ActingStaff.setForRecords(staffID, on: connection)
            if let site { try KnownSite.require(site, on: connection) }
            guard try connection.query(StoredQuery.named("period/month_has_ended", period.start)).first?.decode("ended", as: Bool.self) == true else {
                throw CarelogError(.validation, "\(month) has not ended yet", suggestion: "A month is closed once it is over and its reports are out; nothing was closed.")
            }
            return try connection.query(StoredQuery.named("period/close", period.start, site)).map { try $0.decode("site_code", as: String.self) }
        }
        if closed.isEmpty {
            console.print("\(month) was closed already\(site.map { " at \($0)" } ?? ""); nothing changed.")
        } else {
            console.print("Closed \(month) at \(closed.sorted().joined(separator: ", ")): its attendance and plan reviews now change only by a director, with a reason.")
        }
        return closed
    }

    /// Prints the closed months, newest first.
    public static func list(target: DatabaseTarget, console: Console) throws {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let rows = try connection.query(StoredQuery.named("period/closed")).map { row in
            [try row.decode("site_code", as: String.self), try row.decode("month", as: String.self),
             try row.decode("closed_at", as: String.self), try row.decode("closed_by", as: String.self)]
        }
        guard !rows.isEmpty else {
            console.print("No month is closed.")
            return
        }
        var table = PlainTable(["Site", "Month", "Closed at", "By"])
        for row in rows { table.add(row) }
        console.write(table.render())
    }
}
