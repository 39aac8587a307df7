import Foundation
import Postgres

/// `carelog seed`: fills an empty database with the deterministic reference data set
/// the benchmarks of SPEC §7 run on.
///
/// Everything is generated inside PostgreSQL by the set-based INSERT … SELECT
/// statements of `queries/seed/` (run by `ReferenceDataSeeder`, one step per file,
/// see `SeedStep`), in ONE transaction: all or nothing. The rows go through every
/// constraint and trigger like any other writer's, so the attendance rules are
/// checked and the audit trail records the seed. The audit trail's acting staff is
/// left unset (NULL): the seed is not the act of a staff member, and the staff do
/// not exist before it runs; the database user is recorded as usual.
///
/// Same scale, seed, last month and number of months ⇒ identical data (every random
/// draw is a hash of the seed and natural keys, never `random()`).
public enum SeedOperation {
    public static let maximumScale = 99
    public static let maximumMonths = 120

    /// Seeds `scale` sites over the `months` months ending with `endMonth` (default:
    /// the last complete month before today, in this machine's time zone).
    @discardableResult
    public static func seed(
        target: DatabaseTarget, scale: Int, seed: Int, endMonth: ReportPeriod? = nil, months: Int = 36, console: Console
    ) throws -> SeedSummary {
        guard (1...maximumScale).contains(scale) else {
            throw CarelogError(.usage, "--scale must be between 1 and \(maximumScale) (sites); got \(scale)")
        }
        guard (1...maximumMonths).contains(months) else {
            throw CarelogError(.usage, "--months must be between 1 and \(maximumMonths); got \(months)")
        }
        let last = try endMonth ?? lastCompleteMonth()
        let plan = try makePlan(scale: scale, seed: seed, lastMonth: last, months: months)
        let first = try ReportPeriod(month: String(plan.start.prefix(7)))

        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }

        let started = ContinuousClock.now
        console.note("seeding \(scale) site\(scale == 1 ? "" : "s") × \(months) month\(months == 1 ? "" : "s") (\(first) to \(last)), seed \(seed)")
        let rows = try connection.transaction {
            var seeder = ReferenceDataSeeder(connection: connection, plan: plan, console: console)
            try seeder.run()
            return seeder.rows
        }
        let summary = SeedSummary(
            scale: scale, seed: seed, firstMonth: first, lastMonth: last, rows: rows,
            seconds: SeedFormat.seconds(since: started))
        console.print(summary.description)
        ReadyForReading.settle(
            connection, vacuuming: rows.map(\.table), analysing: ReadyForReading.auditTables, console: console)
        return summary
    }

    /// The month before the current one.
    static func lastCompleteMonth(now: Date = Date()) throws -> ReportPeriod {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let parts = calendar.dateComponents([.year, .month], from: now)
        var year = parts.year ?? 2000, month = (parts.month ?? 1) - 1
        if month == 0 { month = 12; year -= 1 }
        return try ReportPeriod(month: String(format: "%04d-%02d", year, month))
    }

    /// The first day of each of the `months` months ending with `lastMonth`, and the
    /// first day after them.
    static func monthBounds(lastMonth: ReportPeriod, months: Int) -> [String] {
        // Month index counted from year 0, so that subtraction crosses years.
        let lastIndex = lastMonth.year * 12 + (lastMonth.month - 1)
        let firstIndex = lastIndex - (months - 1)
        return (firstIndex...(lastIndex + 1)).map { String(format: "%04d-%02d-01", $0 / 12, $0 % 12 + 1) }
    }

    static func makePlan(scale: Int, seed: Int, lastMonth: ReportPeriod, months: Int) throws -> SeedPlan {
        let bounds = monthBounds(lastMonth: lastMonth, months: months)
        let days = try daysBetween(bounds[0], bounds[bounds.count - 1])
        return SeedPlan(scale: scale, seed: seed, start: bounds[0], end: bounds[bounds.count - 1], days: days, monthBounds: bounds)
    }

    private static func daysBetween(_ start: String, _ end: String) throws -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func date(_ text: String) -> Date? {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        }
        guard let from = date(start), let to = date(end),
              let days = calendar.dateComponents([.day], from: from, to: to).day else {
            throw CarelogError(.failure, "cannot compute the days from \(start) to \(end)")
        }
        return days
    }
}
