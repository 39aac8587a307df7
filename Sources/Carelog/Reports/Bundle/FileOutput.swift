import Foundation

/// Writes output files so that a reader never sees half of one: each file is
/// written under a temporary name and renamed into place.
enum FileOutput {
    static func writeAtomically(_ text: String, to url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw CarelogError(.failure, "could not write \(url.path): \(error.localizedDescription)",
                               suggestion: "Check that the folder exists and that you can write to it.")
        }
    }

    /// Writes every file of a bundle into `directory` (created if missing). All files
    /// are first written to a hidden folder inside it, then renamed into place, so an
    /// error part way leaves the previous bundle's files or nothing, never a mix.
    static func writeBundle(_ files: [(name: String, text: String)], into directory: URL) throws {
        let manager = FileManager.default
        let staging = directory.appendingPathComponent(".carelog-partial-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? manager.removeItem(at: staging) }
            for file in files {
                try Data(file.text.utf8).write(to: staging.appendingPathComponent(file.name))
            }
            for file in files {
                let destination = directory.appendingPathComponent(file.name)
                if manager.fileExists(atPath: destination.path) {
                    _ = try manager.replaceItemAt(destination, withItemAt: staging.appendingPathComponent(file.name))
                } else {
                    try manager.moveItem(at: staging.appendingPathComponent(file.name), to: destination)
                }
            }
        } catch let error as CarelogError {
            throw error
        } catch {
            throw CarelogError(.failure, "could not write the bundle into \(directory.path): \(error.localizedDescription)",
                               suggestion: "Check that you can write to that folder and that the disk is not full.")
        }
    }
}
