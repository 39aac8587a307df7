import Crypto
import Foundation
import Postgres

/// `carelog export` and `carelog export verify`: the auditor export of docs/audit.md.
public enum ExportOperation {
    /// Writes one CSV per table with the rows of the period [from, to] (inclusive,
    /// site-local dates), `audit.csv` with the audit events written in the period,
    /// and `manifest.json`, all read from one repeatable-read snapshot and streamed
    /// through COPY, so memory stays flat whatever the size of the tables.
    /// See `ExportTables` for exactly which rows each file holds.
    ///
    /// - Parameters:
    ///   - pseudonymizer: nil for the clear; a keyed one for `--pseudonymize` (MRNs and
    ///     plan codes become the pseudonyms `Pseudonymizer` gives, computed by the server
    ///     from the key's HMAC pads; names, dates of birth and free text are left out);
    ///     `Pseudonymizer.random()` for `--deidentify` (Safe Harbor: identifiers random
    ///     to this run, dates cut to the year). Staff stay in the clear: they are not
    ///     patients, and the auditor needs to know who did what.
    ///   - disclosure: the bundle leaves the program (`--recipient`, `--purpose`,
    ///     `--basis`): `NOTICE.txt` goes into it and the disclosure is recorded with the
    ///     run; under basis consent only patients with an active consent are exported.
    ///   - actingStaff: `--by`, named in the run log, the disclosure and the audit trail.
    ///   - spreadsheets: an `.xlsx` beside each CSV (`ExportWorkbook`), listed in the
    ///     manifest with its SHA-256 like the CSVs (`--no-xlsx` leaves them out).
    ///   - afterEachFile: called between the files' COPY statements; tests use it to
    ///     write from another connection in the middle of an export.
    ///   - log: where the run is recorded when not where it reads (see `RunConnections`).
    ///   - format: `.csv` (the auditor export) or `.fhir`: one NDJSON file of FHIR R4
    ///     resources per resource type instead of the CSVs, from the same rows
    ///     (`FHIRResources`, docs/fhir.md), a manifest in the Bulk Data shape as well as
    ///     carelog's, and NOTICE.txt always (every resource is labelled Part 2).
    ///   - mrnSystem: the FHIR identifier system of the program's MRNs (`--mrn-system`).
    @discardableResult
    public static func export(
        target: DatabaseTarget, log: DatabaseTarget? = nil, from: String, to: String, site: String?, directory: String,
        replace: Bool = false, pseudonymizer: Pseudonymizer?, disclosure: DisclosureRequest? = nil, actingStaff: String? = nil,
        spreadsheets: Bool = true, format: ExportFormat = .csv, mrnSystem: String? = nil,
        console: Console, afterEachFile: () throws -> Void = {}
    ) throws -> ExportManifest {
        let period = try ExportPeriod(from: from, to: to)
        if pseudonymizer?.isRandom == true { try period.requireWholeYears() }
        let site = site.flatMap { $0.isEmpty ? nil : $0 }
        let privacy = PrivacyOptions(pseudonymizer: pseudonymizer)
        let pads = pseudonymizer.map { HMACPads(key: $0.keyData) }
        let mode: ExportStatement.Mode = switch privacy.mode {
        case .clear: .clear
        case .pseudonymized: .pseudonymised
        case .deidentified: .deidentified
        }
        let tables = format == .csv ? ExportTables.all(mode: mode) : []
        let resources = format == .fhir ? FHIRResources.all(mode: mode) : []
        let mrnSystem = mrnSystem.flatMap { $0.isEmpty ? nil : $0 } ?? FHIRResources.defaultMRNSystem
        let bundle = try StagedOutput(URL(fileURLWithPath: directory), shape: .folder, replacing: replace)

        // A run that cannot be recorded is refused before anything is read.
        let connections = try RunConnections.open(read: target, log: log, disclosure: disclosure != nil, console: console)
        defer { connections.close() }
        let connection = connections.reader
        var patientIDs = "{}"
        var patientCount = 0
        var excluded = 0
        var disclosedOn = ""
        let snapshotManifest = try connections.readSnapshot { () -> ExportManifest in
            // Transaction-local settings: COPY takes no bind parameters, so the
            // statements read their values from here (the values are bound to
            // set_config, never spliced into SQL text). JIT off, as for the reports: the
            // export's statements cross its cost threshold, and compiling them took
            // 0.2-0.5 s each (the references statement, the attendance COPY), more than
            // it saved on one pass over the rows (docs/benchmarks.md).
            for (name, value) in [
                ("carelog.export_from", period.from), ("carelog.export_to", period.to),
                ("carelog.export_site", site ?? ""),
                ("carelog.export_ipad", pads?.innerHex ?? ""), ("carelog.export_opad", pads?.outerHex ?? ""),
                ("carelog.export_consent_recipient", ""), ("carelog.export_mode", mode.rawValue),
                ("carelog.fhir_mrn_system", mrnSystem),
                ("DateStyle", "ISO, YMD"), ("IntervalStyle", "postgres"), ("TimeZone", "UTC"),
                ("client_encoding", "UTF8"), ("jit", "off"),
            ] {
                try connection.query(StoredQuery.named("export/set_parameter", name, value))
            }
            if let site {
                guard try !connection.query(StoredQuery.named("export/site_exists", site)).isEmpty else {
                    throw CarelogError(.usage, "there is no site \"\(site)\"",
                                       suggestion: "Give a site code as in the sites import file, or leave out --site.")
                }
            }
            // An unknown --by is refused before anything is written.
            try ActingStaff.set(actingStaff, on: connection)
            let snapshot = try connection.query(StoredQuery.named("database/snapshot_time"))[0].decode("at", as: String.self)
            disclosedOn = String(snapshot.prefix(10))
            let head = try connection.query(StoredQuery.named("export/audit_head")).first
            let standby = connections.readsFromStandby ? try StandbyPosition.read(connection) : nil
            try connection.query(SQLQuery(unsafeSQL: ExportTables.references(mode: mode)))
            if let disclosure, disclosure.basis == .consent {
                // Count who the consent filter leaves out, then export only the others.
                excluded = try connection.query(StoredQuery.named("disclosure/consent_excluded", disclosure.recipient))[0]
                    .decode("excluded", as: Int.self)
                try connection.query(StoredQuery.named("export/set_parameter", "carelog.export_consent_recipient", disclosure.recipient))
                try connection.query(SQLQuery(unsafeSQL: ExportTables.references(mode: mode)))
            }
            let patients = try connection.query(StoredQuery.named("disclosure/export_patients"))[0]
            patientIDs = try patients.decode("ids", as: String.self)
            patientCount = try patients.decode("count", as: Int.self)
            var files: [ExportManifest.File] = []
            for table in tables {
                files += try console.whileWorking("exporting \(table.fileName)") {
                    try copy(table, connection: connection, into: bundle, spreadsheet: spreadsheets)
                }
                console.progress("exported \(table.fileName)")
                try afterEachFile()
            }
            for resource in resources {
                files.append(try console.whileWorking("exporting \(resource.fileName)") {
                    try FHIRResources.copy(resource, connection: connection, into: bundle)
                })
                console.progress("exported \(resource.fileName)")
                try afterEachFile()
            }
            console.endProgress()
            return ExportManifest(
                tool: "carelog \(CarelogVersion.current)", database: connection.databaseName,
                serverVersion: connection.serverVersion, snapshotTime: snapshot,
                parameters: .init(from: period.from, to: period.to, site: site, deidentified: privacy.mode == .deidentified,
                                  pseudonymized: privacy.mode == .pseudonymized ? true : nil,
                                  disclosure: disclosure.map {
                                      .init(recipient: $0.recipient, purpose: $0.purpose, basis: $0.basis.rawValue,
                                            date: String(snapshot.prefix(10)), patients: patientCount, patientsExcluded: excluded)
                                  }),
                auditHead: try head.map { .init(batchID: try $0.decode("id"), hash: try $0.decode("hash")) },
                standby: standby, files: files)
        }
        var manifest = snapshotManifest
        if format == .fhir {
            manifest.format = format.rawValue
            manifest.transactionTime = manifest.snapshotTime
            manifest.request = ["carelog export --format fhir --from \(period.from) --to \(period.to)",
                                site.map { "--site \($0)" },
                                privacy.mode == .clear ? nil : (privacy.mode == .deidentified ? "--deidentify" : "--pseudonymize")]
                .compactMap { $0 }.joined(separator: " ")
            manifest.requiresAccessToken = false
            // A type without resources keeps its (empty) file, checked like the others, but is
            // not listed in output: Bulk Data lists only files that hold resources.
            manifest.output = manifest.files.filter { $0.rows > 0 }
                .map { .init(type: String($0.name.dropLast(".ndjson".count)), url: $0.name, count: $0.rows) }
            manifest.error = []
            manifest.notice = DisclosureNotice.fileName
        }
        if disclosure != nil || format == .fhir {
            let notice = DisclosureNotice(
                request: disclosure, date: disclosedOn,
                contents: (format == .fhir ? "FHIR R4 export of " : "auditor export of ")
                    + "\(period.from) to \(period.to)" + (site.map { ", site \($0)" } ?? ", all sites"),
                privacy: privacy.mode, patientsIncluded: patientCount, patientsExcluded: excluded).render()
            let digest = try bundle.write(DisclosureNotice.fileName, Data(notice.utf8))
            manifest.files.append(.init(name: DisclosureNotice.fileName, columns: [], rows: 0, sha256: digest))
        }
        let manifestData = try manifest.json()
        let manifestDigest = Digest.sha256Hex(manifestData)
        try bundle.write("manifest.json", manifestData)
        try bundle.publish(recording: {
            try ActingStaff.set(actingStaff, on: connections.recorder)
            var parameters: [String: String?] = [
                "from": period.from, "to": period.to, "site": site, "privacy": privacy.mode.rawValue, "out": directory,
                "by": actingStaff,
            ]
            if format == .fhir { parameters["format"] = format.rawValue }
            if let disclosure {
                parameters["recipient"] = disclosure.recipient
                parameters["basis"] = disclosure.basis.rawValue
            }
            try RunLog.record(
                connections.recorder, command: "export", parameters: parameters,
                rowCounts: Dictionary(uniqueKeysWithValues: manifest.files.filter { !$0.name.hasSuffix(".xlsx") }.map { ($0.name, $0.rows) }),
                snapshotTime: manifest.snapshotTime)
            if let disclosure {
                try DisclosureRecord.record(
                    connections.recorder, request: disclosure, command: "export", actingStaff: actingStaff, privacy: privacy.mode,
                    periodFrom: period.from, periodTo: period.to, site: site, patientsExcluded: excluded,
                    manifestSHA256: manifestDigest,
                    files: manifest.files.map { .init(name: $0.name, sha256: $0.sha256, rows: $0.name.hasSuffix(".csv") || $0.name.hasSuffix(".ndjson") ? $0.rows : nil) },
                    patients: .ids(arrayLiteral: patientIDs))
            }
        }, on: connections.recorder)
        let rows = manifest.files.filter { $0.name.hasSuffix(".csv") || $0.name.hasSuffix(".ndjson") }.map { $0.rows }.reduce(0, +)
        let modeNote = switch privacy.mode {
        case .clear: ""
        case .pseudonymized: ", pseudonymised,"
        case .deidentified: ", de-identified,"
        }
        console.print("Wrote the \(format == .fhir ? "FHIR R4 " : "")export of \(period.from) to \(period.to)\(site.map { " (site \($0))" } ?? "")"
            + "\(modeNote) to \(directory): \(manifest.files.count) files, "
            + "\(rows) \(format == .fhir ? "resources" : "rows"), snapshot \(manifest.snapshotTime).")
        if let disclosure {
            console.print("Recorded the disclosure to \(disclosure.recipient) (\(disclosure.basis.rawValue)): \(patientCount) patients"
                + (disclosure.basis == .consent ? ", \(excluded) left out without an active consent" : "") + "; NOTICE.txt is in the bundle.")
        }
        console.print("manifest.json SHA-256: \(manifestDigest)  (keep this apart from the bundle)")
        return manifest
    }

