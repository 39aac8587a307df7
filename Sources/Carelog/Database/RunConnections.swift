import Foundation
import Postgres

/// The connections of a run that reads records and records that it did (a report, the
/// monthly bundle, an export): `reader` reads its snapshot, `recorder` is the
/// connection that records the run (the run log today; disclosures as well once they
/// exist) and publishes its output inside that record's transaction.
///
/// On a primary both are the same connection. On a hot standby (read-only, in
/// recovery) the run cannot be recorded where it reads, so it is recorded on the
/// primary: the log database (`--log-database` or `CARELOG_LOG_DATABASE`), or else the
/// one libpq finds among the hosts of the read connection string with
/// `target_session_attrs=read-write` (`host=standby,primary`). When none can be
/// reached the run is refused before anything is read: never a report without its
/// log. A log database must be the same database as the one read (the cluster's
/// system identifier and the database's oid, which a standby shares with its primary),
/// be writable, and be at this carelog's schema. On a primary or a standby alike, the
/// recorder's login must be allowed to write the run's records (the run log, and the
/// disclosure log for a disclosure): a login that may read but not record (one with
/// `pg_read_all_data`, say) is refused before anything is read.
public final class RunConnections {
    public let reader: Connection
    public let recorder: Connection
    /// True when the reader is a hot standby (and the recorder its primary).
    public let readsFromStandby: Bool

    private init(reader: Connection, recorder: Connection, readsFromStandby: Bool) {
        self.reader = reader
        self.recorder = recorder
        self.readsFromStandby = readsFromStandby
    }

    public func close() {
        if recorder !== reader { recorder.close() }
        reader.close()
    }

    /// Opens the reader on `target` and the recorder on `log` (nil: the reader itself,
    /// or, on a standby, its primary found as described above).
    ///
    /// - Parameter disclosure: the run also records a disclosure.
    public static func open(
        read target: DatabaseTarget, log: DatabaseTarget?, disclosure: Bool = false, console: Console
    ) throws -> RunConnections {
        let reader = try DatabaseSession.open(target, console: console)
        do {
            let readIdentity = try DatabaseIdentity.of(reader)
            if readIdentity.inRecovery {
                console.note("\(reader.databaseName) is a hot standby: reading there, recording the run on its primary")
            }
            guard log != nil || readIdentity.inRecovery else {
                try requireRecordingRights(reader, disclosure: disclosure)
                return RunConnections(reader: reader, recorder: reader, readsFromStandby: false)
            }
            let recorder = try openRecorder(log: log, read: target, readIdentity: readIdentity, console: console)
            do {
                try requireRecordingRights(recorder, disclosure: disclosure)
            } catch {
                recorder.close()
                throw error
            }
            return RunConnections(reader: reader, recorder: recorder, readsFromStandby: readIdentity.inRecovery)
        } catch {
            reader.close()
            throw error
        }
    }

    /// Refuses a recorder whose login may not write the run's records
    /// (queries/run_log/may_write.sql): the run would read and then fail to record.
    private static func requireRecordingRights(_ recorder: Connection, disclosure: Bool) throws {
        let tables = ["carelog.run_log"] + (disclosure ? ["carelog.disclosure", "carelog.disclosure_patient"] : [])
        for table in tables {
            guard try !recorder.query(StoredQuery.named("run_log/may_write", table))[0].decode("may_write", as: Bool.self) else {
                continue
            }
            throw CarelogError(
                .failure, "login \(recorder.userName) may not write the \(table == "carelog.run_log" ? "run log" : "disclosure log") (\(table)), so the run cannot be recorded and nothing was read",
                suggestion: "Run it with a carelog login (`carelog user add … --role therapist|director|auditor`), "
                    + "or, on a standby, name a log database (--log-database) where this login may record its runs.")
        }
    }

