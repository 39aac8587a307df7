import Postgres

/// `carelog session schedule --group G --weekly "Mon,Wed 09:30" --from D --to D`: a
/// group's recurring sessions put on the schedule without a CSV, through the sessions
/// import (CommandRecords), all or nothing. A session already at one of the times is
/// left as it is (the import's natural key is group and start), so scheduling the same
/// weeks twice changes nothing.
public enum SessionSchedule {
    /// The longest span scheduled at once: a year, so that a typo in --to cannot write
    /// thousands of sessions (and the rows stay few in memory).
    static let longestSpanDays = 366

    /// One `--weekly` pattern: days of the week (1 = Monday … 7 = Sunday) and a time.
    struct Weekly: Equatable {
        var weekdays: [Int]
        var time: String

        static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

        /// `Mon,Wed 09:30`, `tue 7:00`, `Mon-Fri 12:00` (any case; full names too).
        init(_ text: String) throws {
            let parts = text.split(separator: " ", omittingEmptySubsequences: true)
            let refusal = CarelogError(.usage, "--weekly \"\(text)\" is not days and a time like \"Mon,Wed 09:30\"",
                                       suggestion: "Give the days (Mon Tue Wed Thu Fri Sat Sun, comma-separated, or a range like Mon-Fri) and the time, HH:MM.")
            guard parts.count == 2 else { throw refusal }
            func day(_ name: Substring) throws -> Int {
                let key = name.lowercased().prefix(3)
                guard name.count >= 3, let index = Self.dayNames.firstIndex(of: String(key)) else { throw refusal }
                return index + 1
            }
            var weekdays: [Int] = []
            for item in parts[0].split(separator: ",") {
                let range = item.split(separator: "-")
                guard range.count == 1 || range.count == 2 else { throw refusal }
                let first = try day(range[0]), last = try day(range[range.count - 1])
                guard first <= last else { throw refusal }
                weekdays += Array(first...last)
            }
            let clock = parts[1].split(separator: ":")
            guard clock.count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]), clock[1].count == 2,
                  (0...23).contains(hour), (0...59).contains(minute) else { throw refusal }
            self.weekdays = weekdays
            self.time = (hour < 10 ? "0" : "") + "\(hour):" + clock[1]
        }
    }

    @discardableResult
    public static func schedule(
        target: DatabaseTarget, groupCode: String, weekly patterns: [String], from: String, to: String,
        minutes: Int?, facilitator: String?, by staffID: String?, console: Console
    ) throws -> ImportSummary {
        let weekly = try patterns.map(Weekly.init)
        guard !weekly.isEmpty else {
            throw CarelogError(.usage, "no --weekly pattern", suggestion: "Give at least one, e.g. --weekly \"Mon,Wed 09:30\".")
        }
        try EpisodeCommands.checkDay(from, option: "--from")
        try EpisodeCommands.checkDay(to, option: "--to")
        let first = DayNumber(from), last = DayNumber(to)
        guard first.value <= last.value else {
            throw CarelogError(.usage, "--to \(to) is before --from \(from)")
        }
        guard last.value - first.value < longestSpanDays else {
            throw CarelogError(.usage, "--from \(from) --to \(to) spans more than a year",
                               suggestion: "Schedule a year at most at once; nothing was written.")
        }
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let group = try SessionCheck.knownGroup(connection, groupCode: groupCode)
        let groupCode = group.code
        guard let leader = facilitator ?? group.facilitator ?? staffID else {
            throw CarelogError(.usage, "\(groupCode) has no facilitator", suggestion: "Name who leads the sessions with --facilitator STAFF_ID.")
        }
        guard try !connection.query(StoredQuery.named("audit/staff_exists", leader)).isEmpty else {
            throw CarelogError(.usage, "there is no staff ID \"\(leader)\"",
                               suggestion: "Name who leads the sessions with --facilitator STAFF_ID, as in the staff import file; nothing was written.")
        }
        var records = CommandRecords(.sessions, columns: ["group_code", "starts_at", "duration_minutes", "facilitator", "status"],
                                     options: ["group_code": "--group", "starts_at": "--weekly", "duration_minutes": "--minutes",
                                               "facilitator": "--facilitator"])
        var times: [String] = []
        for day in first.value...last.value {
            let date = DayNumber(value: day)
            for pattern in weekly where pattern.weekdays.contains(date.weekday) {
                times.append("\(date.text) \(pattern.time)")
            }
        }
        for time in Set(times).sorted() {
            records.add([groupCode, time, minutes.map(String.init) ?? "", leader, ""], label: time)
        }
        guard !records.rows.isEmpty else {
            throw CarelogError(.usage, "no day from \(from) to \(to) falls on \(patterns.joined(separator: " or "))",
                               suggestion: "Widen --from/--to or check the days; nothing was written.")
        }
        let summary = try records.write(connection: connection, actingStaff: staffID, what: "the schedule of \(groupCode)")
        console.print("\(groupCode) from \(from) to \(to): \(summary.inserted) sessions scheduled, "
                      + "\(summary.updated) changed, \(summary.unchanged) on the schedule already (facilitator \(leader))")
        return summary
    }
}

/// A calendar date as a count of days since 1970-01-01 (proleptic Gregorian), for
/// walking a span day by day without time zones (the days are site-local dates).
struct DayNumber {
    var value: Int

    init(value: Int) { self.value = value }

    /// `text` is a valid `YYYY-MM-DD` (CalendarDate.isValid).
    init(_ text: String) {
        let year = Int(text.prefix(4))!, month = Int(text.dropFirst(5).prefix(2))!, day = Int(text.suffix(2))!
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        value = era * 146097 + dayOfEra - 719468
    }

    /// 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    var weekday: Int { ((value % 7 + 7) % 7 + 3) % 7 + 1 }

    var text: String {
        // civil_from_days.
        let z = value + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)" + "-" + two(month) + "-" + two(day)
    }
}
