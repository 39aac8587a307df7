import Crypto
import Foundation
import Postgres

/// `carelog report list`, `carelog report NAME` and `carelog report monthly`.
public enum ReportOperation {
    /// Prints the catalog: name, title and what each report holds.
    public static func list(console: Console) throws {
        let reports = try ReportCatalog.all()
        let width = reports.map(\.name.count).max() ?? 0
        for report in reports {
            console.print(report.name.padding(width) + "  " + report.title)
            console.print(String(repeating: " ", count: width + 2) + report.description)
        }
        console.print("monthly".padding(width) + "  Every report as CSV, summary.txt and manifest.json, from one snapshot (--out DIR).")
    }

    /// Runs one report and writes it to `output` (a file path) or standard output.
    public static func run(
        target: DatabaseTarget, log: DatabaseTarget? = nil, name: String, period: ReportPeriod, site: String?, format: ReportFormat,
        output: String?, privacy: PrivacyOptions, console: Console
    ) throws {
        guard let report = try ReportCatalog.named(name) else {
            throw CarelogError(.usage, "there is no report \"\(name)\"",
                               suggestion: "The reports are: \(try ReportCatalog.all().map(\.name).joined(separator: ", ")), and monthly.")
        }
        // A target that cannot be written is refused before anything is read.
        let file = try output.map { try StagedOutput(URL(fileURLWithPath: $0), shape: .file, replacing: true) }
        // A run that cannot be recorded is refused before anything is read.
        let connections = try RunConnections.open(read: target, log: log, console: console)
        defer { connections.close() }
        let connection = connections.reader
        if let site { try KnownSite.require(site, on: connection) }
        let table = try connections.readSnapshot {
            try ReportRunner.prepare(connection)
            return try ReportRunner.run(report, connection: connection, period: period, site: site)
        }.applying(privacy)
        let text = try format.render(table)
        let record = {
            try RunLog.record(
                connections.recorder, command: "report \(report.name)", parameters: logParameters(period, site, privacy, output: output),
                rowCounts: [report.name: table.rows.count], snapshotTime: nil)
        }
        if let file, let output {
            try file.write(contents: Data(text.utf8))
            try file.publish(recording: record, on: connections.recorder)
            console.note("wrote \(report.name) (\(table.rows.count) rows) to \(output)")
        } else {
            try record()
            console.write(text)
        }
    }

    /// Writes the monthly bundle into `directory`: every report as CSV, `summary.txt`
    /// and `manifest.json`, all read from one repeatable-read snapshot so that their
    /// figures agree even while attendance is being logged.
    ///
    /// - Parameter afterEachReport: called between the reports' queries; tests use it
    ///   to write from another connection in the middle of a bundle.
    ///   - log: where the run is recorded when not where it reads (see `RunConnections`).
    @discardableResult
    public static func monthly(
        target: DatabaseTarget, log: DatabaseTarget? = nil, period: ReportPeriod, site: String?, directory: String, replace: Bool = false,
        privacy: PrivacyOptions, console: Console, afterEachReport: () throws -> Void = {}
    ) throws -> BundleManifest {
        let reports = try ReportCatalog.all()
        // A folder that cannot take the bundle is refused before anything is read.
        let bundle = try StagedOutput(URL(fileURLWithPath: directory), shape: .folder, replacing: replace)
        // A run that cannot be recorded is refused before anything is read.
        let connections = try RunConnections.open(read: target, log: log, console: console)
        defer { connections.close() }
        let connection = connections.reader
        if let site { try KnownSite.require(site, on: connection) }
        let (tables, snapshot, standby, head) = try connections.readSnapshot { () -> ([ReportTable], String, StandbyPosition?, AuditHead?) in
            try ReportRunner.prepare(connection)
            let snapshot = try connection.query(StoredQuery.named("database/snapshot_time"))[0].decode("at", as: String.self)
            let standby = connections.readsFromStandby ? try StandbyPosition.read(connection) : nil
            let tables = try reports.map { report in
                let table = try ReportRunner.run(report, connection: connection, period: period, site: site)
                try afterEachReport()
                return table
            }
            return (tables, snapshot, standby, try AuditHead.current(connection)?.head)
        }
        let shown = tables.map { $0.applying(privacy) }
        var files: [(name: String, text: String, rows: Int)] = try shown.map { table in
            ("\(table.definition.name).csv", try ReportCSV.render(table), table.rows.count)
        }
        files.append(("summary.txt", MonthlySummary(tables: shown, period: period, site: site, privacy: privacy).render(), 0))
        let manifest = BundleManifest(
            tool: "carelog \(CarelogVersion.current)", database: connection.databaseName,
            serverVersion: connection.serverVersion, snapshotTime: snapshot,
            parameters: .init(month: period.description, site: site, deidentified: privacy.pseudonymizer != nil, minimumCell: privacy.minimumCell),
            auditHead: head, standby: standby,
            files: files.map { .init(name: $0.name, rows: $0.name.hasSuffix(".csv") ? $0.rows : nil, sha256: Digest.sha256Hex($0.text)) })
        for file in files {
            try bundle.write(file.name, Data(file.text.utf8))
        }
        try bundle.write("manifest.json", Data(try manifest.json().utf8))
        try bundle.publish(recording: {
            try RunLog.record(
                connections.recorder, command: "report monthly", parameters: logParameters(period, site, privacy, output: directory),
                rowCounts: Dictionary(uniqueKeysWithValues: shown.map { ($0.definition.name, $0.rows.count) }), snapshotTime: snapshot)
        }, on: connections.recorder)
        console.print("Wrote the \(period) bundle to \(directory): \(reports.count) reports, summary.txt, manifest.json (snapshot \(snapshot)).")
        return manifest
    }

    private static func logParameters(_ period: ReportPeriod, _ site: String?, _ privacy: PrivacyOptions, output: String?) -> [String: String?] {
        ["month": period.description, "site": site, "deidentify": privacy.pseudonymizer == nil ? "false" : "true",
         "min_cell": privacy.minimumCell.map(String.init), "out": output]
    }
}
