import Crypto
import Foundation
import Postgres

/// `carelog export` and `carelog export verify`: the auditor export of SPEC §5.
public enum ExportOperation {
    /// Writes one CSV per table with the rows of the period [from, to] (inclusive,
    /// site-local dates), `audit.csv` with the audit events written in the period,
    /// and `manifest.json`, all read from one repeatable-read snapshot and streamed
    /// through COPY, so memory stays flat whatever the size of the tables.
    /// See `ExportTables` for exactly which rows each file holds.
    ///
    /// - Parameters:
    ///   - pseudonymizer: de-identifies the bundle: MRNs become the pseudonyms
    ///     `Pseudonymizer.pseudonym(for:)` gives (computed by the server from the key's
    ///     HMAC pads), and patients' names and dates of birth are left out, also from
    ///     the audit events of the patient table. Staff names stay: they are not
    ///     patients, and the auditor needs to know who did what.
    ///   - afterEachFile: called between the files' COPY statements; tests use it to
    ///     write from another connection in the middle of an export.
    ///   - log: where the run is recorded when not where it reads (see `RunConnections`).
    @discardableResult
    public static func export(
        target: DatabaseTarget, log: DatabaseTarget? = nil, from: String, to: String, site: String?, directory: String, replace: Bool = false,
        pseudonymizer: Pseudonymizer?, console: Console, afterEachFile: () throws -> Void = {}
    ) throws -> ExportManifest {
        let period = try ExportPeriod(from: from, to: to)
        let site = site.flatMap { $0.isEmpty ? nil : $0 }
        let pads = pseudonymizer.map { HMACPads(key: $0.keyData) }
        let mode: ExportStatement.Mode = pseudonymizer == nil ? .clear : .pseudonymised
        let tables = ExportTables.all(mode: mode)
        let bundle = try StagedOutput(URL(fileURLWithPath: directory), shape: .folder, replacing: replace)

        // A run that cannot be recorded is refused before anything is read.
        let connections = try RunConnections.open(read: target, log: log, console: console)
        defer { connections.close() }
        let connection = connections.reader
        let manifest = try connections.readSnapshot { () -> ExportManifest in
            // Transaction-local settings: COPY takes no bind parameters, so the
            // statements read their values from here (the values are bound to
            // set_config, never spliced into SQL text).
            for (name, value) in [
                ("carelog.export_from", period.from), ("carelog.export_to", period.to),
                ("carelog.export_site", site ?? ""),
                ("carelog.export_ipad", pads?.innerHex ?? ""), ("carelog.export_opad", pads?.outerHex ?? ""),
                ("DateStyle", "ISO, YMD"), ("IntervalStyle", "postgres"), ("TimeZone", "UTC"),
                ("client_encoding", "UTF8"),
            ] {
                try connection.query(StoredQuery.named("export/set_parameter", name, value))
            }
            if let site {
                guard try !connection.query(StoredQuery.named("export/site_exists", site)).isEmpty else {
                    throw CarelogError(.usage, "there is no site \"\(site)\"",
                                       suggestion: "Give a site code as in the sites import file, or leave out --site.")
                }
            }
            let snapshot = try connection.query(StoredQuery.named("database/snapshot_time"))[0].decode("at", as: String.self)
            let head = try connection.query(StoredQuery.named("export/audit_head")).first
            let standby = connections.readsFromStandby ? try StandbyPosition.read(connection) : nil
            try connection.query(SQLQuery(unsafeSQL: ExportTables.references(mode: mode)))
            var files: [ExportManifest.File] = []
            for table in tables {
                files.append(try copy(table, connection: connection, into: bundle))
                console.progress("exported \(table.fileName)")
                try afterEachFile()
            }
            console.endProgress()
            return ExportManifest(
                tool: "carelog \(CarelogVersion.current)", database: connection.databaseName,
                serverVersion: connection.serverVersion, snapshotTime: snapshot,
                parameters: .init(from: period.from, to: period.to, site: site, deidentified: pseudonymizer != nil),
                auditHead: try head.map { .init(batchID: try $0.decode("id"), hash: try $0.decode("hash")) },
                standby: standby, files: files)
        }
        let manifestData = try manifest.json()
        try bundle.write("manifest.json", manifestData)
        try bundle.publish(recording: {
            try RunLog.record(
                connections.recorder, command: "export",
                parameters: ["from": period.from, "to": period.to, "site": site,
                             "deidentify": pseudonymizer == nil ? "false" : "true", "out": directory],
                rowCounts: Dictionary(uniqueKeysWithValues: manifest.files.map { ($0.name, $0.rows) }),
                snapshotTime: manifest.snapshotTime)
        }, on: connections.recorder)
        let rows = manifest.files.map(\.rows).reduce(0, +)
        console.print("Wrote the export of \(period.from) to \(period.to)\(site.map { " (site \($0))" } ?? "")"
            + "\(pseudonymizer != nil ? ", de-identified," : "") to \(directory): \(manifest.files.count) files, "
            + "\(rows) rows, snapshot \(manifest.snapshotTime).")
        console.print("manifest.json SHA-256: \(Digest.sha256Hex(manifestData))  (keep this apart from the bundle)")
        return manifest
    }

    /// Re-reads `manifest.json` in `directory` and checks every file against it:
    /// SHA-256, row count (records counted with the CSV reader) and header, and that
    /// the folder holds no file the manifest does not list. Throws (exit 1) naming
    /// every missing, extra or altered file unless the bundle is intact.
    @discardableResult
    public static func verify(directory: String, console: Console) throws -> ExportVerification {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CarelogError(.usage, "\(directory) is not a folder", suggestion: "Name the folder `carelog export --out` wrote.")
        }
        let verification = try ExportVerifier.verify(directory: URL(fileURLWithPath: directory))
        guard verification.isIntact else {
            let names = verification.problems.map(\.file)
            throw CarelogError(
                .failure,
                "the bundle in \(directory) is not intact: \(names.count == 1 ? names[0] : "\(names.count) problems (\(names.joined(separator: ", ")))")",
                suggestion: verification.problems.map(\.description).joined(separator: "\n"))
        }
        console.print("The bundle in \(directory) is intact: \(verification.filesChecked) files, "
            + "\(verification.rowsCounted) rows verified against manifest.json (SHA-256 \(verification.manifestSHA256)).")
        return verification
    }

    /// Streams one table through `COPY (SELECT …) TO STDOUT WITH (FORMAT csv, HEADER)`
    /// into its file, hashing on the way.
    static func copy(_ table: ExportTables.Table, connection: Connection, into bundle: StagedOutput) throws -> ExportManifest.File {
        let file = try bundle.create(table.fileName)
        var chunks = 0
        var columns: [String] = []
        let rows = try connection.copyOut(
            SQLQuery(unsafeSQL: "COPY (\(table.select)) TO STDOUT WITH (FORMAT csv, HEADER)")
        ) { chunk in
            if chunks == 0 { columns = ExportTables.columns(ofHeader: chunk) }
            chunks += 1
            try file.append(chunk)
        }
        let digest = try file.finish()
        // libpq hands over one row per chunk, the header first; the server's own
        // count is what goes into the manifest. They must agree.
        guard chunks == rows + 1 else {
            throw CarelogError(.failure, "\(table.fileName): the server reported \(rows) rows but sent \(chunks - 1)")
        }
        return ExportManifest.File(name: table.fileName, columns: columns, rows: rows, sha256: digest)
    }
}