    private static func openRecorder(
        log: DatabaseTarget?, read target: DatabaseTarget, readIdentity: DatabaseIdentity, console: Console
    ) throws -> Connection {
        let recorder: Connection
        if let log {
            do {
                recorder = try DatabaseSession.open(log, console: console, role: "recording the run in")
            } catch let error as CarelogError {
                throw CarelogError(
                    error.category, "the run cannot be recorded, so nothing was read: \(error.message)",
                    suggestion: "The log database (--log-database or CARELOG_LOG_DATABASE) must be the primary of the database read, "
                        + "reachable and at this carelog's schema. " + (error.suggestion ?? ""))
            }
        } else {
            // The discovery rule: the same connection parameters, asking libpq for a
            // server that accepts writes. A single host that is the standby finds none.
            do {
                recorder = try DatabaseSession.open(
                    target.with("target_session_attrs", "read-write").discoveredAsLog, console: console,
                    role: "recording the run in")
            } catch let error as CarelogError {
                throw CarelogError(
                    .failure,
                    "the database is a hot standby (read-only) and no primary to record the run on was found, so nothing was read (\(error.message))",
                    suggestion: "Name the primary with --log-database (or CARELOG_LOG_DATABASE), or list both servers in the "
                        + "connection string (`host=standby.example.org,primary.example.org target_session_attrs=prefer-standby`): "
                        + "carelog then records the run on the one that accepts writes.")
            }
        }
        do {
            let identity = try DatabaseIdentity.of(recorder)
            guard !identity.inRecovery else {
                throw CarelogError(
                    .usage, "the log database \(recorder.databaseName) on \(recorder.host) is itself a standby (read-only); the run cannot be recorded there, so nothing was read",
                    suggestion: "Give the primary with --log-database.")
            }
            guard identity.systemIdentifier == readIdentity.systemIdentifier, identity.databaseOID == readIdentity.databaseOID else {
                throw CarelogError(
                    .usage,
                    "the log database \(recorder.databaseName) on \(recorder.host) is not the database being read (nor its primary), so nothing was read",
                    suggestion: "Give the primary of the standby in --database with --log-database: the run is recorded where its records are kept.")
            }
        } catch {
            recorder.close()
            throw error
        }
        return recorder
    }

    /// Runs `body` in a read-only repeatable-read transaction on the reader, and turns
    /// a standby's replay conflict into an error that says what happened and what to do.
    public func readSnapshot<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try reader.transaction(.snapshot, body)
        } catch let error as PostgresError where readsFromStandby && Self.isReplayConflict(error) {
            throw CarelogError(
                .failure,
                "the standby cancelled this read: replaying the primary's changes needed rows the read's snapshot still used (\(error.message))",
                suggestion: "Nothing was written or recorded. Run the command again (a quieter moment helps), or read from the primary. "
                    + "To stop it happening, set hot_standby_feedback = on on the standby, or raise max_standby_streaming_delay "
                    + "above the longest report or export (docs/reports.md, \"On a hot standby\").")
        }
    }

    /// A query cancelled (40001) or a session ended because of a recovery conflict.
    static func isReplayConflict(_ error: PostgresError) -> Bool {
        error.sqlState == .serializationFailure || error.message.contains("conflict with recovery")
    }
}

/// What identifies a database across a physical replication set (see
/// queries/database/identity.sql).
struct DatabaseIdentity: Equatable {
    var systemIdentifier: String
    var databaseOID: String
    var inRecovery: Bool

    static func of(_ connection: Connection) throws -> DatabaseIdentity {
        let row = try connection.query(StoredQuery.named("database/identity"))[0]
        return DatabaseIdentity(
            systemIdentifier: try row.decode("system_identifier"), databaseOID: try row.decode("database_oid"),
            inRecovery: try row.decode("in_recovery"))
    }
}

/// How far a standby had replayed its primary when a bundle was read there: written
/// into the manifest of a bundle or export read from a standby (absent otherwise).
public struct StandbyPosition: Codable, Sendable, Equatable {
    /// When the last transaction replayed committed on the primary (UTC, ISO 8601).
    public var replayedCommitTime: String
    /// The write-ahead-log position replayed, e.g. `0/3000148`.
    public var replayedLSN: String

    static func read(_ connection: Connection) throws -> StandbyPosition {
        let row = try connection.query(StoredQuery.named("database/standby_position"))[0]
        return StandbyPosition(replayedCommitTime: try row.decode("replayed_commit_time"), replayedLSN: try row.decode("replayed_lsn"))
    }
}
