import Foundation
import Postgres

/// `carelog demo`: the main job end to end on a small synthetic program — seed one
/// site (when the database is empty) through today at the site, write the last
/// complete month's bundle, and print its summary.
///
/// The seed's last day is today (`SeedOperation.seedDemo`): its sessions are all
/// scheduled and those before 09:00 logged, so that `carelog today`, `attendance
/// roster` and `attendance record --at 9:30` can be tried at once.
public enum DemoOperation {
    public static func run(target: DatabaseTarget, directory: String, console: Console) throws {
        let connection = try DatabaseSession.open(target, console: console)
        let hasRecords = try connection.scalarBool(StoredQuery.named("demo/has_records"))
        let today = try siteToday(connection)
        connection.close()
        let period = try lastCompleteMonth(before: today)
        if hasRecords {
            console.note("the database already holds records; the demo reports on them instead of seeding")
        } else {
            console.note("seeding a demo program: one 120-bed site, \(SeedOperation.demoDays) days through today (\(today)), logged until 09:00")
            try SeedOperation.seedDemo(target: target, through: today, console: console)
        }
        try ReportOperation.monthly(target: target, period: period, site: nil, directory: directory, replace: true, privacy: .none, console: console)
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        let summary = try String(contentsOf: folder.appendingPathComponent("summary.txt"), encoding: .utf8)
        console.write("\n" + summary + "\n" + whereTheFilesAre(folder))
    }

    /// Today at the demo's site, ISO.
    public static func siteToday(_ connection: Connection) throws -> String {
        try connection.query(StoredQuery.named("demo/site_today"))[0].decode("today")
    }

    /// The closing lines: the HTML summary, the CSV files and the workbooks, by path.
    static func whereTheFilesAre(_ folder: URL) -> String {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let csv = files.filter { $0.hasSuffix(".csv") }
        let workbooks = files.filter { $0.hasSuffix(".xlsx") }
        return "The same summary with charts, for a browser or print: \(folder.appendingPathComponent("summary.html").path)\n"
            + "Every table in full (\(csv.count) CSV files, hashes in manifest.json): \(folder.path)/\n"
            + (workbooks.isEmpty ? "" : "To open a table in a spreadsheet, double-click its .xlsx (\(workbooks.count) workbooks; the CSV files are for programs).\n")
    }

    /// The month before the one of `today` (ISO day).
    static func lastCompleteMonth(before today: String) throws -> ReportPeriod {
        let parts = today.split(separator: "-").compactMap { Int($0) }
        let year = parts[0], month = parts[1]
        return try ReportPeriod(month: month == 1 ? String(format: "%04d-12", year - 1) : String(format: "%04d-%02d", year, month - 1))
    }
}
