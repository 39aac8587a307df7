import Foundation
import Postgres

/// `carelog audit verify` and `carelog audit log`: the database's own audit trail,
/// read back for an auditor.
public enum AuditOperation {
    public struct Verification: Sendable, Equatable {
        public var batches: Int
        public var events: Int
        /// The first broken link, when the chain is not intact.
        public var brokenBatch: Int?
        public var problem: String?
        /// Months whose events are detached or archived: their batches are linked into
        /// the chain, but their contents cannot be recomputed.
        public var unchecked: [UncheckedMonth] = []
        public var isIntact: Bool { brokenBatch == nil }
    }

    /// A month (UTC) of the audit trail whose events are not attached (sql/015).
    public struct UncheckedMonth: Sendable, Equatable {
        public var month: String
        public var firstBatch: Int
        public var lastBatch: Int
        public var batches: Int
        public var rows: Int

        func contains(_ batch: Int64) -> Bool { Int64(firstBatch) <= batch && batch <= Int64(lastBatch) }

        var sentence: String {
            "Not checked: the audit events of \(month) are not attached (detached or archived): batches "
                + "\(firstBatch)–\(lastBatch) (\(batches) batch\(batches == 1 ? "" : "es"), \(rows) row\(rows == 1 ? "" : "s") recorded); "
                + "their links in the chain are checked, their contents cannot be."
        }
    }

    /// Recomputes the hash chain; throws (exit 1) when a link is broken, naming it.
    /// Then checks that every head recorded in an `anchors` file (a manifest, or a
    /// file of `carelog audit head`) is still in the chain: a chain rewritten and
    /// recomputed from some batch on verifies by itself, but no longer holds a head
    /// recorded after that batch.
    @discardableResult
    public static func verify(target: DatabaseTarget, anchors anchorPaths: [String] = [], console: Console) throws -> Verification {
        let anchors = try anchorPaths.map(AuditAnchor.read)
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let (verification, anchorProblems, head) = try connection.transaction(.snapshot) {
            (try verify(connection), try anchors.compactMap { try $0.problem(connection) }, try AuditHead.current(connection)?.head)
        }
        guard verification.isIntact else {
            throw CarelogError(
                .failure,
                "the audit trail is broken at batch \(verification.brokenBatch ?? 0): \(verification.problem ?? "unknown problem")",
                suggestion: "Batches before it verify; this one and everything after it cannot be trusted. "
                    + "Keep the database as it is and report it to whoever is responsible for its security.")
        }
        // Archiving old months is how the trail stays small; the newest events, and
        // those a recorded head vouches for, must be there to be checked: a month
        // detached while it is being written, or under a head kept outside, is a
        // place where events can be rewritten unseen.
        let unverifiable = verification.unchecked.compactMap { month -> String? in
            if let head, month.contains(head.batchID) {
                return "the audit events of \(month.month), the month of the chain's head (batch \(head.batchID)), are not attached: "
                    + "the newest part of the trail cannot be checked"
            }
            if let anchor = anchors.first(where: { $0.head.map { month.contains($0.batchID) } ?? false }) {
                return "the head recorded in \(anchor.file) at \(anchor.recordedAt) lies in \(month.month), whose audit events are not attached: "
                    + "what it vouches for cannot be checked"
            }
            return nil
        }
        if let first = unverifiable.first {
            throw CarelogError(
                .failure, first,
                suggestion: (unverifiable.dropFirst().map { $0 + "\n" }.joined())
                    + "Attach the month's partition again (docs/partitions.md) and run audit verify again; until then the trail "
                    + "cannot be trusted. If nobody detached it on purpose, keep the database as it is and report it.")
        }
        if let first = anchorProblems.first {
            throw CarelogError(
                .failure, first,
                suggestion: (anchorProblems.dropFirst().map { $0 + "\n" }.joined())
                    + "The chain verifies by itself, so it was recomputed after a change: someone with the power to switch "
                    + "the audit triggers off (a superuser) rewrote it. Keep the database as it is and report it.")
        }
        var summary = verification.unchecked.isEmpty
            ? "The audit trail is intact: \(verification.batches) batches, \(verification.events) events verified."
            : "The audit trail is intact as far as it is attached: \(verification.batches) batches linked, \(verification.events) events verified."
        if !anchors.isEmpty {
            let held = anchors.filter { $0.head != nil }.count
            summary += " \(held) recorded head\(held == 1 ? "" : "s") still in the chain"
                + (held < anchors.count ? " (\(anchors.count - held) recorded an empty chain)." : ".")
        }
        console.print(summary)
        for month in verification.unchecked { console.print(month.sentence) }
        return verification
    }

