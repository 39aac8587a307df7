import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `carelog export verify` found in a bundle.
public struct ExportVerification: Sendable, Equatable {
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// Listed in the manifest, not in the folder.
        case missing(String)
        /// In the folder, not in the manifest.
        case extra(String)
        /// Present, but not what the manifest says: why, in words.
        case altered(String, String)

        public var file: String {
            switch self {
            case .missing(let name), .extra(let name), .altered(let name, _): return name
            }
        }

        public var description: String {
            switch self {
            case .missing(let name): return "\(name): missing"
            case .extra(let name): return "\(name): extra file, not in the manifest"
            case .altered(let name, let why): return "\(name): altered (\(why))"
            }
        }
    }

    public var directory: String
    public var manifest: ExportManifest
    /// Files checked against the manifest (manifest.json not counted).
    public var filesChecked: Int
    /// Data rows counted in the files that were present.
    public var rowsCounted: Int
    public var problems: [Problem]
    /// SHA-256 of manifest.json, to compare with the figure the export printed.
    public var manifestSHA256: String

    public var isIntact: Bool { problems.isEmpty }

    /// A bundle whose files and manifest were both edited checks against itself; the
    /// manifest's SHA-256 that the export printed (and its disclosure record keeps),
    /// handed over apart from the bundle, is what ties it to the export as written.
    /// Nil when `expected` is nil or matches; otherwise the sentence that says so.
    public func manifestMismatch(expected: String?) -> String? {
        guard let expected, expected.lowercased() != manifestSHA256 else { return nil }
        return "manifest.json has SHA-256 \(manifestSHA256.prefix(12))…, not the \(expected.lowercased().prefix(12))… given with --manifest-sha256: "
            + "the bundle is not the export that printed it, or it was changed since"
    }

    /// Whether `text` is a SHA-256 as carelog prints it (64 hexadecimal digits).
    public static func isSHA256(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy(\.isHexDigit)
    }
}

enum ExportVerifier {
    static func verify(directory: URL) throws -> ExportVerification {
        let manifestURL = directory.appendingPathComponent("manifest.json")
        let manifest = try ExportManifest.read(from: manifestURL)
        var problems: [ExportVerification.Problem] = []
        var rows = 0
        var listed = Set<String>()
        for file in manifest.files {
            listed.insert(file.name)
            // A manifest naming ../something must not send us out of the folder.
            guard !file.name.isEmpty, !file.name.contains("/"), file.name != ".", file.name != ".." else {
                problems.append(.altered("manifest.json", "it names \"\(file.name)\", which is not a file of the folder"))
                continue
            }
            let url = directory.appendingPathComponent(file.name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                problems.append(.missing(file.name))
                continue
            }
            let digest = try sha256(of: url)
            if file.name.hasSuffix(".ndjson") {
                // FHIR resources, one a line: the lines are the rows.
                let lines = try lineCount(of: url)
                rows += lines
                var reasons: [String] = []
                if digest != file.sha256 {
                    reasons.append("SHA-256 \(digest.prefix(12))… instead of \(file.sha256.prefix(12))…")
                }
                if lines != file.rows {
                    reasons.append("\(lines) resources instead of \(file.rows)")
                }
                if let entry = manifest.output?.first(where: { $0.url == file.name }), entry.count != file.rows {
                    reasons.append("the manifest's output says \(entry.count) resources, its files \(file.rows)")
                }
                if !reasons.isEmpty {
                    problems.append(.altered(file.name, reasons.joined(separator: "; ")))
                }
                continue
            }
            guard file.name.hasSuffix(".csv") else {
                // NOTICE.txt and the .xlsx workbooks: not CSV; the hash is all there is to check.
                if digest != file.sha256 {
                    problems.append(.altered(file.name, "SHA-256 \(digest.prefix(12))… instead of \(file.sha256.prefix(12))…"))
                }
                continue
            }
            let content = try csvContent(of: url)
            rows += content.rows
            var reasons: [String] = []
            if digest != file.sha256 {
                reasons.append("SHA-256 \(digest.prefix(12))… instead of \(file.sha256.prefix(12))…")
            }
            if content.rows != file.rows {
                reasons.append("\(content.rows) rows instead of \(file.rows)")
            }
            if content.header != file.columns {
                reasons.append("header \(content.header.joined(separator: ",")) instead of \(file.columns.joined(separator: ","))")
            }
            if let problem = content.firstProblem {
                reasons.append("not valid CSV: \(problem)")
            }
            if !reasons.isEmpty {
                problems.append(.altered(file.name, reasons.joined(separator: "; ")))
            }
        }
        for entry in manifest.output ?? [] where !listed.contains(entry.url) {
            problems.append(.altered("manifest.json", "its output names \(entry.url), which is not among its files"))
        }
        for name in try entries(of: directory) where name != "manifest.json" && !listed.contains(name) {
            problems.append(.extra(name))
        }
        return ExportVerification(
            directory: directory.path, manifest: manifest, filesChecked: manifest.files.count, rowsCounted: rows,
            problems: problems, manifestSHA256: try sha256(of: manifestURL))
    }

    /// Every entry of a folder, hidden ones included.
    static func entries(of directory: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw CarelogError(.failure, "cannot list \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Hex SHA-256 of a file (Digest.sha256Hex(ofFile:)).
    static func sha256(of url: URL) throws -> String {
        try Digest.sha256Hex(ofFile: url)
    }

    /// The number of line feeds of a file, read in 1 MiB pieces: the resources of an
    /// NDJSON file (each line ends with one).
    static func lineCount(of url: URL) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw CarelogError(.failure, "cannot open \(url.path)")
        }
        defer { try? handle.close() }
        var lines = 0
        while true {
            let data = try handle.read(upToCount: 1 << 20) ?? Data()
            if data.isEmpty { break }
            data.withUnsafeBytes { bytes in
                for byte in bytes where byte == 0x0A { lines += 1 }
            }
        }
        return lines
    }

    /// The header and the number of data records, counted by the project's CSV reader
    /// (a quoted field may hold line breaks, so lines are not records).
    static func csvContent(of url: URL) throws -> (header: [String], rows: Int, firstProblem: String?) {
        let reader = try CSVReader(.file(path: url.path))
        var header: [String] = []
        var records = 0
        var firstProblem: String?
        try reader.read(
            onRecord: { record in
                if record.number == 1 {
                    header = (0..<record.fieldCount).map { record.string(at: $0) }
                }
                records += 1
            },
            onProblem: { problem in
                records += 1
                if firstProblem == nil { firstProblem = "\(problem)" }
            })
        return (header, max(records - 1, 0), firstProblem)
    }
}
