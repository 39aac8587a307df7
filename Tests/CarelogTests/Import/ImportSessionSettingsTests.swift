@testable import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// The import asks for large temporary buffers, which PostgreSQL grants only before
    /// a session's first temporary table. The first command after an upgrade applies a
    /// migration (which uses one) on the connection it then imports on: the import must
    /// still run.
    @Suite("import session settings")
    struct ImportSessionSettingsTests {
        @Test("an import on a session that has used a temporary table keeps the session's buffers instead of failing")
        func afterTemporaryTable() throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            defer { connection.close() }
            try connection.query("CREATE TEMPORARY TABLE used_before AS SELECT 1 AS x")  // a row: the buffers are in use
            try connection.query("DROP TABLE used_before")
            let kind = try #require(ImportKind.named("sites"))
            // Two imports in two transactions of the one session: the second finds the
            // buffers back at the session's value.
            var summaries: [String] = []
            for _ in 1...2 {
                let summary = try connection.transaction {
                    try Importer(connection: connection, kind: kind).run(.bytes(Array(ImportFixture.csv("sites").utf8)), dryRun: false)
                }
                summaries.append("\(summary.inserted) \(summary.unchanged)")
            }
            #expect(summaries == ["2 0", "0 2"])
            #expect(try connection.scalar("SHOW temp_buffers") == "8MB")
            #expect(try connection.scalar("SELECT count(*) FROM carelog.site") == "2")
        }
    }
}
