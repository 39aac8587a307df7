import Foundation
import Testing

/// The helper that keeps blocking work off the cooperative pool (docs/testing.md).
@Suite("blocking work on threads of its own")
struct OwnThreadTests {
    @Test("bodies that wait for one another all end, however few threads the pool has")
    func waitForOneAnother() async throws {
        let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
        try await OwnThread.runAll("handshake", [
            { first.signal(); #expect(second.wait(timeout: .now() + 30) == .success) },
            { second.signal(); #expect(first.wait(timeout: .now() + 30) == .success) },
        ])
    }

    @Test("the first error of runAll is thrown once every body has ended")
    func firstError() async throws {
        struct Failure: Error {}
        let ended = Counter()
        await #expect(throws: Failure.self) {
            try await OwnThread.runAll("failing", [
                { ended.add(); throw Failure() },
                { Thread.sleep(forTimeInterval: 0.2); ended.add() },
            ])
        }
        #expect(ended.value == 2)
    }

    @Test("a cancelled wait ends while its thread is still blocked; the thread is left to end on its own")
    func cancellation() async throws {
        // No bound on time: on a busy one-CPU run the cancelled task may wait minutes for a
        // pool thread to resume it. What counts is that it resumed while the body was still
        // blocked (a wait that needed the body to end would hang here, and the run's limit
        // would name this test).
        let release = DispatchSemaphore(value: 0)
        let bodyEnded = Counter()
        let waiting = Task { try await OwnThread.run("blocked") { release.wait(); bodyEnded.add() } }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(bodyEnded.value == 0)
        release.signal()
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }
}
