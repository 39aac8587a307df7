import Foundation

/// `manifest.json` of an auditor export: what produced the bundle, from which
/// snapshot, with which parameters, and for every file its columns, row count and
/// SHA-256, so that `carelog export verify` can re-check it.
///
/// The manifest itself is not signed: whoever can rewrite the files can rewrite it
/// too. The export prints the manifest's own SHA-256; keep that figure apart from the
/// bundle (in the audit request, a ticket, an e-mail) to make the whole bundle
/// tamper-evident.
public struct ExportManifest: Codable, Sendable, Equatable {
    public struct Parameters: Codable, Sendable, Equatable {
        /// First day of the period (ISO date, inclusive).
        public var from: String
        /// Last day of the period (ISO date, inclusive).
        public var to: String
        public var site: String?
        /// HIPAA Safe Harbor (`--deidentify`).
        public var deidentified: Bool
        /// Keyed pseudonyms (`--pseudonymize`): still protected health information.
        /// Present (true) only then, so that other manifests read and look as before.
        public var pseudonymized: Bool? = nil
        /// Set when the bundle is a disclosure (`--recipient`, `--purpose`, `--basis`).
        public var disclosure: Disclosure? = nil
    }

    /// To whom and why the bundle was disclosed, as NOTICE.txt says.
    public struct Disclosure: Codable, Sendable, Equatable {
        public var recipient: String
        public var purpose: String
        public var basis: String
        /// The day of the disclosure (UTC), ISO.
        public var date: String
        /// Patients whose records the bundle holds.
        public var patients: Int
        /// Patients left out for want of an active consent (basis consent).
        public var patientsExcluded: Int
    }

    /// A CSV file with its columns and rows; the `.xlsx` workbook beside it, with the
    /// same columns and rows (checked by its SHA-256 alone); or NOTICE.txt (no columns,
    /// 0 rows: checked by its SHA-256 alone).
    public struct File: Codable, Sendable, Equatable {
        public var name: String
        public var columns: [String]
        /// Data rows (CSV records after the header).
        public var rows: Int
        /// Lower-case hex SHA-256 of the file's bytes.
        public var sha256: String
    }

    /// The head of the database's audit hash chain in the snapshot (the batch with
    /// the highest id): recorded so that a later rewrite of the chain, or batches cut
    /// off its end, can be seen against it (see sql/002_audit.sql).
    public struct AuditHead: Codable, Sendable, Equatable {
        public var batchID: Int64
        public var hash: String
    }

    /// `carelog <version>`.
    public var tool: String
    public var database: String
    /// As libpq reports it, e.g. 150018 for 15.18.
    public var serverVersion: Int
    /// now() in the export's snapshot transaction, UTC ISO 8601.
    public var snapshotTime: String
    public var parameters: Parameters
    public var auditHead: AuditHead?
    /// Set when the export was read from a hot standby (see `BundleManifest.standby`).
    public var standby: StandbyPosition? = nil
    public var files: [File]

    /// `fhir` for an export of FHIR R4 resources (`--format fhir`, docs/fhir.md); absent
    /// for the CSV export, so that its manifests read and look as before.
    public var format: String? = nil
    /// FHIR Bulk Data manifest: the snapshot's time (as `snapshotTime`).
    public var transactionTime: String? = nil
    /// FHIR Bulk Data manifest: the command that made the export (carelog is not a
    /// server, so there is no kick-off URL).
    public var request: String? = nil
    /// FHIR Bulk Data manifest: false, the files are in the folder.
    public var requiresAccessToken: Bool? = nil
    /// FHIR Bulk Data manifest: one entry per NDJSON file (`url` is the file's name,
    /// relative to the manifest).
    public var output: [BulkOutput]? = nil
    /// FHIR Bulk Data manifest: OperationOutcome files; always empty.
    public var error: [BulkOutput]? = nil
    /// The file beside the manifest that holds the 42 CFR 2.32 notice (`NOTICE.txt`).
    public var notice: String? = nil

    /// One entry of a Bulk Data manifest's `output`.
    public struct BulkOutput: Codable, Sendable, Equatable {
        public var type: String
        public var url: String
        public var count: Int
    }

    public func file(named name: String) -> File? {
        files.first { $0.name == name }
    }

    /// Pretty-printed JSON with sorted keys, ending with a line feed.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    static func read(from url: URL) throws -> ExportManifest {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CarelogError(
                .failure, "there is no readable manifest.json in \(url.deletingLastPathComponent().path)",
                suggestion: "Name the folder `carelog export --out` wrote.")
        }
        do {
            return try JSONDecoder().decode(ExportManifest.self, from: data)
        } catch {
            throw CarelogError(
                .failure, "\(url.path) is not the manifest of a carelog export (\(error.localizedDescription))",
                suggestion: "The manifest has been changed or the folder holds something else, such as a monthly report bundle.")
        }
    }
}
