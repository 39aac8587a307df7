import Foundation
import Postgres

/// What `carelog seed` wrote.
public struct SeedSummary: Sendable, CustomStringConvertible {
    public let scale: Int
    public let seed: Int
    /// The first and last month of the generated period.
    public let firstMonth: ReportPeriod
    public let lastMonth: ReportPeriod
    /// Rows written per table (carelog table names, without schema), in writing order.
    public let rows: [(table: String, count: Int)]
    /// Wall time of the whole seed, in seconds.
    public let seconds: Double

    public func count(_ table: String) -> Int {
        rows.first { $0.table == table }?.count ?? 0
    }

    public var description: String {
        var lines = ["seeded \(scale) site\(scale == 1 ? "" : "s"), \(firstMonth) to \(lastMonth), seed \(seed), in \(String(format: "%.1f", seconds)) s:"]
        let width = rows.map(\.table.count).max() ?? 0
        for (table, count) in rows {
            let number = SeedFormat.grouped(count)
            lines.append("  " + table.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                         + String(repeating: " ", count: max(0, 11 - number.count)) + number)
        }
        return lines.joined(separator: "\n")
    }
}

enum SeedFormat {
    /// 1032118 → "1,032,118".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// Runs the steps of `queries/seed/` (`SeedStep.all`) on an open connection, inside a
/// transaction the caller opened, and counts the rows each table got.
struct ReferenceDataSeeder {
    let connection: Connection
    let plan: SeedPlan
    let console: Console

    private(set) var rows: [(table: String, count: Int)] = []

    init(connection: Connection, plan: SeedPlan, console: Console) {
        self.connection = connection
        self.plan = plan
        self.console = console
    }

    mutating func run() throws {
        for step in SeedStep.all {
            try console.whileWorking("seeding: \(step.path.split(separator: "/").last ?? "")") {
                try run(step)
            }
        }
    }

    private mutating func run(_ step: SeedStep) throws {
        do {
            let started = ContinuousClock.now
            switch step.kind {
            case .requireEmpty:
                try requireEmpty(step)
            case .script(let label):
                try connection.executeScript(StoredQuery.text(step.path))
                if let label { console.note("seeding: \(label) staged (\(elapsed(since: started)))") }
            case .parameters:
                try connection.query(StoredQuery.named(step.path, plan.seedStream, plan.scale, plan.start, plan.end, plan.today ?? ""))
            case .insert(let table, let label):
                let count = try connection.query(StoredQuery.named(step.path)).affectedRows ?? 0
                rows.append((table, count))
                console.note("seeding: \(SeedFormat.grouped(count)) \(label) (\(elapsed(since: started)))")
            case .monthly(let table, let label):
                if table == "attendance" {
                    // The monthly partitions of the period (sql/015).
                    try connection.query(StoredQuery.named("partitions/ensure_months", plan.start, plan.end))
                }
                let count = try runMonthly(step, table: table)
                rows.append((table, count))
                console.note("seeding: \(SeedFormat.grouped(count)) \(label) (\(elapsed(since: started)))")
            }
        }
    }

    /// Refuses a database that already holds sites, staff or patients.
    private func requireEmpty(_ step: SeedStep) throws {
        let row = try connection.query(StoredQuery.named(step.path))[0]
        let sites: Int = try row.decode("sites"), staff: Int = try row.decode("staff"), patients: Int = try row.decode("patients")
        guard sites == 0, staff == 0, patients == 0 else {
            throw CarelogError(
                .usage,
                "the database \(connection.databaseName) already holds records (\(SeedFormat.grouped(sites)) sites, \(SeedFormat.grouped(staff)) staff, \(SeedFormat.grouped(patients)) patients); seed only fills an empty database",
                suggestion: "seed an empty database, e.g. CARELOG_HOME=/tmp/x carelog seed")
        }
    }

    /// One statement per month of the period, so that no statement holds the whole
    /// period's rows at once; progress is shown between months.
    private func runMonthly(_ step: SeedStep, table: String) throws -> Int {
        var count = 0
        let bounds = plan.monthBounds
        for index in 0..<(bounds.count - 1) {
            console.progress("seeding: \(table) \(bounds[index].prefix(7)) (\(SeedFormat.grouped(count)) records so far)")
            count += try connection.query(StoredQuery.named(step.path, bounds[index], bounds[index + 1])).affectedRows ?? 0
        }
        console.endProgress()
        return count
    }

    private func elapsed(since started: ContinuousClock.Instant) -> String {
        String(format: "%.1f", SeedFormat.seconds(since: started)) + " s"
    }
}