    /// Writes the chain's current head, with the database and the time, to `output`
    /// or standard output: keep the file outside the database (another machine, a
    /// ticket) and give it to `carelog audit verify --anchor` later.
    public static func head(target: DatabaseTarget, output: String?, console: Console) throws {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let (current, now) = try connection.transaction(.snapshot) {
            (try AuditHead.current(connection),
             try connection.query(StoredQuery.named("database/snapshot_time"))[0].decode("at", as: String.self))
        }
        let file = AuditHeadFile(
            tool: "carelog \(CarelogVersion.current)", database: connection.databaseName, snapshotTime: now, auditHead: current?.head)
        if let output {
            try StagedOutput.write(Data(try file.json().utf8), to: URL(fileURLWithPath: output))
            console.note("wrote the audit chain's head (batch \(current.map { String($0.head.batchID) } ?? "none")) to \(output)")
        } else {
            console.write(try file.json())
        }
    }

    static func verify(_ connection: Connection) throws -> Verification {
        let row = try connection.query(StoredQuery.named("audit/verify"))[0]
        return Verification(
            batches: try row.decode("batches_checked"), events: try row.decode("events_checked"),
            brokenBatch: try row.decodeIfPresent("first_broken_batch"), problem: try row["problem"],
            unchecked: try connection.query(StoredQuery.named("audit/unchecked")).map { row in
                UncheckedMonth(
                    month: try row.decode("month"), firstBatch: try row.decode("first_batch"), lastBatch: try row.decode("last_batch"),
                    batches: try row.decode("batches"), rows: try row.decode("rows"))
            })
    }

    /// Prints the most recent report and export runs, newest first.
    public static func runs(target: DatabaseTarget, limit: Int, format: ListFormat = .text, console: Console) throws {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        if format == .json {
            for line in try RunLog.recentJSON(connection, limit: limit) { console.print(line) }
            return
        }
        let lines = try RunLog.recent(connection, limit: limit)
        console.print("Report and export runs, newest first:")
        if lines.isEmpty { console.print("  (none yet)") }
        for line in lines { console.print(("  " + line).showingControlCharacters) }
    }

    /// Prints the history of a patient's records, newest first: when, who (database
    /// user and acting staff member), what, and for a correction the old and new values.
    /// At most `limit` changes, and a last line saying so when there are more. An
    /// unknown MRN or table is a usage error (exit 2).
    public static func log(
        target: DatabaseTarget, mrn: String, table: String?, limit: Int, changesOnly: Bool = false, console: Console
    ) throws {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let patient = try connection.query(StoredQuery.named("audit/patient_id", mrn))
        guard let patientID = try patient.first?.decode("id", as: Int64.self) else {
            throw CarelogError(.usage, "no patient with MRN \"\(mrn)\"")
        }
        if let table {
            let tables = try connection.query(StoredQuery.named("audit/audited_tables")).map { try $0.decode("table_name", as: String.self) }
            guard tables.contains(table) else {
                throw CarelogError(.usage, "there is no audited table \"\(table)\"",
                                   suggestion: "The tables are: \(tables.joined(separator: ", ")).")
            }
        }
        let rows = try connection.query(StoredQuery.named("audit/patient_history", table, patientID, limit, changesOnly))
        console.print("Audit history of MRN \(mrn)" + (table.map { ", table \($0)" } ?? "") + ":")
        if rows.isEmpty {
            console.print("  (no recorded changes)")
        }
        for row in rows {
            let fields = try [
                row.decode("changed_at", as: String.self), row.decode("db_user", as: String.self),
                "by " + row.decode("acting_staff", as: String.self), row.decode("operation", as: String.self),
                "\(try row.decode("table_name", as: String.self)) \(try row.decode("record", as: String.self))",
                row.decode("change", as: String.self),
            ]
            console.print(("  " + fields.joined(separator: "  ")).showingControlCharacters)
        }
        if let total = try rows.first?.decode("total", as: Int.self), total > rows.count {
            console.print("Stopped at --limit \(limit): these are the newest \(rows.count) of \(total) changes.")
        }
    }
}
