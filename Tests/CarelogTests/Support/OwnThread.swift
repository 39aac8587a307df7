import Foundation

/// Blocking work off Swift's cooperative thread pool.
///
/// Test functions, and the tasks they start (`Task`, `Task.detached`, task groups,
/// `async let`), run on the cooperative pool, which has one thread per CPU the process
/// may use: two on a two-core machine, one under `taskset -c 0`. A pool thread that
/// blocks (opening or reading a FIFO, a libpq call, `waitpid`, a semaphore, `sleep`) is
/// lost to every test until the call returns. When that call waits for another task,
/// the other task may never get a thread, and the run hangs at 0 % CPU.
///
/// The rule: a test never blocks on the pool for something another task (or another
/// thread's progress) must provide. Such work runs on threads of its own: `run` moves a
/// test's blocking body to one and suspends the test until it ends; `BackgroundThread`
/// starts work that runs beside it and is joined later, from such a thread.
enum OwnThread {
    /// Runs `body` on a new thread and suspends (never blocks) the calling task until it
    /// returns. When the task is cancelled (a time limit ran out) it resumes at once with
    /// `CancellationError`, and the thread is left to end on its own.
    static func run<Value: Sendable>(
        _ name: String = "carelog-test", _ body: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        let resumption = Resumption<Value>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                resumption.wait(continuation)
                let thread = Thread { resumption.resume(with: Result { try body() }) }
                thread.name = name
                thread.start()
            }
        } onCancel: {
            resumption.resume(with: .failure(CancellationError()))
        }
    }

    /// Runs every body on a thread of its own, all at once, and suspends the calling task
    /// until all have ended; throws the first error, after all have ended.
    static func runAll(_ name: String = "carelog-test", _ bodies: [@Sendable () throws -> Void]) async throws {
        try await run(name) {
            let threads = bodies.enumerated().map { index, body in BackgroundThread("\(name)-\(index)", body) }
            var firstError: Error?
            for thread in threads {
                do { try thread.join() } catch { firstError = firstError ?? error }
            }
            if let firstError { throw firstError }
        }
    }

    /// Resumes a continuation once: with the body's result, or with the cancellation
    /// that came first (even before the continuation was handed over).
    private final class Resumption<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Value, Error>?
        private var early: Result<Value, Error>?
        private var done = false

        func wait(_ continuation: CheckedContinuation<Value, Error>) {
            lock.lock()
            if let early {
                done = true
                lock.unlock()
                continuation.resume(with: early)
                return
            }
            self.continuation = continuation
            lock.unlock()
        }

        func resume(with result: Result<Value, Error>) {
            lock.lock()
            guard !done else { lock.unlock(); return }
            guard let continuation else {
                early = early ?? result
                lock.unlock()
                return
            }
            done = true
            self.continuation = nil
            lock.unlock()
            continuation.resume(with: result)
        }
    }
}

/// Work started on a thread of its own now and joined later. `join` blocks: call it
/// from a thread that may block (a body given to `OwnThread.run`), never from a test
/// function or a task.
final class BackgroundThread<Value: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var result: Result<Value, Error>?

    init(_ name: String, _ body: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            result = Result { try body() }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Waits for the body to end (at most `timeout` seconds) and returns what it returned.
    func join(timeout: TimeInterval = 600) throws -> Value {
        guard finished.wait(timeout: .now() + timeout) == .success else {
            throw StillRunning(seconds: timeout)
        }
        finished.signal()  // a second join returns at once
        return try result!.get()
    }

    struct StillRunning: Error, CustomStringConvertible {
        var seconds: TimeInterval
        var description: String { "a background thread of the test was still running after \(Int(seconds)) s" }
    }
}
