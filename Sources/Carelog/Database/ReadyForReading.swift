import Foundation
import Postgres

/// Leaves what a bulk write wrote ready for the reports that follow it.
///
/// Right after millions of rows are written, the planner has no statistics for them
/// (autovacuum analyses a table only after it notices the change, a minute or more
/// later), every row still needs its commit status looked up and its hint bits set by
/// the first reader (which then writes the pages back), and the visibility map is
/// empty, so index-only scans visit the heap. Measured at N = 10, the first two
/// monthly reports after a seed took 23.5 s and 25.5 s against 4.2 s once settled.
/// The command that wrote therefore settles it itself, after its commit:
/// `VACUUM (ANALYZE)` of the tables reports and exports read (VACUUM cannot run in a
/// transaction block, so this is outside the writer's transaction: a failure here
/// leaves the committed write standing and only says so), `ANALYZE` of the audit
/// trail, which reports do not scan and whose pages autovacuum will visit anyway.
///
/// Only the tables' owner (or a member of its role, or a superuser) may vacuum or
/// analyse them; for any other login the tables are left to autovacuum, with a note.
enum ReadyForReading {
    /// An import that wrote at least this many rows settles its table; a smaller one
    /// moves the table's statistics too little to matter before autovacuum comes by.
    static let importThreshold = 10_000

    /// The audit trail's tables: analysed, not vacuumed.
    static let auditTables = ["audit_batch", "audit_event"]

    /// Vacuums and analyses `vacuuming`, analyses `analysing` (tables of schema carelog).
    /// Never throws: the write it follows is committed, and a table left unsettled is
    /// slower to read, not wrong.
    static func settle(_ connection: Connection, vacuuming: [String], analysing: [String] = [], console: Console) {
        let started = ContinuousClock.now
        var skipped: [String] = []
        var vacuumed = 0, analysed = 0
        do {
            for (tables, vacuum) in [(vacuuming, true), (analysing, false)] where !tables.isEmpty {
                for row in try connection.query(StoredQuery.named("maintenance/settle_statements", tables, vacuum)) {
                    let table: String = try row.decode("table_name")
                    guard try row.decode("allowed", as: Bool.self) else {
                        skipped.append(table)
                        continue
                    }
                    console.progress("settling \(table) for reading")
                    try connection.query(SQLQuery(unsafeSQL: try row.decode("statement", as: String.self)))
                    if vacuum { vacuumed += 1 } else { analysed += 1 }
                }
            }
            console.endProgress()
        } catch {
            console.endProgress()
            let message = (error as? PostgresError)?.message ?? "\(error)"
            console.note("the write is committed, but its tables were not settled for reading (\(message)); "
                + "the first reports will be slower until autovacuum has analysed them")
            return
        }
        if vacuumed + analysed > 0 {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            console.note("settled \(vacuumed) table\(vacuumed == 1 ? "" : "s") for reading (vacuumed and analysed)"
                + (analysed > 0 ? " and analysed \(analysed) more" : "") + String(format: " in %.1f s", seconds))
        }
        if !skipped.isEmpty {
            console.note("left \(skipped.joined(separator: ", ")) to autovacuum: only the tables' owner may vacuum or analyse them "
                + "(run `VACUUM (ANALYZE)` as carelog_owner for fast first reports)")
        }
    }
}
