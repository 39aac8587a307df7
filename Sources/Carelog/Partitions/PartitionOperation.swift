import Foundation
import Postgres

/// `carelog db partitions`: the monthly partitions of attendance and of the audit
/// trail's events (sql/015_monthly_partitions.sql), and with `ahead` the missing ones
/// up to that many months from now created first.
///
/// Writers create the partitions of the months they write themselves; creating
/// them ahead (from cron, monthly) keeps that catalog work out of their way. What to
/// do with an old month (detach, archive, drop) is in docs/partitions.md.
public enum PartitionOperation {
    public struct Partition: Sendable, Equatable {
        public var table: String
        public var month: String
        public var name: String
        public var estimatedRows: Int
        public var bytes: Int
    }

    /// Lists the partitions; with `ahead`, first creates those missing from the current
    /// month through `ahead` months later. Returns the list and the names created.
    @discardableResult
    public static func run(target: DatabaseTarget, ahead: Int?, console: Console) throws -> (partitions: [Partition], created: [String]) {
        if let ahead, !(0...120).contains(ahead) {
            throw CarelogError(.usage, "--ahead \(ahead) is out of range", suggestion: "Give a number of months from 0 to 120.")
        }
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        var created: [String] = []
        if let ahead {
            let through = Calendar(identifier: .gregorian).date(byAdding: .month, value: ahead, to: Date()) ?? Date()
            let day = ISO8601DateFormatter.string(from: through, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            created = try connection.transaction {
                try connection.query(StoredQuery.named("partitions/ensure_through", day)).map { try $0.decode("partition_name", as: String.self) }
            }
        }
        let partitions = try connection.query(StoredQuery.named("partitions/list")).map { row in
            Partition(
                table: try row.decode("table_name"), month: try row.decode("month"), name: try row.decode("partition_name"),
                estimatedRows: try row.decode("estimated_rows"), bytes: try row.decode("total_bytes"))
        }
        print(partitions, created: created, ahead: ahead, console: console)
        return (partitions, created)
    }

    private static func print(_ partitions: [Partition], created: [String], ahead: Int?, console: Console) {
        if let ahead {
            console.print(created.isEmpty
                ? "Every partition through \(ahead) month\(ahead == 1 ? "" : "s") ahead exists; none created."
                : "Created \(created.count) partition\(created.count == 1 ? "" : "s"): \(created.joined(separator: ", ")).")
        }
        let nameWidth = max(9, partitions.map(\.name.count).max() ?? 0)
        console.print("table".padding(12) + "month    " + "partition".padding(nameWidth) + "  " + "rows (est.)".leftPadded(12) + "  " + "size".leftPadded(9))
        for partition in partitions {
            console.print(partition.table.padding(12) + partition.month.padding(9) + partition.name.padding(nameWidth) + "  "
                + SeedFormat.grouped(partition.estimatedRows).leftPadded(12) + "  " + byteSize(partition.bytes).leftPadded(9))
        }
        let tables = Dictionary(grouping: partitions, by: \.table)
        console.print(tables.keys.sorted().map { table in
            let months = tables[table]!.map(\.month)
            return "\(table): \(months.count) month\(months.count == 1 ? "" : "s"), \(months.min() ?? "")..\(months.max() ?? "")"
        }.joined(separator: "; "))
    }

    static func byteSize(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
