import Foundation
import Testing

/// `scripts/install`: carelog on PATH after the demo, and the advice when the folder is
/// not on PATH. Run with `--binary` (the executable this suite runs), so that nothing is
/// built while the tests run.
@Suite("scripts/install")
struct InstallScriptTests {
    /// Runs `scripts/install ARGUMENTS` with PREFIX and PATH as given.
    static func install(_ arguments: [String], prefix: URL, path: String) async throws -> ChildProcess.Run {
        try await ChildProcess.run("/bin/bash", [ChildProcess.root.appendingPathComponent("scripts/install").path] + arguments,
                                   environment: ["PATH": path, "PREFIX": prefix.path, "HOME": prefix.deletingLastPathComponent().path,
                                                 "LANG": "C.UTF-8"])
    }

    static func scratch() throws -> URL {
        try ScratchFolder.create("install")
    }

    @Test("installs PREFIX/bin/carelog (0755) and, when PREFIX/bin is not on PATH, says how to add it")
    func notOnPath() async throws {
        let scratch = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let prefix = scratch.appendingPathComponent("prefix")
        let bin = prefix.appendingPathComponent("bin").path
        let run = try await Self.install(["--binary", try CarelogBinary.executable.path], prefix: prefix, path: "/usr/bin:/bin")
        #expect(run.status == 0, "\(run)")
        #expect(run.output == """
            installed \(bin)/carelog
            \(bin) is not on your PATH: `carelog` is not found until it is. Add it (bash):
              echo 'export PATH="\(bin):$PATH"' >> ~/.bashrc && export PATH="\(bin):$PATH"
            (man carelog then finds the page too; until then: \(bin)/carelog)

            """)
        #expect(run.error == "")
        let attributes = try FileManager.default.attributesOfItem(atPath: bin + "/carelog")
        #expect((attributes[.posixPermissions] as? Int) == 0o755)
        #expect(FileManager.default.contentsEqual(atPath: bin + "/carelog", andPath: try CarelogBinary.executable.path))
    }

    @Test("with PREFIX/bin on PATH it says only what it installed; a second install replaces the first")
    func onPath() async throws {
        let scratch = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let prefix = scratch.appendingPathComponent("prefix")
        let bin = prefix.appendingPathComponent("bin").path
        let run = try await Self.install(["--binary", try CarelogBinary.executable.path], prefix: prefix, path: "\(bin):/usr/bin:/bin")
        #expect(run.status == 0, "\(run)")
        #expect(run.output == "installed \(bin)/carelog\n")
        // A second install replaces the first.
        let again = try await Self.install(["--binary", try CarelogBinary.executable.path], prefix: prefix, path: "\(bin):/usr/bin:/bin")
        #expect(again.status == 0 && again.output == "installed \(bin)/carelog\n", "\(again)")
    }

    @Test("an unknown option is refused with the options it takes (exit 2)")
    func unknownOption() async throws {
        let scratch = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = try await Self.install(["--prefix", "/tmp"], prefix: scratch.appendingPathComponent("prefix"), path: "/usr/bin:/bin")
        #expect(run.status == 2)
        #expect(run.error == "install: unknown option --prefix (--debug, --release, --binary FILE, --no-man)\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("prefix").path))
    }
}
