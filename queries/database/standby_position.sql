-- How far a hot standby has replayed its primary's changes, read in the snapshot
-- transaction of a report or export run on the standby (its manifest's `standby`):
-- the time the last replayed transaction committed on the primary (UTC, ISO 8601),
-- and the write-ahead-log position replayed. The snapshot holds at least everything
-- up to the position read here minus what arrives during this statement. No parameters.
SELECT coalesce(to_char(pg_last_xact_replay_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '') AS replayed_commit_time,
       coalesce(pg_last_wal_replay_lsn()::text, '') AS replayed_lsn
