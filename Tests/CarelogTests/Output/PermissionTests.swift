import Foundation
import Testing

@testable import Carelog

/// Patient data on disk is its owner's alone (docs/audit.md): every file carelog writes is
/// 0600 and every folder 0700 whatever the umask, and so are `$CARELOG_HOME` and the
/// local server's log. Run through the binary under umask 000, where any mode left to
/// the umask would come out world-readable and writable.
func permissions(_ path: String) -> Int {
    var info = stat()
    guard stat(path, &info) == 0 else { return -1 }
    return Int(info.st_mode & 0o7777)
}

/// Every entry under a folder (the folder included) with its mode.
func modes(under folder: URL) throws -> [String: Int] {
    var result = [folder.lastPathComponent: permissions(folder.path)]
    for name in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
        result[folder.lastPathComponent + "/" + name] = permissions(folder.appendingPathComponent(name).path)
    }
    return result
}

extension DatabaseTests {
    @Suite("files with patient data are private, whatever the umask")
    struct PermissionTests {
        @Test("report --out, report monthly, export: files 0600, folders 0700 under umask 000")
        func outputs() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = ScratchFolder.url("modes")
            defer { try? FileManager.default.removeItem(at: folder) }
            let report = folder.appendingPathComponent("new-folder/plan-status.csv")
            let bundle = folder.appendingPathComponent("bundle")
            let export = folder.appendingPathComponent("export")
            for arguments in [
                ["report", "plan-status", "--month", "2026-10", "--format", "csv", "--out", report.path],
                ["report", "monthly", "--month", "2026-10", "--out", bundle.path],
                ["export", "--from", "2026-10-01", "--to", "2026-10-31", "--out", export.path],
            ] {
                let result = try CarelogBinary.run(arguments + database.databaseArguments, umask: "000")
                #expect(result.status == 0, "\(result)")
            }
            #expect(permissions(report.path) == 0o600)
            #expect(permissions(report.deletingLastPathComponent().path) == 0o700, "a folder --out created")
            let bundleModes = try modes(under: bundle)
            #expect(bundleModes.count == 1 + 25)  // the folder; 11 CSV, 11 xlsx, summary.txt, summary.html, manifest
            let exportModes = try modes(under: export)
            #expect(exportModes.count == 1 + 49)  // the folder; 24 CSV, 24 xlsx, manifest
            for (name, mode) in bundleModes.merging(exportModes, uniquingKeysWith: { a, _ in a }) {
                #expect(mode == (name.contains("/") ? 0o600 : 0o700), "\(name) is \(String(mode, radix: 8))")
            }
        }

        @Test("the local default: $CARELOG_HOME 0700, the server log 0600, also when an older run left them open")
        func localCluster() throws {
            let folder = URL(fileURLWithPath: "/tmp/carelog-home-\(UUID().uuidString.prefix(8))")
            let home = folder.appendingPathComponent("home")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            chmod(home.path, 0o755)
            FileManager.default.createFile(atPath: home.appendingPathComponent("postgresql.log").path, contents: nil)
            chmod(home.appendingPathComponent("postgresql.log").path, 0o644)
            defer {
                _ = try? CarelogBinary.run(["local", "stop"], environment: ["CARELOG_HOME": home.path])
                try? FileManager.default.removeItem(at: folder)
            }
            let started = try CarelogBinary.run(["local", "start"], environment: ["CARELOG_HOME": home.path], umask: "000")
            #expect(started.status == 0, "\(started)")
            #expect(permissions(home.path) == 0o700)
            #expect(permissions(home.appendingPathComponent("postgresql.log").path) == 0o600)
            #expect(permissions(home.appendingPathComponent("run").path) == 0o700)
            #expect(permissions(home.appendingPathComponent("pgdata").path) == 0o700)
            // The log is written to (the server started), and stays private.
            let log = try Data(contentsOf: home.appendingPathComponent("postgresql.log"))
            #expect(!log.isEmpty)
        }
    }
}
