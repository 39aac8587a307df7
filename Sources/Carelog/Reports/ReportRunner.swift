import Postgres

/// The rows of one report for one period, as text values straight from PostgreSQL.
public struct ReportTable: Sendable {
    public let definition: ReportDefinition
    public let period: ReportPeriod
    public let site: String?
    /// One array per row, one value per column of the definition (nil = empty).
    public var rows: [[String?]]
}

public enum ReportRunner {
    /// Prepares the current transaction for report queries: JIT compilation costs
    /// seconds on queries whose estimated cost crosses its threshold, far more than
    /// it saves on a report's one pass over the month.
    public static func prepare(_ connection: Connection) throws {
        try connection.query(StoredQuery.named("report/prepare"))
    }

    /// Gives the transaction's report queries the pseudonym key's HMAC pads, for the
    /// values they pseudonymise themselves (plan codes inside text). Does nothing in
    /// the clear.
    public static func protect(_ connection: Connection, privacy: PrivacyOptions) throws {
        guard let pseudonymizer = privacy.pseudonymizer else { return }
        let pads = HMACPads(key: pseudonymizer.keyData)
        try connection.query(StoredQuery.named("report/set_pads", pads.innerHex, pads.outerHex))
    }

    /// Runs a report with its three bound parameters.
    public static func run(_ report: ReportDefinition, connection: Connection, period: ReportPeriod, site: String?) throws -> ReportTable {
        let result = try connection.query(SQLQuery(unsafeSQL: report.sql, parameters: [period.start, period.end, site]))
        let names = result.columnNames
        guard names == report.columns.map(\.name) else {
            throw CarelogError(
                .failure, "report \(report.name) returned columns \(names.joined(separator: ", ")); its header declares \(report.columns.map(\.name).joined(separator: ", "))")
        }
        let rows = result.map { row in (0..<names.count).map { row[$0] } }
        return ReportTable(definition: report, period: period, site: site, rows: rows)
    }
}
