import Foundation

/// A folder of one test's own under the temporary directory, `carelog-NAME-XXXXXXXX`:
/// the one place a test names where its files go (the caller removes it).
enum ScratchFolder {
    /// The folder's URL, not created (for a command that must create it itself).
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("carelog-\(name)-\(UUID().uuidString.prefix(8))")
    }

    /// The folder, created.
    static func create(_ name: String) throws -> URL {
        let folder = url(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
