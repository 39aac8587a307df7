import Foundation
import Postgres

/// `carelog import bundle DIR`: an auditor export read back into a database, every
/// table file in one transaction, so that a bundle re-imports to the rows it was
/// written from (and a second export of them gives the same files, byte for byte).
///
/// Why a command of its own rather than fifteen `import KIND FILE` runs:
/// - the export's spreadsheet guard is undone (`SpreadsheetEscaping`: one leading `'`
///   dropped from text cells), which is right only for files carelog wrote. The
///   manifest says they are; a plain import stores text exactly as given;
/// - all or nothing across the files: a refused row in attendance.csv leaves the sites
///   and patients of the same bundle unwritten too;
/// - the files go in dependency order (`ImportKind.exported`), each checked against the
///   database as the earlier files left it.
///
/// Before anything is written the bundle is checked as `export verify` does (every
/// file's SHA-256, row count and header against manifest.json, no file missing or
/// extra); a damaged or foreign folder, and a de-identified bundle (its MRNs are
/// pseudonyms, its patients have no names), are refused with exit status 3.
/// `audit.csv` is never imported: the target's audit trail records the import itself.
public enum BundleImportOperation {
    /// The file of an export that is not imported.
    static let auditFile = "audit.csv"

    @discardableResult
    public static func run(
        target: DatabaseTarget, directory: String, dryRun: Bool, actingStaff: String?, expectedManifestSHA256: String? = nil,
        console: Console
    ) throws -> BundleImportSummary {
        let kinds = try checkedKinds(directory: directory, expectedManifestSHA256: expectedManifestSHA256)
        let folder = URL(fileURLWithPath: directory)
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let summary = try ImportOperation.importing(connection: connection, dryRun: dryRun) { () -> BundleImportSummary in
            // --by may name a staff member the bundle itself brings: the audit trigger
            // checks the acting staff member on every write, so until staff.csv is in,
            // the files are recorded under the login alone.
            var actingStaffIsSet = false
            if let actingStaff, try ActingStaff.isKnown(actingStaff, on: connection) {
                try ActingStaff.setForRecords(actingStaff, on: connection)
                actingStaffIsSet = true
            }
            var files: [ImportSummary] = []
            for kind in kinds {
                let fileName = kind.name + ".csv"
                var importer = Importer(connection: connection, kind: kind, console: console)
                importer.locate = { "\(fileName), line \($0)" }
                importer.unescapesSpreadsheetText = true
                do {
                    // Written even in a dry run, so that each file is checked against
                    // the rows of the files before it; a dry run rolls the whole back.
                    var summary = try importer.run(.file(path: folder.appendingPathComponent(fileName).path), dryRun: false)
                    summary.kind = fileName
                    summary.dryRun = dryRun
                    files.append(summary)
                } catch let refusal as ImportRefusal {
                    throw ImportRefusal(kind: "bundle", problems: refusal.problems, totalProblems: refusal.totalProblems)
                }
                try connection.query(StoredQuery.named("import/drop_temporary_tables"))
                if kind.name == ImportKind.staff.name, let actingStaff, !actingStaffIsSet {
                    try ActingStaff.setForRecords(actingStaff, on: connection)
                    actingStaffIsSet = true
                }
            }
            return BundleImportSummary(files: files, dryRun: dryRun)
        }
        console.print(summary.description)
        if !dryRun {
            // Files and kinds are in the same order; the tables that took many rows are settled.
            let written = zip(kinds, summary.files)
                .filter { $0.1.inserted + $0.1.updated >= ReadyForReading.importThreshold }.map { $0.0.table }
            if !written.isEmpty { ReadyForReading.settle(connection, vacuuming: written, console: console) }
        }
        return summary
    }

    /// The kinds to import, in dependency order, once the folder has been checked as an
    /// intact export in the clear whose manifest lists exactly the files of an export.
    /// Every refusal here is exit status 3, except a path that is no folder (2).
    static func checkedKinds(directory: String, expectedManifestSHA256: String? = nil) throws -> [ImportKind] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CarelogError(.usage, "\(directory) is not a folder", suggestion: "Name the folder `carelog export --out` wrote.")
        }
        let verification: ExportVerification
        do {
            verification = try ExportVerifier.verify(directory: URL(fileURLWithPath: directory))
        } catch let error as CarelogError {
            // No manifest, or one that is not an export's: not a bundle to import.
            throw refused("\(directory) is not an export bundle: \(error.message)", error.suggestion)
        }
        if let mismatch = verification.manifestMismatch(expected: expectedManifestSHA256) {
            throw refused("the bundle in \(directory) is not the one expected: \(mismatch)",
                          "Ask the sender for the export as it was written, or check the SHA-256 you were given.")
        }
        let manifest = verification.manifest
        if manifest.parameters.deidentified {
            throw refused(
                "the bundle in \(directory) is de-identified: its patients have random identifiers, no names and dates cut to the year",
                "Import a bundle exported in the clear; a de-identified one is for recipients only.")
        }
        if manifest.parameters.pseudonymized == true {
            throw refused(
                "the bundle in \(directory) is pseudonymised: its MRNs are pseudonyms and its patients have no names or dates of birth",
                "Import a bundle exported without --pseudonymize; a pseudonymised one is for work that needs no names.")
        }
        let expected = ImportKind.exported.map { $0.name + ".csv" } + [auditFile]
        // A disclosed bundle also carries its notice, and every CSV may have its
        // workbook beside it (`name.xlsx`, the same rows for people): neither is imported.
        let workbooks = Set(expected.map { String($0.dropLast(".csv".count)) + ".xlsx" })
        let listed = manifest.files.map(\.name).filter { $0 != DisclosureNotice.fileName && !workbooks.contains($0) }
        let unknown = listed.filter { !expected.contains($0) }
        let missing = expected.filter { !listed.contains($0) }
        if !unknown.isEmpty || !missing.isEmpty {
            let details = unknown.map { "\($0): not a file of an export" } + missing.map { "\($0): not in manifest.json" }
            throw refused("\(directory) is not an export bundle: its manifest does not list the files of an export",
                          details.joined(separator: "\n"))
        }
        guard verification.isIntact else {
            let names = verification.problems.map(\.file)
            throw refused(
                "the bundle in \(directory) is not intact: \(names.count == 1 ? names[0] : "\(names.count) problems (\(names.joined(separator: ", ")))")",
                verification.problems.map(\.description).joined(separator: "\n"))
        }
        return ImportKind.exported
    }

    private static func refused(_ message: String, _ details: String?) -> CarelogError {
        CarelogError(.validation, message, suggestion: [details, "Nothing was written."].compactMap { $0 }.joined(separator: "\n"))
    }
}
