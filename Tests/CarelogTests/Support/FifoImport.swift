import Carelog
import Foundation
import Postgres

#if canImport(Glibc)
import Glibc
#endif

/// `import assessments` reading a FIFO, on a thread of its own, that the test feeds
/// through the FIFO's write end: the test decides when the server's COPY gets more
/// data, so it can act while the COPY waits (end its backend, drop databases).
///
/// Every method blocks (the FIFO, the import, libpq): call them from a body given to
/// `OwnThread.run` or from a `BackgroundThread`, never on the cooperative pool. The
/// import reads the FIFO only as fast as it is written, and its backend in `COPY … FROM
/// STDIN` answers no ProcSignalBarrier meanwhile: every `DROP DATABASE` on the server
/// waits for it. A writer that needs a pool thread to go on can then wait forever.
final class FifoImport: @unchecked Sendable {
    let path: String
    private let importer: BackgroundThread<Error?>
    private var writer: Int32 = -1

    static let header = "mrn,instrument,administered_on,score\n"
    /// 2000 assessment rows, about 54 kB: less than a pipe holds.
    static let rows = (1...2000).map { "00912,BAM,\(String(format: "2025-%02d-%02d", $0 % 12 + 1, $0 % 28 + 1)),3\n" }.joined()

    /// Makes the FIFO, starts the import on it and opens the write end (within 60 s, or
    /// it throws: an import that never opens its input must not leave the test waiting).
    init(target: DatabaseTarget) throws {
        path = "/tmp/carelog-fifo-\(UUID().uuidString.prefix(8))"
        guard mkfifo(path, 0o600) == 0 else {
            throw CarelogError(.failure, "mkfifo \(path): \(String(cString: strerror(errno)))")
        }
        let path = path
        importer = BackgroundThread("carelog-test-import") { () -> Error? in
            let (console, _) = Console.recording()
            do {
                try ImportOperation.run(
                    target: target, kind: "assessments", input: .file(path: path), dryRun: false, actingStaff: nil, console: console)
                return nil
            } catch { return error }
        }
        // O_NONBLOCK: opening the write end fails (ENXIO) until the import has opened
        // the read end, rather than waiting for it with no limit.
        let deadline = Date().addingTimeInterval(60)
        while true {
            let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if descriptor >= 0 {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
                writer = descriptor
                break
            }
            guard errno == ENXIO, Date() < deadline else {
                unlink(path)
                throw CarelogError(.failure, "the import did not open \(path) within 60 s")
            }
            usleep(10_000)
        }
    }

    /// Writes `text` to the import; false when the import no longer reads (it ended).
    /// SIGPIPE is blocked on the calling thread, so a write without a reader fails
    /// with EPIPE instead of ending the test process.
    @discardableResult
    func write(_ text: String) -> Bool {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(writer, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            bytes = bytes.dropFirst(written)
        }
        return true
    }

    /// Waits (at most 30 s) until the import's COPY runs on the server, and returns the
    /// pid of its backend.
    func copyBackend(_ monitor: Connection) throws -> Int {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let pid = try monitor.scalar("""
                SELECT pid::text FROM pg_stat_activity
                 WHERE datname = current_database() AND query LIKE 'COPY import_staging%' AND state = 'active'
                """), let backend = Int(pid) {
                return backend
            }
            usleep(10_000)
        }
        throw CarelogError(.failure, "the import's COPY did not start within 30 s")
    }

    /// Closes the write end (the import reads its end of file), waits for the import
    /// (at most 120 s) and returns the error it ended with, if any.
    func finish() throws -> Error? {
        if writer >= 0 {
            close(writer)
            writer = -1
        }
        defer { unlink(path) }
        return try importer.join(timeout: 120)
    }

    deinit {
        if writer >= 0 { close(writer) }
        unlink(path)
    }
}
