import Crypto
import Foundation
import Postgres

/// `carelog report list`, `carelog report NAME` and `carelog report monthly`.
public enum ReportOperation {
    /// The reports' names, for shell completion (empty should the catalog not load).
    public static var names: [String] { (try? ReportCatalog.all().map(\.name)) ?? [] }

    /// Prints the catalog: name, title and what each report holds.
    public static func list(format: ListFormat = .text, console: Console) throws {
        let reports = try ReportCatalog.all()
        if format == .json {
            for report in reports {
                console.print(JSONLine([("name", .string(report.name)), ("title", .string(report.title)),
                                        ("description", .string(report.description))]).text)
            }
            return
        }
        let width = reports.map(\.name.count).max() ?? 0
        for report in reports {
            console.print(report.name.padding(width) + "  " + report.title)
            console.print(String(repeating: " ", count: width + 2) + report.description)
        }
        console.print("monthly".padding(width) + "  Every report as CSV, summary.txt, summary.html and manifest.json, from one snapshot (--out DIR).")
    }

    /// Runs one report and writes it to `output` (a file path) or standard output.
    public static func run(
        target: DatabaseTarget, log: DatabaseTarget? = nil, name: String, period: ReportPeriod, site: String?, format: ReportFormat,
        output: String?, privacy: PrivacyOptions, disclosure: DisclosureRequest? = nil, actingStaff: String? = nil, console: Console
    ) throws {
        guard let report = try ReportCatalog.named(name) else {
            throw CarelogError(.usage, "there is no report \"\(name)\"",
                               suggestion: "The reports are: \(try ReportCatalog.all().map(\.name).joined(separator: ", ")), and monthly.")
        }
        if let disclosure {
            guard disclosableReports.contains(report.name) else {
                throw CarelogError(.usage, "--recipient, --purpose and --basis are for report monthly, \(disclosableReports.joined(separator: ", ")) and export",
                                   suggestion: "Disclose this report's month with `carelog report monthly`.")
            }
            if disclosure.basis == .consent {
                throw CarelogError(.usage, "--basis consent is for exports: a TEDS extract lists every admission or discharge of the month",
                                   suggestion: "Disclose it under another basis (audit, research, court-order, emergency).")
            }
        }
        // A target that cannot be written is refused before anything is read.
        let workbookNeedsFile = CarelogError(.usage, "--format xlsx writes a workbook file, not text",
                                             suggestion: "Give the file to write with --out, e.g. --out \(report.name).xlsx.")
        if format == .xlsx, output == nil { throw workbookNeedsFile }
        let file = try output.map { try StagedOutput(URL(fileURLWithPath: $0), shape: .file, replacing: true) }
        // A run that cannot be recorded is refused before anything is read.
        let connections = try RunConnections.open(read: target, log: log, disclosure: disclosure != nil, console: console)
        defer { connections.close() }
        let connection = connections.reader
        if let site { try KnownSite.require(site, on: connection) }
        let complete = try connections.readSnapshot {
            // A month that has not begun has nothing to report: refused, as for the bundle
            // (a month in progress is fine here; its figures run up to now).
            _ = try MonthState.check(period, site: site, partial: true, on: connection)
            try ReportRunner.prepare(connection)
            try ReportRunner.protect(connection, privacy: privacy)
            return try ReportRunner.run(report, connection: connection, period: period, site: site)
        }
        let table = complete.applying(privacy)
        // The digest of what was written, for the disclosure's record.
        var written = ""
        let record = {
            try ActingStaff.set(actingStaff, on: connections.recorder)
            var parameters = logParameters(period, site, privacy, output: output)
            if let actingStaff { parameters["by"] = actingStaff }
            if let disclosure {
                parameters["recipient"] = disclosure.recipient
                parameters["basis"] = disclosure.basis.rawValue
            }
            try RunLog.record(
                connections.recorder, command: "report \(report.name)", parameters: parameters,
                rowCounts: [report.name: table.rows.count], snapshotTime: nil)
            if let disclosure {
                // The patients whose records the file holds: the MRNs of its rows.
                let mrns = Set(report.columns.indices.filter { report.columns[$0].kind == .mrn }
                    .flatMap { column in complete.rows.compactMap { $0[column] } }).sorted()
                let name = output.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "-"
                try DisclosureRecord.record(
                    connections.recorder, request: disclosure, command: "report \(report.name)", actingStaff: actingStaff,
                    privacy: privacy.mode, periodFrom: period.start, periodTo: period.lastDay, site: site, patientsExcluded: 0,
                    manifestSHA256: written, files: [.init(name: name, sha256: written, rows: table.rows.count)], patients: .mrns(mrns))
            }
        }
        if format == .xlsx {
            guard let file, let output else { throw workbookNeedsFile }
            written = try ReportWorkbook.write(table, to: file.staging, scratch: try file.scratch())
            try file.publish(recording: record, on: connections.recorder)
            console.note("wrote \(report.name) (\(table.rows.count) rows) to \(output)")
            return
        }
        let text = try format.render(table)
        written = Digest.sha256Hex(text)
        if let file, let output {
            try file.write(contents: Data(text.utf8))
            try file.publish(recording: record, on: connections.recorder)
            console.note("wrote \(report.name) (\(table.rows.count) rows) to \(output)")
        } else {
            try record()
            console.write(text)
        }
    }

