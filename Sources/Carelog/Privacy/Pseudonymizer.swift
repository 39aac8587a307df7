import Crypto
import Foundation

/// Stable pseudonyms for MRNs: keyed HMAC-SHA-256, so the same patient gets the
/// same pseudonym in every file and every run with the same key, and nobody
/// without the key can map a pseudonym back (an unkeyed hash of a short MRN could
/// be reversed by trying every MRN).
///
/// Under `--deidentify` the same machinery runs with a key drawn at random for the run
/// and never stored (`random()`, prefix `R-`): identifiers consistent across the files
/// of one bundle, unlinkable to any other run or to the MRN.
public struct Pseudonymizer: Sendable {
    private let key: Data
    /// `P-` for keyed pseudonyms, `R-` for identifiers random to one bundle.
    public let prefix: String

    public init(key: Data) throws {
        guard key.count >= 16 else {
            throw CarelogError(.usage, "the pseudonym key is too short (\(key.count) bytes; at least 16)",
                               suggestion: "Use a long random secret, e.g. `openssl rand -hex 32`.")
        }
        self.key = key
        prefix = "P-"
    }

    private init(randomKey: Data) {
        key = randomKey
        prefix = "R-"
    }

    /// A key of 32 random bytes for one run, kept in memory only.
    public static func random() -> Pseudonymizer {
        var generator = SystemRandomNumberGenerator()
        return Pseudonymizer(randomKey: Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    /// Whether the key is random to this run (`--deidentify`) rather than the secret key.
    public var isRandom: Bool { prefix == "R-" }

    /// The secret key, for the export, which computes the same HMAC in SQL.
    var keyData: Data { key }

    /// The key from `CARELOG_PSEUDONYM_KEY`, or from the file named by
    /// `CARELOG_PSEUDONYM_KEY_FILE`. No key, no de-identified output.
    public static func fromEnvironment(_ environment: [String: String]) throws -> Pseudonymizer {
        if let secret = environment["CARELOG_PSEUDONYM_KEY"], !secret.isEmpty {
            return try Pseudonymizer(key: Data(secret.utf8))
        }
        if let path = environment["CARELOG_PSEUDONYM_KEY_FILE"], !path.isEmpty {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CarelogError(.usage, "cannot read the pseudonym key file \(path)")
            }
            let trimmed = String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return try Pseudonymizer(key: Data(trimmed.utf8))
        }
        throw CarelogError(
            .usage, "--pseudonymize needs a secret key and none is set, so nothing was written",
            suggestion: "Set CARELOG_PSEUDONYM_KEY (or CARELOG_PSEUDONYM_KEY_FILE to a file holding it). "
                + "Keep the key: the same key gives the same pseudonyms across runs.")
    }

    /// `P-` (or `R-`) and the first 16 hex digits (64 bits) of HMAC-SHA-256(key, MRN).
    public func pseudonym(for mrn: String) -> String {
        prefix + Digest.hex(Self.authenticationCode(key: key, message: Data(mrn.utf8)).prefix(8))
    }

    /// A group's code, which may carry a patient's name or MRN: `GR-` and 16 hex digits
    /// of HMAC-SHA-256(key, "group:" + code), as the export's blocks/group_code.sql.
    public func groupCode(for code: String) -> String {
        "GR-" + Digest.hex(Self.authenticationCode(key: key, message: Data(("group:" + code).utf8)).prefix(8))
    }

    /// A staff member's ID: `ST-` and 16 hex digits of HMAC-SHA-256(key, "staff:" + ID),
    /// as the export's blocks/staff_code.sql.
    public func staffCode(for staffID: String) -> String {
        "ST-" + Digest.hex(Self.authenticationCode(key: key, message: Data(("staff:" + staffID).utf8)).prefix(8))
    }

    /// HMAC-SHA-256(key, message), all 32 bytes: the function a pseudonym is cut from,
    /// apart so that it can be checked against the published test vectors (RFC 4231),
    /// whose keys and messages are not all valid pseudonym keys or MRNs.
    static func authenticationCode(key: Data, message: Data) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
