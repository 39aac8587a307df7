import Foundation
import Postgres

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file or a folder of files that appears at its path whole or not at all, and
/// only together with the database record of the run that made it.
///
/// Everything is written first under a hidden name beside the target (same folder,
/// so same file system: a rename is atomic), readable by its owner only (0600 files,
/// 0700 folders) whatever the umask, because what carelog writes holds patient data.
/// `publish(recording:on:)` then records the run (and any disclosure) and, once that
/// transaction has committed, renames the output into place: a bundle at its final
/// path always has its record, even when the process is killed between the two
/// steps (the output then stays under its hidden name, never published, and the
/// record says more left than did, which errs on the side of the patient).
///
/// A folder that already exists is replaced only when asked (`replacing`), and only
/// when it holds a carelog bundle: the old one is moved aside, the new one renamed
/// in, and the old one removed once the run is recorded, so a reader sees the old
/// bundle or the new one, never a mix.
final class StagedOutput {
    enum Shape { case file, folder }

    let target: URL
    let staging: URL
    let shape: Shape
    private var backup: URL?
    private var scratchFolder: URL?
    private var isPublished = false

    /// Checks the target before anything is computed, and creates the staging file
    /// or folder. A refusal here has touched nothing.
    ///
    /// - Parameters:
    ///   - replacing: an existing bundle folder may be replaced (`--replace`). A
    ///     single file is always replaced atomically, as `-o` does for any tool.
    ///   - option: the option that named the target, for messages (`--out`).
    init(_ target: URL, shape: Shape, replacing: Bool, option: String = "--out") throws {
        self.target = target.standardizedFileURL
        self.shape = shape
        let manager = FileManager.default
        // A symbolic link is refused, not replaced: the rename would put patient data
        // where the link was and silently drop the link (or, followed, write wherever
        // it points).
        var status = stat()
        if lstat(self.target.path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
            throw CarelogError(
                .usage, "\(option) \(target.path) is a symbolic link; carelog does not write through or over one",
                suggestion: "Name the file or folder itself, or remove the link first.")
        }
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: self.target.path, isDirectory: &isFolder) {
            switch (shape, isFolder.boolValue) {
            case (.file, true):
                throw CarelogError(.usage, "\(option) \(target.path) is a folder", suggestion: "Name a file to write the report to.")
            case (.folder, false):
                throw CarelogError(.usage, "\(option) \(target.path) is a file, not a folder", suggestion: "Name a new folder for the bundle.")
            case (.folder, true):
                let entries = (try? manager.contentsOfDirectory(atPath: self.target.path)) ?? []
                if !entries.isEmpty {
                    guard replacing else {
                        throw CarelogError(
                            .usage, "\(option) \(target.path) already exists and is not empty",
                            suggestion: "Name a new folder, or add --replace to replace the bundle in it whole (the old one stays until the new one is complete).")
                    }
                    guard entries.contains("manifest.json") else {
                        throw CarelogError(
                            .usage, "\(option) \(target.path) holds files but no carelog bundle (no manifest.json); --replace only replaces a bundle",
                            suggestion: "Name a new folder.")
                    }
                }
            case (.file, false):
                break
            }
        }
        let parent = self.target.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CarelogError(.failure, "could not create the folder \(parent.path): \(Self.reason(error))",
                               suggestion: "Check that you can write there.")
        }
        staging = parent.appendingPathComponent(".\(self.target.lastPathComponent).carelog-partial-\(UUID().uuidString.prefix(8))")
        if shape == .folder {
            guard mkdir(staging.path, 0o700) == 0 else {
                throw CarelogError(.failure, "could not create \(staging.path): \(String(cString: strerror(errno)))",
                                   suggestion: "Check that you can write to \(parent.path).")
            }
            // mkdir's mode is filtered by the umask; the folder must be 0700 whatever it is.
            chmod(staging.path, 0o700)
        }
    }

    deinit {
        if !isPublished { try? FileManager.default.removeItem(at: staging) }
        if let scratchFolder { try? FileManager.default.removeItem(at: scratchFolder) }
    }

    /// A folder for the working files of a single file's output (a workbook's
    /// worksheets before they are zipped): beside the target under a name that says
    /// whose it is, 0700 whatever the umask, removed with this object. A bundle's
    /// working files go into its staging folder instead, which is as private.
    func scratch() throws -> URL {
        if shape == .folder { return staging }
        if let scratchFolder { return scratchFolder }
        let folder = URL(fileURLWithPath: staging.path + ".scratch")
        guard mkdir(folder.path, 0o700) == 0 else {
            throw CarelogError(.failure, "could not create \(folder.path): \(String(cString: strerror(errno)))",
                               suggestion: "Check that you can write to \(folder.deletingLastPathComponent().path).")
        }
        chmod(folder.path, 0o700)
        scratchFolder = folder
        return folder
    }

    /// Creates a file of the folder, streamed (0600).
    func create(_ name: String) throws -> StreamedFile {
        precondition(shape == .folder, "create(_:) is for a folder")
        return try StreamedFile(path: staging.appendingPathComponent(name).path)
    }

    /// Writes a small file of the folder in one go.
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        precondition(shape == .folder, "write(_:_:) is for a folder")
        return try Self.write(data, to: staging.appendingPathComponent(name).path)
    }

    /// Writes the whole content of a single file.
    @discardableResult
    func write(contents data: Data) throws -> String {
        precondition(shape == .file, "write(contents:) is for a single file")
        return try Self.write(data, to: staging.path)
    }

    private static func write(_ data: Data, to path: String) throws -> String {
        let file = try StreamedFile(path: path)
        try data.withUnsafeBytes { try file.append($0) }
        return try file.finish()
    }

    /// Writes a single file that no run log records (an audit head): staged beside
    /// the target and renamed into place, 0600.
    static func write(_ data: Data, to target: URL) throws {
        let output = try StagedOutput(target, shape: .file, replacing: true)
        try output.write(contents: data)
        try output.publish()
        if let backup = output.backup { try? FileManager.default.removeItem(at: backup) }
    }

    /// Records the run with `record` in a transaction on `connection`, then publishes
    /// the output: only once the commit is known. A commit that fails publishes
    /// nothing; a rename that fails after the commit says where the files are.
    func publish(recording record: () throws -> Void, on connection: Connection) throws {
        do {
            try connection.transaction {
                try record()
            }
        } catch {
            throw CarelogError(libraryError: error) ?? error
        }
        do {
            try publish()
        } catch {
            // Recorded but not in place: keep the files where they are for the user.
            isPublished = true
            throw CarelogError(
                .failure, "the run was recorded, but its output could not be put in place: \(Self.reason(error))",
                suggestion: "The files are in \(staging.path); move them to \(target.path) yourself.")
        }
        if let backup { try? FileManager.default.removeItem(at: backup) }
    }

    /// Renames the staged output into place, moving an existing target aside first.
    private func publish() throws {
        if FileManager.default.fileExists(atPath: target.path) {
            let aside = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).carelog-old-\(UUID().uuidString.prefix(8))")
            try rename(target, aside)
            backup = aside
        }
        do {
            try rename(staging, target)
        } catch {
            if let backup { try? rename(backup, target) }
            backup = nil
            throw error
        }
        isPublished = true
    }

    private func rename(_ from: URL, _ to: URL) throws {
        guard systemRename(from.path, to.path) == 0 else {
            throw CarelogError(.failure, "could not move \(from.lastPathComponent) to \(to.path): \(String(cString: strerror(errno)))")
        }
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }
}

/// rename(2): atomic within one file system.
private func systemRename(_ from: String, _ to: String) -> Int32 {
    #if canImport(Glibc)
    Glibc.rename(from, to)
    #else
    Darwin.rename(from, to)
    #endif
}
