import Foundation

/// A program other than carelog (a script of scripts/, psql) run to its end from a test,
/// its standard output and error captured in files: the test suspends until the child
/// ends (the process's termination handler resumes it) rather than holding a thread of
/// the cooperative pool. `CarelogBinary` is the same for the carelog executable.
enum ChildProcess {
    /// The repository's root folder (where scripts/ is).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Run: CustomStringConvertible, Sendable {
        /// The exit status; -1 when the child could not be started.
        var status: Int32
        var output: String
        var error: String
        var description: String { "exit \(status)\n--- stdout\n\(output)--- stderr\n\(error)" }
    }

    /// Runs `executable ARGUMENTS` with exactly `environment`, standard input /dev/null,
    /// in `directory` (nil: the repository's root).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    directory: URL? = nil) async throws -> Run {
        let scratch = try ScratchFolder.create("child")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("out")
        let errorURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory ?? root
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume()
            }
        }
        try output.close()
        try error.close()
        return Run(status: process.isRunning ? -1 : process.terminationStatus,
                   output: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
                   error: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }
}
