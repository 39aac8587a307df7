import Foundation
import Postgres

/// `carelog demo`: the main job end to end on a small synthetic program — seed
/// three months of one site (when the database is empty), write the last complete
/// month's bundle, and print its summary.
public enum DemoOperation {
    public static func run(target: DatabaseTarget, directory: String, today: Date = Date(), console: Console) throws {
        let period = lastCompleteMonth(before: today)
        let connection = try DatabaseSession.open(target, console: console)
        let hasRecords = try connection.scalarBool(StoredQuery.named("demo/has_records"))
        connection.close()
        if hasRecords {
            console.note("the database already holds records; the demo reports on them instead of seeding")
        } else {
            console.note("seeding a demo program: one 120-bed site, three months ending \(period)")
            try SeedOperation.seed(target: target, scale: 1, seed: 1, endMonth: period, months: 3, console: console)
        }
        try ReportOperation.monthly(target: target, period: period, site: nil, directory: directory, replace: true, privacy: .none, console: console)
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        let summary = try String(contentsOf: folder.appendingPathComponent("summary.txt"), encoding: .utf8)
        console.write("\n" + summary + "\n" + whereTheFilesAre(folder))
    }

    /// The closing lines: the HTML summary and the CSV files, by path.
    static func whereTheFilesAre(_ folder: URL) -> String {
        let csv = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".csv") }.sorted()
        return "The same summary with charts, for a browser or print: \(folder.appendingPathComponent("summary.html").path)\n"
            + "Every table in full (\(csv.count) CSV files, hashes in manifest.json): \(folder.path)/\n"
    }

    static func lastCompleteMonth(before date: Date) -> ReportPeriod {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = calendar.dateComponents([.year, .month], from: date)
        var year = components.year ?? 2026
        var month = (components.month ?? 1) - 1
        if month == 0 {
            month = 12
            year -= 1
        }
        // Cannot fail: the text is built from valid numbers.
        return try! ReportPeriod(month: String(format: "%04d-%02d", year, month))
    }
}
