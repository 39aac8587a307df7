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
}
