#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the CSV text comes from.
public enum CSVInput: Sendable {
    case file(path: String)
    case standardInput
    /// Text already in memory; mostly for tests, and read in chunks like the others
    /// so that it takes the same path through the reader.
    case bytes([UInt8])
}

/// Delivers the input in chunks with `read(2)`, so memory use does not grow with
/// the file, and owns (and closes) the file descriptor of an opened file.
final class ByteSource {
    private enum Origin {
        case descriptor(Int32, closeWhenDone: Bool)
        case memory([UInt8], position: Int)
    }

    private var origin: Origin
    /// How the input is named in error messages.
    let name: String
    /// Known for regular files and in-memory input; `nil` for pipes and terminals.
    let totalBytes: Int?
    private(set) var bytesRead = 0

    init(_ input: CSVInput) throws {
        switch input {
        case .bytes(let bytes):
            origin = .memory(bytes, position: 0)
            name = "the CSV text"
            totalBytes = bytes.count
        case .standardInput:
            origin = .descriptor(0, closeWhenDone: false)
            name = "standard input"
            totalBytes = ByteSource.regularFileSize(0)
        case .file(let path):
            var descriptor: Int32
            repeat {
                descriptor = open(path, O_RDONLY | O_CLOEXEC)
            } while descriptor == -1 && errno == EINTR
            guard descriptor >= 0 else {
                let code = errno
                throw CarelogError(
                    .failure, "cannot open \(path): \(ByteSource.describe(code))",
                    suggestion: ByteSource.suggestion(opening: code))
            }
            var status = stat()
            if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                close(descriptor)
                throw CarelogError(
                    .failure, "cannot open \(path): it is a directory", suggestion: "Name a CSV file instead.")
            }
            origin = .descriptor(descriptor, closeWhenDone: true)
            name = path
            totalBytes = ByteSource.regularFileSize(descriptor)
            #if os(Linux)
            // Doubles the kernel's read-ahead: the file is read once, front to back.
            _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
            #endif
        }
    }

    deinit {
        if case .descriptor(let descriptor, closeWhenDone: true) = origin {
            close(descriptor)
        }
    }

    /// Fills the start of `buffer` with the next bytes and says how many; 0 means the
    /// input is exhausted. May return fewer bytes than fit (pipes do).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let address = buffer.baseAddress, buffer.count > 0 else { return 0 }
        switch origin {
        case .memory(let bytes, let position):
            let count = min(buffer.count, bytes.count - position)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBytes { source in
                address.copyMemory(from: source.baseAddress! + position, byteCount: count)
            }
            origin = .memory(bytes, position: position + count)
            bytesRead += count
            return count
        case .descriptor(let descriptor, _):
            while true {
                let count = systemRead(descriptor, address, buffer.count)
                if count >= 0 {
                    bytesRead += count
                    return count
                }
                let code = errno
                if code == EINTR { continue }
                throw CarelogError(.failure, "cannot read \(name): \(ByteSource.describe(code))")
            }
        }
    }

    private static func regularFileSize(_ descriptor: Int32) -> Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    private static func suggestion(opening code: Int32) -> String? {
        switch code {
        case ENOENT, ENOTDIR: "Check the file name, and the directory it is relative to."
        case EACCES, EPERM: "Check that your account may read the file."
        default: nil
        }
    }
}

/// `read(2)`, named apart from `ByteSource.read(into:)` so that the call inside it
/// cannot be taken for a recursive one.
@inline(__always)
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
