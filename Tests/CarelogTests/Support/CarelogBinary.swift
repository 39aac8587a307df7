import Foundation
import Testing

/// Runs the built `carelog` executable, as a person or a script would: arguments,
/// environment and standard input in; exit status, standard output and standard
/// error out. What the library tests cannot see (argument parsing, exit codes, what
/// reaches the terminal) is checked through it.
///
/// The binary is the one `swift build --build-tests` puts next to the test bundle.
/// Every run gets a clean environment: no CARELOG_DATABASE, PG* or pseudonym key from
/// the engineer's shell, and CARELOG_HOME and HOME in a temporary folder of their
/// own, so that a run can never start or touch a real local default database.
struct CarelogBinary {
    /// Where a standard stream of the child goes.
    enum Sink {
        /// Kept and returned in the result.
        case capture
        /// `/dev/full`: every write fails with ENOSPC.
        case full
        /// A pipe whose reading end is closed before the child starts (`carelog … | head`
        /// after head has quit): a write fails with EPIPE, or SIGPIPE kills the child.
        case closedPipe
    }

    struct Result: CustomStringConvertible {
        var status: Int32
        /// True when the child ended by a signal (`status` is then the signal number).
        var signalled: Bool
        var output: String
        var error: String

        var outputLines: [String] { output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        var errorLines: [String] { error.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

        var description: String {
            "exit \(signalled ? "by signal " : "")\(status)\n--- stdout\n\(output)--- stderr\n\(error)"
        }
    }

    /// The executable next to the test bundle, or an error that says how to build it.
    static var executable: URL {
        get throws {
            let folder = Bundle.main.executableURL?.deletingLastPathComponent()
                ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("carelog") }
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw BinaryMissing(looked: candidates.map(\.path))
            }
            return found
        }
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var looked: [String]
        var description: String {
            "the carelog executable is not built (looked for \(looked.joined(separator: " and "))): run `swift build --build-tests` first"
        }
    }

    /// Runs `carelog ARGUMENTS…` and waits for it (at most `timeout` seconds, then it
    /// is killed and the test fails).
    ///
    /// - Parameters:
    ///   - environment: added to the clean environment (CARELOG_DATABASE, keys…).
    ///   - input: standard input; nil is /dev/null.
    ///   - umask: the child's umask (octal text such as "000"), set by a shell that then
    ///     runs carelog in its place; nil leaves the test process's own.
    ///   - directory: the working directory; nil is a fresh folder of the run's own.
    ///   - fileSizeLimit: the largest file the child may write, in bytes (`prlimit
    ///     --fsize`): a write past it fails with EFBIG, as a full disk fails a write, at
    ///     a byte the test chooses, because carelog ignores SIGXFSZ itself (the signal's
    ///     default would kill it, exit 153). Captured standard streams count too.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], input: String? = nil, directory: URL? = nil,
        output: Sink = .capture, error: Sink = .capture, timeout: TimeInterval = 120, umask: String? = nil,
        fileSizeLimit: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Result {
        let scratch = ScratchFolder.url("binary")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let process = Process()
        if umask != nil || fileSizeLimit != nil {
            var script = umask.map { "umask \($0) && " } ?? ""
            if let fileSizeLimit {
                script += "exec prlimit --fsize=\(fileSizeLimit) -- \"$0\" \"$@\""
            } else {
                script += "exec \"$0\" \"$@\""
            }
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script, try executable.path] + arguments
        } else {
            process.executableURL = try executable
            process.arguments = arguments
        }
        var childEnvironment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": scratch.path,
            "CARELOG_HOME": scratch.appendingPathComponent("carelog-home").path,
            "LANG": "C.UTF-8",
        ]
        childEnvironment.merge(environment) { _, new in new }
        process.environment = childEnvironment
        process.currentDirectoryURL = directory ?? scratch

        if let input {
            let inputFile = scratch.appendingPathComponent("stdin")
            try Data(input.utf8).write(to: inputFile)
            process.standardInput = try FileHandle(forReadingFrom: inputFile)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        // Files rather than pipes: nothing to drain while the child runs, so a
        // chatty child can never block on a full pipe.
        func handle(_ sink: Sink, _ name: String) throws -> (FileHandle, URL?) {
            switch sink {
            case .capture:
                let url = scratch.appendingPathComponent(name)
                _ = FileManager.default.createFile(atPath: url.path, contents: nil)
                return (try FileHandle(forWritingTo: url), url)
            case .full:
                return (try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full")), nil)
            case .closedPipe:
                let pipe = Pipe()
                try pipe.fileHandleForReading.close()
                return (pipe.fileHandleForWriting, nil)
            }
        }
        let (outputHandle, outputURL) = try handle(output, "stdout")
        let (errorHandle, errorURL) = try handle(error, "stderr")
        process.standardOutput = outputHandle
        process.standardError = errorHandle

        try process.run()
        // Waited for on a thread of its own, not on a queue shared with other work.
        let finished = DispatchSemaphore(value: 0)
        let child = process
        let waiter = Thread {
            child.waitUntilExit()
            finished.signal()
        }
        waiter.name = "carelog-binary-wait"
        waiter.start()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            process.waitUntilExit()
            Issue.record("carelog \(arguments.joined(separator: " ")) ran longer than \(Int(timeout)) s and was stopped",
                         sourceLocation: sourceLocation)
        }
        try outputHandle.close()
        try errorHandle.close()
        func read(_ url: URL?) throws -> String {
            guard let url else { return "" }
            return String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
        return Result(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            output: try read(outputURL), error: try read(errorURL))
    }
}

extension TestDatabase {
    /// `--database CONNINFO` for this test's own database.
    var databaseArguments: [String] { ["--database", connectionString] }
}
