@testable import Carelog
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A small shell process beside each test server that stops the server when the test
/// process is gone, however it went: the suite ended without reaching its cleanup, the
/// process was killed (SIGKILL included), the run's time limit stopped it, or `swift
/// test` itself was killed and left it orphaned.
///
/// `pg_ctl start` puts the server in a session of its own, so nothing else takes it
/// down with the test process: without the watchdog a killed run leaves its servers
/// running, with their data folders, until someone stops them by hand.
///
/// The watchdog is started before the server, once `home` exists, in a session of its
/// own (a Ctrl-C to the terminal's process group reaches it not), with every signal a
/// run's end sends ignored. Once a second it looks at the test process (alive, not a
/// zombie, the same process: same start time) and at the folder:
/// - the folder is gone: the test stopped its server and removed it; the watchdog ends;
/// - the test process is gone: `pg_ctl stop -m immediate` for each data folder (SIGKILL
///   of the postmaster if that fails), then the folder is removed;
/// - the test process's parent (`swift test`) is gone: the test process is orphaned and
///   nobody reads what it prints: the watchdog kills it (SIGKILL), then as above.
enum ServerWatchdog {
    /// Watches `home`, which must exist, and the servers of `dataDirectories` (stopped in
    /// that order: a standby before its primary).
    static func start(home: URL, dataDirectories: [URL]) throws {
        let binaries = try ServerBinaries.locate(environment: ProcessInfo.processInfo.environment)
        // pg_ctl refuses to run as root; the servers then run as the postgres account.
        let asServer = geteuid() == 0 ? "/usr/sbin/runuser -u \(LocalCluster.superuser) --" : ""
        let arguments = [String(getpid()), String(getppid()), home.path, binaries.pgCtl.path, asServer]
            + dataDirectories.map(\.path)
        try spawnDetached(["/bin/sh", "-c", script, "carelog-test-watchdog"] + arguments)
    }

    /// Arguments: test pid, its parent's pid, home, pg_ctl, the command prefix that runs
    /// pg_ctl as the server's account (or empty), data folders.
    private static let script = #"""
        trap '' INT TERM HUP QUIT PIPE
        test_pid=$1 parent_pid=$2 home=$3 pg_ctl=$4 as_server=$5
        shift 5
        # /proc/PID/stat after the command's name: state is its 1st field, start time its 20th.
        fields() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null; }
        started() { fields "$1" | cut -d ' ' -f 20; }
        # alive PID START: running, not a zombie, and the same process (same start time).
        alive() {
            set -- "$2" $(fields "$1")
            [ $# -gt 21 ] && [ "$2" != Z ] && [ "${21}" = "$1" ]
        }
        (
            test_start=$(started "$test_pid")
            parent_start=$(started "$parent_pid")
            while [ -d "$home" ]; do
                alive "$test_pid" "$test_start" || break
                if [ "$parent_pid" -gt 1 ] && [ -n "$parent_start" ] && ! alive "$parent_pid" "$parent_start"; then
                    kill -KILL "$test_pid" 2>/dev/null
                    break
                fi
                sleep 1
            done
            [ -d "$home" ] || exit 0
            for data in "$@"; do
                [ -f "$data/postmaster.pid" ] || continue
                if ! $as_server "$pg_ctl" stop -D "$data" -m immediate -w -t 30 >/dev/null 2>&1; then
                    postmaster=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
                    [ -n "$postmaster" ] && kill -KILL "$postmaster" 2>/dev/null
                fi
            done
            rm -rf "$home"
        ) </dev/null >/dev/null 2>&1 &
        """#

    /// Starts `argv` in a session of its own with /dev/null for its standard streams and
    /// none of our other descriptors, and reaps it: the script backgrounds its loop and
    /// returns at once, so the loop is nobody's child and leaves no zombie behind.
    private static func spawnDetached(_ argv: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The test process's output pipe must not be held open by the watchdog: `swift
        // test` reads it to its end.
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let descriptor = Int32(entry), descriptor > 2 {
                _ = fcntl(descriptor, F_SETFD, fcntl(descriptor, F_GETFD) | FD_CLOEXEC)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (glibc's <spawn.h>; Swift does not import the macro).
        posix_spawnattr_setflags(&attributes, 0x80)

        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
        guard spawned == 0 else {
            throw CarelogError(.failure, "could not start the test server's watchdog: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }
}
