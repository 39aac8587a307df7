import Foundation

/// `manifest.json` of a bundle: enough to re-check every file and to know exactly
/// what produced it.
public struct BundleManifest: Codable, Sendable, Equatable {
    public struct Parameters: Codable, Sendable, Equatable {
        public var month: String
        public var site: String?
        /// HIPAA Safe Harbor (`--deidentify`).
        public var deidentified: Bool
        public var minimumCell: Int?
        /// Set when the month had not ended (`--partial`): the last local date the
        /// figures run up to.
        public var partialThrough: String?
        /// Keyed pseudonyms (`--pseudonymize`): still protected health information.
        /// Present (true) only then, so that other manifests read and look as before.
        public var pseudonymized: Bool? = nil
    }

    public struct File: Codable, Sendable, Equatable {
        public var name: String
        /// Data rows of a CSV file (the header not counted).
        public var rows: Int?
        public var sha256: String
    }

    public var tool: String
    public var database: String
    public var serverVersion: Int
    public var snapshotTime: String
    public var parameters: Parameters
    /// The head of the audit hash chain in the bundle's snapshot, so that the bundle
    /// can later serve as an anchor (`carelog audit verify --anchor`); nil while the
    /// chain is empty.
    public var auditHead: AuditHead?
    public var files: [File]

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
