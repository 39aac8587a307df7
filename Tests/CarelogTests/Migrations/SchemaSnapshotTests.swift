import Foundation
import Testing

extension DatabaseTests {
    /// sql/schema.sql is the schema a maintainer reads; the migrations are how it came
    /// about. The two must not drift: a migration added without regenerating the
    /// snapshot (`scripts/schema-snapshot`) fails here.
    @Suite("schema snapshot")
    struct SchemaSnapshotTests {
        @Test("sql/schema.sql is exactly the schema the migrations build")
        func snapshotMatchesMigrations() throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            let database = try TestDatabase()
            let process = Process()
            process.executableURL = root.appendingPathComponent("scripts/schema-snapshot")
            process.arguments = ["--print", database.connectionString]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let stored = try String(contentsOf: root.appendingPathComponent("sql/schema.sql"), encoding: .utf8)
            #expect(printed.count > 100_000)
            // The first differing line, rather than two 300 KB strings.
            let difference = zip(printed.split(separator: "\n", omittingEmptySubsequences: false),
                                 stored.split(separator: "\n", omittingEmptySubsequences: false)).enumerated()
                .first { $0.element.0 != $0.element.1 }
            #expect(difference == nil && printed == stored,
                    "sql/schema.sql differs from the migrations at line \((difference?.offset ?? 0) + 1): run scripts/schema-snapshot and commit it")
        }
    }
}
