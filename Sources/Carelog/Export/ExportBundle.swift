import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder an export writes into, file by file, without holding any file in
/// memory: every file is streamed into a hidden staging folder inside the target
/// folder, and only when all of them are complete are they renamed into place
/// (manifest.json last). An error part way leaves the previous bundle or nothing,
/// never a file cut short.
///
/// Files are created with mode 0600: they hold 42 CFR Part 2 records.
final class ExportBundle {
    let directory: URL
    let staging: URL
    private var written: [String] = []
    private var committed = false
    /// True when the export made the folder itself: a failed export then removes it
    /// again, so that a refusal leaves nothing behind.
    private let createdDirectory: Bool

    /// Names an export writes; anything else already in the folder makes it refuse,
    /// so that `export verify` never finds strangers in a fresh bundle.
    init(directory: URL, fileNames: Set<String>) throws {
        let manager = FileManager.default
        self.directory = directory
        var isDirectory: ObjCBool = false
        createdDirectory = !manager.fileExists(atPath: directory.path)
        if manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CarelogError(.usage, "\(directory.path) is a file, not a folder",
                                   suggestion: "Name a new or empty folder with --out.")
            }
            let strangers = try Self.entries(of: directory).filter { !fileNames.contains($0) }
            guard strangers.isEmpty else {
                throw CarelogError(
                    .usage, "\(directory.path) already holds files that are not part of an export: \(strangers.prefix(5).joined(separator: ", "))",
                    suggestion: "Name a new or empty folder with --out (or the folder of an earlier export, which is replaced).")
            }
        }
        staging = directory.appendingPathComponent(".carelog-partial-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CarelogError(.failure, "could not create \(staging.path): \(error.localizedDescription)",
                               suggestion: "Check that you can write to that folder.")
        }
    }

    deinit {
        guard !committed else { return }
        let manager = FileManager.default
        try? manager.removeItem(at: staging)
        if createdDirectory, (try? manager.contentsOfDirectory(atPath: directory.path))?.isEmpty == true {
            try? manager.removeItem(at: directory)
        }
    }

    /// Every entry of a folder, hidden ones included.
    static func entries(of directory: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw CarelogError(.failure, "cannot list \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Opens a file of the bundle in the staging folder.
    func create(_ name: String) throws -> StreamedFile {
        let file = try StreamedFile(path: staging.appendingPathComponent(name).path)
        written.append(name)
        return file
    }

    /// Writes a small file (the manifest) in one go.
    func write(_ name: String, _ data: Data) throws {
        let file = try create(name)
        try data.withUnsafeBytes { try file.append($0) }
        _ = try file.finish()
    }

    /// Renames every written file into place, in the order written, and removes the
    /// staging folder.
    func commit() throws {
        let manager = FileManager.default
        for name in written {
            let source = staging.appendingPathComponent(name)
            let destination = directory.appendingPathComponent(name)
            guard rename(source.path, destination.path) == 0 else {
                let reason = String(cString: strerror(errno))
                throw CarelogError(.failure, "could not move \(name) into \(directory.path): \(reason)")
            }
        }
        committed = true
        try? manager.removeItem(at: staging)
    }
}

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
