import Crypto
import Foundation

/// The inner and outer pads of HMAC-SHA-256 (RFC 2104) for a key, so that the
/// server can compute HMAC(K, m) = SHA-256((K' ⊕ opad) ‖ SHA-256((K' ⊕ ipad) ‖ m))
/// with its own sha256(). K' is the key zero-padded to SHA-256's 64-byte block,
/// after hashing it first when it is longer than that (as HMAC prescribes).
struct HMACPads: Sendable {
    let inner: [UInt8]
    let outer: [UInt8]

    init(key: Data) {
        var block = key.count > 64 ? Array(SHA256.hash(data: key)) : Array(key)
        block += [UInt8](repeating: 0, count: 64 - block.count)
        inner = block.map { $0 ^ 0x36 }
        outer = block.map { $0 ^ 0x5C }
    }

    var innerHex: String { Digest.hex(inner) }
    var outerHex: String { Digest.hex(outer) }
}
