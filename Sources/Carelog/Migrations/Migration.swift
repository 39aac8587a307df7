import Crypto
import Foundation

/// One numbered schema change, `sql/NNN_name.sql`, as carried in the binary.
public struct Migration: Sendable, Equatable {
    public let version: Int
    /// The file name, e.g. `001_schema.sql`.
    public let name: String
    public let sql: String

    public init(name: String, sql: String) throws {
        let prefix = name.prefix(while: \.isNumber)
        guard prefix.count == 3, let version = Int(prefix), name.dropFirst(3).hasPrefix("_"), name.hasSuffix(".sql") else {
            throw CarelogError(.failure, "migration file \(name) is not named NNN_name.sql")
        }
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// SHA-256 of the text, hex: recorded when applied, compared on every later run.
    public var checksum: String {
        Digest.sha256Hex(sql)
    }

    /// The migrations of `sql/`, in order.
    public static func embedded() throws -> [Migration] {
        let migrations = try EmbeddedSQL.sql.map { try Migration(name: $0.name, sql: $0.text) }
        let versions = migrations.map(\.version)
        guard Set(versions).count == versions.count else {
            throw CarelogError(.failure, "two migration files share a number: \(migrations.map(\.name).joined(separator: ", "))")
        }
        return migrations.sorted { $0.version < $1.version }
    }
}
