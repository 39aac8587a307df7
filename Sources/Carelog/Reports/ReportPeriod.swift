import Foundation

/// A calendar month, `YYYY-MM`, read in each site's own time zone by the reports.
public struct ReportPeriod: Sendable, Equatable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(month text: String) throws {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), year >= 1900
        else {
            throw CarelogError(.usage, "--month \"\(text)\" is not a month like 2026-10")
        }
        self.year = year
        self.month = month
    }

    /// First day of the month, ISO.
    public var start: String { String(format: "%04d-%02d-01", year, month) }
    /// Last day of the month, ISO.
    public var lastDay: String {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return String(format: "%04d-%02d-%02d", year, month, days)
    }
    /// First day of the next month, ISO (the period's exclusive end).
    public var end: String { month == 12 ? String(format: "%04d-01-01", year + 1) : String(format: "%04d-%02d-01", year, month + 1) }
    public var description: String { String(format: "%04d-%02d", year, month) }
}
