import Carelog
import Foundation
import Testing

/// Progress for work that says nothing while it runs: shown after a delay, on a
/// terminal only, cleared at the end.
@Suite("progress of long steps")
struct ProgressTickerTests {
    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ more: String) { lock.withLock { text += more } }
        var value: String { lock.withLock { text } }
    }

    @Test("work longer than the delay shows its label and seconds, then clears the line")
    func ticks() throws {
        let captured = Captured()
        let console = Console(showsProgress: true, output: { _ in }, diagnostic: { captured.append($0) })
        let result = console.whileWorking("checking 20 attendance records", delay: 0.2) { () -> Int in
            Thread.sleep(forTimeInterval: 1.5)
            return 7
        }
        #expect(result == 7)
        let text = captured.value
        #expect(text.hasPrefix("\r\u{1B}[Kchecking 20 attendance records… 0 s"))
        #expect(text.contains("\r\u{1B}[Kchecking 20 attendance records… 1 s"))
        #expect(text.hasSuffix("\r\u{1B}[K"))
    }

    @Test("short work, or standard error not a terminal, shows nothing")
    func silent() throws {
        let captured = Captured()
        let terminal = Console(showsProgress: true, output: { _ in }, diagnostic: { captured.append($0) })
        terminal.whileWorking("quick") { Thread.sleep(forTimeInterval: 0.05) }
        let notTerminal = Console(showsProgress: false, output: { _ in }, diagnostic: { captured.append($0) })
        notTerminal.whileWorking("slow", delay: 0.05) { Thread.sleep(forTimeInterval: 0.5) }
        #expect(captured.value == "")
    }

    @Test("an error ends the progress line too")
    func error() throws {
        struct Failure: Error {}
        let captured = Captured()
        let console = Console(showsProgress: true, output: { _ in }, diagnostic: { captured.append($0) })
        #expect(throws: Failure.self) {
            try console.whileWorking("failing", delay: 0.1) { Thread.sleep(forTimeInterval: 0.4); throw Failure() }
        }
        #expect(captured.value.hasSuffix("\r\u{1B}[K"))
        let settled = captured.value
        Thread.sleep(forTimeInterval: 1.2)
        #expect(captured.value == settled, "nothing is written after the work ended")
    }
}
