import Crypto
import Foundation

/// SHA-256 as carelog records it everywhere (migration checksums, manifests, export
/// files): lowercase hex. One helper, so every place that writes or compares a
/// digest writes it the same way.
public enum Digest {
    /// SHA-256 of `data`, lowercase hex.
    public static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// SHA-256 of the UTF-8 bytes of `text`, lowercase hex.
    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Data(text.utf8))
    }

    /// Bytes as lowercase hex.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Hex SHA-256 of a file, read in 1 MiB pieces.
    public static func sha256Hex(ofFile url: URL) throws -> String {
        var descriptor: Int32
        repeat {
            descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        } while descriptor == -1 && errno == EINTR
        guard descriptor >= 0 else {
            throw CarelogError(.failure, "cannot open \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let count = read(descriptor, buffer.baseAddress!, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw CarelogError(.failure, "cannot read \(url.path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hex(hasher.finalize())
    }
}
