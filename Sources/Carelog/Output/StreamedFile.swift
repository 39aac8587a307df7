import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written through a 1 MiB buffer while its SHA-256 is computed on the way.
final class StreamedFile {
    let path: String
    private var descriptor: Int32
    private var hasher = SHA256()
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private(set) var byteCount = 0

    static let bufferSize = 1 << 20

    init(path: String) throws {
        self.path = path
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        } while descriptor == -1 && errno == EINTR
        guard descriptor >= 0 else {
            throw CarelogError(.failure, "cannot create \(path): \(String(cString: strerror(errno)))",
                               suggestion: "Check that you can write to that folder.")
        }
        self.descriptor = descriptor
        buffer = .allocate(byteCount: Self.bufferSize, alignment: 16)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        buffer.deallocate()
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            if used == 0 && rest.count >= buffer.count {
                // A piece larger than the buffer goes straight through.
                try flush(rest)
                return
            }
            let taken = min(buffer.count - used, rest.count)
            UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + taken)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: rest[0..<taken]))
            used += taken
            rest = UnsafeRawBufferPointer(rebasing: rest[taken...])
            if used == buffer.count {
                try flush(UnsafeRawBufferPointer(buffer))
                used = 0
            }
        }
    }

    /// Writes what is buffered, closes the file and returns its hex SHA-256.
    func finish() throws -> String {
        if used > 0 {
            try flush(UnsafeRawBufferPointer(rebasing: buffer[0..<used]))
            used = 0
        }
        let result = close(descriptor)
        descriptor = -1
        guard result == 0 else {
            throw CarelogError(.failure, "could not write \(path): \(String(cString: strerror(errno)))")
        }
        return Digest.hex(hasher.finalize())
    }

    private func flush(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bufferPointer: bytes)
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw CarelogError(.failure, "could not write \(path): \(String(cString: strerror(errno)))",
                                   suggestion: "Check that the disk is not full.")
            }
            offset += count
        }
        byteCount += bytes.count
    }
}
