import Foundation

/// The process's standard output or standard error, written with write(2).
///
/// A write can fail: a full disk, a closed pipe, `>/dev/full`. Foundation's
/// `FileHandle.write` turns that into a crash (SIGILL and a backtrace), which after a
/// committed import tells a script the opposite of what happened. Here the first
/// failure is kept, later writes to the stream are dropped, and the command line ends
/// with exit status 1 and one line about it (`CarelogCommand`).
public final class StandardStream: @unchecked Sendable {
    public static let output = StandardStream(descriptor: STDOUT_FILENO, name: "standard output")
    public static let error = StandardStream(descriptor: STDERR_FILENO, name: "standard error")

    private let descriptor: Int32
    private let name: String
    private let lock = NSLock()
    private var firstFailure: String?

    private init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    /// Why the stream failed, as a sentence (`could not write to standard output: No
    /// space left on device`), or nil while every write has succeeded.
    public var failure: String? { lock.withLock { firstFailure } }

    /// Writes all of `text`, retrying short writes and interruptions; after a
    /// failure, does nothing.
    public func write(_ text: String) {
        lock.withLock {
            guard firstFailure == nil else { return }
            var bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { buffer in
                    Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    firstFailure = "could not write to \(name): \(String(cString: strerror(errno)))"
                    return
                }
                offset += written
            }
            bytes.removeAll()
        }
    }
}
