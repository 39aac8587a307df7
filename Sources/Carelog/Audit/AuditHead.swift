import Foundation
import Postgres

/// The head of the audit hash chain at one moment: the batch with the highest id
/// and its hash.
///
/// A superuser can rewrite the chain and recompute every hash after the change with
/// the schema's own functions; nothing inside the database can tell. A head kept
/// outside it can: if the chain is rewritten at or before that batch, the batch's
/// hash changes (or the batch disappears). Every bundle and export manifest records
/// the head, and `carelog audit head` writes one on its own; `carelog audit verify
/// --anchor FILE…` checks them.
public struct AuditHead: Codable, Sendable, Equatable {
    public var batchID: Int64
    public var hash: String

    public init(batchID: Int64, hash: String) {
        self.batchID = batchID
        self.hash = hash
    }

    /// The head as the current transaction sees it (read whatever the login's
    /// row-level security shows), or nil while the chain is empty.
    static func current(_ connection: Connection) throws -> (head: AuditHead, createdAt: String)? {
        guard let row = try connection.query(StoredQuery.named("audit/head")).first else { return nil }
        return (AuditHead(batchID: try row.decode("batch_id"), hash: try row.decode("hash")), try row.decode("created_at"))
    }
}

/// A file holding a recorded head: a bundle's or an export's `manifest.json`, or a
/// file written by `carelog audit head`. All three carry `auditHead` and the time
/// it was read, `snapshotTime`.
public struct AuditAnchor: Sendable, Equatable {
    public var file: String
    public var recordedAt: String
    /// nil when the chain was empty when the file was written.
    public var head: AuditHead?

    private struct Shape: Decodable {
        var auditHead: AuditHead?
        var snapshotTime: String?
    }

    /// Reads `path`, or `path/manifest.json` when it names a folder.
    public static func read(_ path: String) throws -> AuditAnchor {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CarelogError(.usage, "--anchor \(path): there is no such file",
                               suggestion: "Name a bundle's or an export's manifest.json, or a file written by `carelog audit head`.")
        }
        let url = isDirectory.boolValue
            ? URL(fileURLWithPath: path).appendingPathComponent("manifest.json") : URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path),
              let shape = try? JSONDecoder().decode(Shape.self, from: data),
              let recordedAt = shape.snapshotTime
        else {
            throw CarelogError(.usage, "--anchor \(path): not a file that records the audit chain's head",
                               suggestion: "Name a bundle's or an export's manifest.json, or a file written by `carelog audit head`.")
        }
        return AuditAnchor(file: path, recordedAt: recordedAt, head: shape.auditHead)
    }

    /// Why the chain no longer holds this head, or nil when it does.
    func problem(_ connection: Connection) throws -> String? {
        guard let head else { return nil }
        let row = try connection.query(StoredQuery.named("audit/batch_hash", head.batchID))[0]
        guard let hash: String = try row["hash"] else {
            return "cut: the head recorded in \(file) at \(recordedAt) is no longer in the chain (batch \(head.batchID) is gone)"
        }
        if hash != head.hash {
            return "rewritten: the head recorded in \(file) at \(recordedAt) is no longer in the chain"
        }
        return nil
    }
}

/// The file `carelog audit head` writes: the head with where and when it was read.
struct AuditHeadFile: Codable {
    var tool: String
    var database: String
    var snapshotTime: String
    var auditHead: AuditHead?

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
