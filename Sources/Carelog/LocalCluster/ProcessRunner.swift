import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs the PostgreSQL server programs (initdb, pg_ctl) and collects what they print.
///
/// Uses `posix_spawn` and `waitpid` directly rather than Foundation's `Process`:
/// `pg_ctl start` leaves a server running behind it, and `Process` can wait for
/// descriptors that the server inherited. Output goes to a temporary file rather
/// than a pipe for the same reason: reading a pipe to its end would wait for the
/// server to stop.
struct ProcessRunner {
    struct Outcome {
        var status: Int32
        var output: String
    }

    /// The unprivileged account that runs the server when carelog itself runs as root.
    var serverUser: String?

    func run(_ executable: URL, _ arguments: [String]) throws -> Outcome {
        var argv: [String]
        if let serverUser {
            argv = ["/usr/sbin/runuser", "-u", serverUser, "--", executable.path] + arguments
        } else {
            argv = [executable.path] + arguments
        }
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("carelog-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of ours reaches the child: pg_ctl leaves the server running, and
        // a server holding a descriptor carelog inherited (a pipe its parent watches to
        // see carelog exit, as Foundation's Process does) would keep that parent
        // waiting forever. Every descriptor above 2 is marked close-on-exec first.
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let descriptor = Int32(entry), descriptor > 2 {
                _ = fcntl(descriptor, F_SETFD, fcntl(descriptor, F_GETFD) | FD_CLOEXEC)
            }
        }

        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else {
            throw CarelogError(.failure, "could not run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED/WEXITSTATUS are macros Swift cannot see.
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: exitStatus, output: output)
    }
}