    /// Writes the monthly bundle into `directory`: every report as CSV and (with
    /// `spreadsheets`) as an `.xlsx` workbook beside it, `summary.txt`, `summary.html`
    /// and `manifest.json`, all read from one repeatable-read snapshot so that their
    /// figures agree even while attendance is being logged.
    ///
    /// A month that has not ended is refused (usage error) unless `partial` is true;
    /// the summary of a partial month then says so on every page. A month that has
    /// not begun is refused either way: there is nothing to report yet.
    ///
    /// - Parameter afterEachReport: called between the reports' queries; tests use it
    ///   to write from another connection in the middle of a bundle.
    ///   - log: where the run is recorded when not where it reads (see `RunConnections`).
    @discardableResult
    public static func monthly(
        target: DatabaseTarget, log: DatabaseTarget? = nil, period: ReportPeriod, site: String?, directory: String,
        replace: Bool = false, partial: Bool = false, privacy: PrivacyOptions, disclosure: DisclosureRequest? = nil,
        actingStaff: String? = nil, spreadsheets: Bool = true, console: Console, afterEachReport: () throws -> Void = {}
    ) throws -> BundleManifest {
        if let disclosure, disclosure.basis == .consent {
            throw CarelogError(
                .usage, "--basis consent is for exports: a monthly bundle's figures count every patient of the month",
                suggestion: "Export the consenting patients' records with `carelog export --basis consent`, "
                    + "or disclose the bundle under another basis (audit, research, court-order, emergency).")
        }
        let reports = try ReportCatalog.all()
        // A folder that cannot take the bundle is refused before anything is read.
        let bundle = try StagedOutput(URL(fileURLWithPath: directory), shape: .folder, replacing: replace)
        // A run that cannot be recorded is refused before anything is read.
        let connections = try RunConnections.open(read: target, log: log, disclosure: disclosure != nil, console: console)
        defer { connections.close() }
        let connection = connections.reader
        if let site { try KnownSite.require(site, on: connection) }
        let (tables, context, snapshot, partialThrough, standby, head) = try connections.readSnapshot {
            () -> ([ReportTable], SummaryContext, String, String?, StandbyPosition?, AuditHead?) in
            // An unknown --by is refused before anything is read.
            try ActingStaff.check(actingStaff, on: connection)
            try ReportRunner.prepare(connection)
            try ReportRunner.protect(connection, privacy: privacy)
            let partialThrough = try MonthState.check(period, site: site, partial: partial, on: connection)
            let snapshot = try connection.query(StoredQuery.named("database/snapshot_time"))[0].decode("at", as: String.self)
            let standby = connections.readsFromStandby ? try StandbyPosition.read(connection) : nil
            let tables = try reports.map { report in
                let table = try console.whileWorking("report \(report.name)") {
                    try ReportRunner.run(report, connection: connection, period: period, site: site)
                }
                try afterEachReport()
                return table
            }
            let context = try SummaryContext.read(
                connection, period: period, site: site, gaps: reports.first { $0.name == "documentation-gaps" })
            return (tables, context, snapshot, partialThrough, standby, try AuditHead.current(connection)?.head)
        }
        let complete = tables.map { $0.applying(privacy.withoutSuppression) }
        let shown = tables.map { $0.applying(privacy) }
        var files: [(name: String, text: String, rows: Int)] = try shown.map { table in
            ("\(table.definition.name).csv", try ReportCSV.render(table), table.rows.count)
        }
        let content = SummaryContent(
            tables: shown, complete: complete, context: context, period: period, site: site, privacy: privacy, partialThrough: partialThrough)
        files.append(("summary.txt", MonthlySummary(content: content).render(), 0))
        files.append(("summary.html", SummaryHTML(content: content).render(), 0))
        // The patients whose records the bundle holds: the MRNs of its reports.
        let mrns = Set(tables.flatMap { table in
            table.definition.columns.indices.filter { table.definition.columns[$0].kind == .mrn }
                .flatMap { column in table.rows.compactMap { $0[column] } }
        }).sorted()
        if let disclosure {
            let notice = DisclosureNotice(
                request: disclosure, date: String(snapshot.prefix(10)),
                contents: "monthly report bundle of \(period)" + (site.map { ", site \($0)" } ?? ", all sites"),
                privacy: privacy.mode, patientsIncluded: mrns.count, patientsExcluded: 0).render()
            files.append((DisclosureNotice.fileName, notice, 0))
        }
        let manifest = BundleManifest(
            tool: "carelog \(CarelogVersion.current)", database: connection.databaseName,
            serverVersion: connection.serverVersion, snapshotTime: snapshot,
            parameters: .init(month: period.description, site: site, deidentified: privacy.mode == .deidentified, minimumCell: privacy.minimumCell,
                              partialThrough: partialThrough, pseudonymized: privacy.mode == .pseudonymized ? true : nil),
            auditHead: head, standby: standby,
            files: try files.flatMap { file -> [BundleManifest.File] in
                let entry = BundleManifest.File(name: file.name, rows: file.name.hasSuffix(".csv") ? file.rows : nil, sha256: Digest.sha256Hex(file.text))
                guard spreadsheets, let table = shown.first(where: { "\($0.definition.name).csv" == file.name }) else { return [entry] }
                // The workbook beside the CSV: the same rows, for a person's double-click.
                let name = "\(table.definition.name).xlsx"
                let digest = try ReportWorkbook.write(table, to: bundle.staging.appendingPathComponent(name), scratch: bundle.staging)
                return [entry, .init(name: name, rows: table.rows.count, sha256: digest)]
            })
        for file in files {
            try bundle.write(file.name, Data(file.text.utf8))
        }
        let manifestText = try manifest.json()
        try bundle.write("manifest.json", Data(manifestText.utf8))
        try bundle.publish(recording: {
            try ActingStaff.set(actingStaff, on: connections.recorder)
            var parameters = logParameters(period, site, privacy, output: directory)
            parameters["by"] = actingStaff
            if let disclosure {
                parameters["recipient"] = disclosure.recipient
                parameters["basis"] = disclosure.basis.rawValue
            }
            try RunLog.record(
                connections.recorder, command: "report monthly",
                parameters: parameters.merging(["partial_through": partialThrough]) { _, new in new },
                rowCounts: Dictionary(uniqueKeysWithValues: shown.map { ($0.definition.name, $0.rows.count) }), snapshotTime: snapshot)
            if let disclosure {
                try DisclosureRecord.record(
                    connections.recorder, request: disclosure, command: "report monthly", actingStaff: actingStaff, privacy: privacy.mode,
                    periodFrom: period.start, periodTo: period.lastDay, site: site, patientsExcluded: 0,
                    manifestSHA256: Digest.sha256Hex(manifestText),
                    files: manifest.files.map { .init(name: $0.name, sha256: $0.sha256, rows: $0.rows) },
                    patients: .mrns(mrns))
            }
        }, on: connections.recorder)
        console.print("Wrote the \(period) bundle to \(directory): \(reports.count) reports as CSV\(spreadsheets ? " and .xlsx" : ""), summary.txt, summary.html, manifest.json (snapshot \(snapshot))"
                      + (partialThrough.map { "; a PARTIAL month, figures up to \($0)." } ?? "."))
        return manifest
    }

    /// Reports that may leave the program as a recorded disclosure on their own.
    public static let disclosableReports = ["teds-admissions", "teds-discharges"]

    private static func logParameters(_ period: ReportPeriod, _ site: String?, _ privacy: PrivacyOptions, output: String?) -> [String: String?] {
        ["month": period.description, "site": site, "privacy": privacy.mode.rawValue,
         "min_cell": privacy.minimumCell.map(String.init), "out": output]
    }
}