    /// Re-reads `manifest.json` in `directory` and checks every file against it:
    /// SHA-256, row count (records counted with the CSV reader) and header, and that
    /// the folder holds no file the manifest does not list. Throws (exit 1) naming
    /// every missing, extra or altered file unless the bundle is intact.
    @discardableResult
    public static func verify(directory: String, expectedManifestSHA256: String? = nil, quiet: Bool = false,
                              console: Console) throws -> ExportVerification {
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
        if let mismatch = verification.manifestMismatch(expected: expectedManifestSHA256) {
            throw CarelogError(.failure, "the bundle in \(directory) is not the one expected: \(mismatch)",
                               suggestion: "Ask the sender for the export as it was written, or check the SHA-256 you were given.")
        }
        if quiet { return verification }
        console.print("The bundle in \(directory) is intact: \(verification.filesChecked) files, "
            + "\(verification.rowsCounted) rows verified against manifest.json (SHA-256 \(verification.manifestSHA256)).")
        return verification
    }

    /// Streams one table through `COPY (SELECT …) TO STDOUT WITH (FORMAT csv, HEADER)`
    /// into its file, hashing on the way, and, with `spreadsheet`, the same records
    /// into the workbook beside it. Returns the manifest's entries: the CSV's, then
    /// the workbook's.
    static func copy(
        _ table: ExportTables.Table, connection: Connection, into bundle: StagedOutput, spreadsheet: Bool = false
    ) throws -> [ExportManifest.File] {
        let workbook = spreadsheet ? try ExportWorkbook(table, connection: connection, scratch: bundle.staging) : nil
        let file = try bundle.create(table.fileName)
        var chunks = 0
        var columns: [String] = []
        let rows = try connection.copyOut(
            SQLQuery(unsafeSQL: "COPY (\(table.select)) TO STDOUT WITH (FORMAT csv, HEADER)")
        ) { chunk in
            if chunks == 0 { columns = ExportTables.columns(ofHeader: chunk) }
            chunks += 1
            try file.append(chunk)
            try workbook?.append(chunk)
        }
        let digest = try file.finish()
        // libpq hands over one row per chunk, the header first; the server's own
        // count is what goes into the manifest. They must agree.
        guard chunks == rows + 1 else {
            throw CarelogError(.failure, "\(table.fileName): the server reported \(rows) rows but sent \(chunks - 1)")
        }
        let csv = ExportManifest.File(name: table.fileName, columns: columns, rows: rows, sha256: digest)
        guard let workbook else { return [csv] }
        return [csv, try workbook.finish(into: bundle.staging)]
    }
}

/// What `carelog export --format` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// One CSV (and .xlsx) per table: the auditor export (docs/audit.md).
    case csv
    /// One NDJSON file of FHIR R4 resources per resource type, Bulk Data shape (docs/fhir.md).
    case fhir
}
