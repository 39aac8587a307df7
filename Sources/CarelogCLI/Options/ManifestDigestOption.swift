import ArgumentParser
import Carelog

/// `--manifest-sha256 H` of `export verify` and `import bundle`: the SHA-256 of
/// manifest.json that the export printed, handed over apart from the bundle.
enum ManifestDigestOption {
    static func validate(_ value: String?) throws {
        if let value, !ExportVerification.isSHA256(value) {
            throw ValidationError("--manifest-sha256 takes the 64 hexadecimal digits the export printed, not \"\(value)\".")
        }
    }
}
