import Foundation
import Testing

@testable import Carelog

/// Workbooks on a disk that fills up: the write that fails, wherever it falls, ends the
/// command with status 1, publishes nothing and leaves nothing behind; a command killed
/// in the middle leaves its worksheets only inside a folder its owner alone reads.
/// The disk fills at a byte the test chooses: the child runs under a file-size limit
/// (`CarelogBinary.run(fileSizeLimit:)`), past which a write fails as on a full disk.
extension DatabaseTests {
    @Suite("spreadsheet: workbooks on a full disk")
    struct WorkbookDiskFailureTests {
        private func folder() throws -> URL {
            let url = ScratchFolder.url("xlsx-full")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }

        private func runLogCount(_ database: TestDatabase) throws -> Int {
            let connection = try database.connect()
            defer { connection.close() }
            return try connection.count("carelog.run_log")
        }

        private static let report = ["report", "patient-participation", "--month", "2026-10", "--format", "xlsx"]
        /// A month without sessions: a worksheet of its header alone, smaller than the workbook.
        private static let emptyReport = ["report", "patient-participation", "--month", "2026-01", "--format", "xlsx"]

        @Test("a workbook whose last bytes do not reach the disk is not published: status 1, no file, no run-log row")
        func lastBytesLost() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = try folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let whole = folder.appendingPathComponent("whole.xlsx")
            let written = try CarelogBinary.run(Self.emptyReport + ["--out", whole.path] + database.databaseArguments)
            #expect(written.status == 0, "\(written)")
            let size = try #require(try FileManager.default.attributesOfItem(atPath: whole.path)[.size] as? Int)
            let sheetSize = try #require(try WorkbookContents(whole)["xl/worksheets/sheet1.xml"]?.utf8.count)
            // The disk fills one byte before the end of the workbook: every other file
            // (the worksheet written first, standard error) is smaller.
            try #require(sheetSize < size - 1)
            let logged = try runLogCount(database)

            let cut = folder.appendingPathComponent("cut.xlsx")
            let failed = try CarelogBinary.run(Self.emptyReport + ["--out", cut.path] + database.databaseArguments, fileSizeLimit: size - 1)
            #expect(!failed.signalled, "\(failed)")
            #expect(failed.status == 1, "\(failed)")
            #expect(failed.error.contains("carelog: error: could not write "), "\(failed)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["whole.xlsx"])
            #expect(try runLogCount(database) == logged)
        }

        @Test("a disk full while the worksheet is written: status 1, nothing left beside the output")
        func fullWhileWriting() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = try folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let whole = folder.appendingPathComponent("whole.xlsx")
            let written = try CarelogBinary.run(Self.report + ["--out", whole.path] + database.databaseArguments)
            #expect(written.status == 0, "\(written)")
            let sheetSize = try #require(try WorkbookContents(whole)["xl/worksheets/sheet1.xml"]?.utf8.count)
            try #require(sheetSize > 2_048)

            let failed = try CarelogBinary.run(
                Self.report + ["--out", folder.appendingPathComponent("full.xlsx").path] + database.databaseArguments,
                umask: "000", fileSizeLimit: 1_024)
            #expect(!failed.signalled, "\(failed)")
            #expect(failed.status == 1, "\(failed)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["whole.xlsx"])

        }

        @Test("the worksheets of a single workbook are kept in a 0700 folder named after it, removed with the output")
        func scratchFolder() throws {
            let folder = try folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            var output: StagedOutput? = try StagedOutput(folder.appendingPathComponent("p.xlsx"), shape: .file, replacing: true)
            let scratch = try output!.scratch()
            #expect(try output!.scratch() == scratch)
            #expect(scratch.deletingLastPathComponent().standardizedFileURL.path == folder.standardizedFileURL.path)
            #expect(scratch.lastPathComponent.hasPrefix(".p.xlsx.carelog-partial-"))
            #expect(try FileManager.default.attributesOfItem(atPath: scratch.path)[.posixPermissions] as? Int == 0o700)
            output = nil
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
        }

        @Test("a monthly bundle and an export on a full disk: status 1, no folder, nothing beside it, no run-log row")
        func bundlesOnFullDisk() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = try folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let logged = try runLogCount(database)
            for limit in [1_024, 6_000] {
                for command in [
                    ["report", "monthly", "--month", "2026-10", "--out", folder.appendingPathComponent("bundle").path],
                    ["export", "--from", "2026-10-01", "--to", "2026-10-31", "--out", folder.appendingPathComponent("export").path],
                ] {
                    let failed = try CarelogBinary.run(command + database.databaseArguments, fileSizeLimit: limit)
                    #expect(!failed.signalled, "\(failed)")
                    #expect(failed.status == 1, "\(limit) \(command[0]): \(failed)")
                    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [], "\(limit) \(command[0])")
                }
            }
            #expect(try runLogCount(database) == logged)
        }
    }
}
