/// What `carelog import bundle` did (or, in a dry run, would do): one line per file,
/// in import order, and a total.
public struct BundleImportSummary: Sendable, Equatable, CustomStringConvertible {
    /// One summary per table file, its `kind` the file name (`patients.csv`).
    public var files: [ImportSummary]
    public var dryRun: Bool

    public var records: Int { files.map(\.records).reduce(0, +) }
    public var inserted: Int { files.map(\.inserted).reduce(0, +) }
    public var updated: Int { files.map(\.updated).reduce(0, +) }
    public var unchanged: Int { files.map(\.unchanged).reduce(0, +) }

    public var description: String {
        let fileCount = "\(files.count) file\(files.count == 1 ? "" : "s")"
        let total = dryRun
            ? "total (dry run, nothing written): \(records) record\(records == 1 ? "" : "s") in \(fileCount) checked; "
                + "would insert \(inserted), update \(updated), leave \(unchanged) unchanged"
            : "total: \(records) record\(records == 1 ? "" : "s") in \(fileCount); "
                + "\(inserted) inserted, \(updated) updated, \(unchanged) unchanged"
        return (files.map(\.description) + [
            "\(BundleImportOperation.auditFile): not imported (this database's audit trail records the import itself)",
            total,
        ]).joined(separator: "\n")
    }
}
