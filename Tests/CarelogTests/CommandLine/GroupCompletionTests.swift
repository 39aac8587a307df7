import Foundation
import Testing

@testable import Carelog

/// `--group <TAB>` completes the database's group codes where that is cheap, and
/// completes nothing (quickly, silently, starting nothing) where it is not.
extension DatabaseTests {
    @Suite("completion: group codes")
    struct GroupCompletionTests {
        /// What the shell asks when the cursor is after `--group` on `words`.
        static func complete(_ words: [String], environment: [String: String] = [:]) throws -> CarelogBinary.Result {
            try CarelogBinary.run(
                ["---completion", "attendance", "record", "--", "--group", String(words.count - 1), "0"] + words,
                environment: environment)
        }

        @Test("--group completes the group codes of the database on the line")
        func groupCodes() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let result = try Self.complete(["carelog", "attendance", "record"] + database.databaseArguments + ["--group", ""])
            #expect(result.status == 0, "\(result)")
            #expect(result.outputLines.filter { !$0.isEmpty } == ["AA-AM", "M-RP", "W-PROC"])
            #expect(result.error == "")
        }

        @Test("no reachable database: nothing completed, nothing printed, no server started")
        func nothingWhereNotCheap() throws {
            let unreachable = try Self.complete(["carelog", "attendance", "record", "--database", "host=/nonexistent dbname=x", "--group", ""])
            #expect(unreachable.status == 0, "\(unreachable)")
            #expect(unreachable.output.trimmingCharacters(in: .whitespacesAndNewlines) == "")
            #expect(unreachable.error == "")

            let home = ScratchFolder.url("home")
            defer { try? FileManager.default.removeItem(at: home) }
            let local = try Self.complete(["carelog", "attendance", "record", "--group", ""], environment: ["CARELOG_HOME": home.path])
            #expect(local.status == 0, "\(local)")
            #expect(local.output.trimmingCharacters(in: .whitespacesAndNewlines) == "")
            #expect(!FileManager.default.fileExists(atPath: home.path), "the local default was not created")
        }
    }
}
