import Foundation
import Postgres

/// `carelog seed`: fills an empty database with the deterministic reference data set
/// the benchmarks of docs/benchmarks.md run on.
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
        return try run(target: target, plan: plan, console: console)
    }

    /// The demo's period, in days: `demoDays` days through `today` (the site-local
    /// current day, ISO), the last one partly logged (see `SeedPlan.today`). A fixed
    /// number of days, so that the same patients are in care and on the same rosters on
    /// the last day whatever the date (every draw is keyed by days from the start), and
    /// enough of them that the three months before today's always lie whole inside.
    public static let demoDays = 123

    /// Seeds the demo program (one site, seed 1) through `today`, ISO `YYYY-MM-DD`.
    @discardableResult
    public static func seedDemo(target: DatabaseTarget, through today: String, console: Console) throws -> SeedSummary {
        try run(target: target, plan: try demoPlan(through: today), console: console)
    }

    /// The demo's plan: `demoDays` days through `today`, a statement per month (the
    /// first from the period's first day).
    static func demoPlan(through today: String) throws -> SeedPlan {
        guard CalendarDate.isValid(today) else {
            throw CarelogError(.usage, "\"\(today)\" is not a date like 2026-10-05")
        }
        let last = try isoDay(today)
        let first = last - (demoDays - 1)
        var bounds = [iso(first)]
        var month = first.firstOfNextMonth
        while month <= last {
            bounds.append(iso(month))
            month = month.firstOfNextMonth
        }
        bounds.append(iso(last + 1))
        return SeedPlan(scale: 1, seed: 1, start: bounds[0], end: bounds[bounds.count - 1], days: demoDays,
                        monthBounds: bounds, today: today)
    }

    static func run(target: DatabaseTarget, plan: SeedPlan, console: Console) throws -> SeedSummary {
        let scale = plan.scale, seed = plan.seed
        let first = try ReportPeriod(month: String(plan.start.prefix(7)))
        let last = try ReportPeriod(month: String(plan.monthBounds[plan.monthBounds.count - 2].prefix(7)))
        let months = plan.monthBounds.count - 1

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

    /// A day as a count of days (the Julian day number), for day arithmetic without time zones.
    struct Day: Comparable, Strideable {
        var number: Int
        func distance(to other: Day) -> Int { other.number - number }
        func advanced(by n: Int) -> Day { Day(number: number + n) }
        static func < (a: Day, b: Day) -> Bool { a.number < b.number }
        static func - (a: Day, n: Int) -> Day { Day(number: a.number - n) }
        static func + (a: Day, n: Int) -> Day { Day(number: a.number + n) }

        init(number: Int) { self.number = number }
        init(year: Int, month: Int, day: Int) {
            // Fliegel and Van Flandern's formula for the Gregorian calendar.
            let a = (14 - month) / 12, y = year + 4800 - a, m = month + 12 * a - 3
            number = day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
        }
        var parts: (year: Int, month: Int, day: Int) {
            let a = number + 32044, b = (4 * a + 3) / 146097, c = a - 146097 * b / 4
            let d = (4 * c + 3) / 1461, e = c - 1461 * d / 4, m = (5 * e + 2) / 153
            return (100 * b + d - 4800 + m / 10, m + 3 - 12 * (m / 10), e - (153 * m + 2) / 5 + 1)
        }
        var firstOfNextMonth: Day {
            let p = parts
            return p.month == 12 ? Day(year: p.year + 1, month: 1, day: 1) : Day(year: p.year, month: p.month + 1, day: 1)
        }
    }

    static func isoDay(_ text: String) throws -> Day {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { throw CarelogError(.usage, "\"\(text)\" is not a date like 2026-10-05") }
        return Day(year: parts[0], month: parts[1], day: parts[2])
    }

    static func iso(_ day: Day) -> String {
        let p = day.parts
        return String(format: "%04d-%02d-%02d", p.year, p.month, p.day)
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
