import Dispatch
import Foundation

/// A progress line for work that gives no progress of its own — one SQL statement
/// that runs for seconds (an import's checks, a seed step, an exported table): after
/// `delay` it shows the label and the seconds elapsed, once a second, on the
/// console's progress line (terminals only), and clears it when the work ends. Work
/// shorter than `delay` shows nothing.
final class ProgressTicker: @unchecked Sendable {
    private let console: Console
    private let label: String
    private let delay: Double
    private let queue = DispatchQueue(label: "carelog.progress")
    private var timer: DispatchSourceTimer?
    private var shown = false
    private let started = Date()

    init(console: Console, label: String, delay: Double = 2) {
        self.console = console
        self.label = label
        self.delay = delay
    }

    func start() {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + delay, repeating: 1)
        timer.setEventHandler { [self] in
            shown = true
            console.progress("\(label)… \(Int(Date().timeIntervalSince(started))) s")
        }
        self.timer = timer
        timer.resume()
    }

    /// Stops the ticking; once this returns nothing more is written.
    func stop() {
        queue.sync {
            timer?.cancel()
            timer = nil
            if shown { console.endProgress() }
        }
    }
}

extension Console {
    /// Runs `body`, showing `label` with the time elapsed while it takes longer than
    /// about two seconds (terminals only).
    public func whileWorking<Result>(_ label: String, delay: Double = 2, _ body: () throws -> Result) rethrows -> Result {
        guard showsProgress else { return try body() }
        let ticker = ProgressTicker(console: self, label: label, delay: delay)
        ticker.start()
        defer { ticker.stop() }
        return try body()
    }
}
