-- Logs one report or export run in carelog.run_log (who ran it, what, with which
-- parameters, how many rows, from which snapshot).
-- $1 text   the operating-system user, or NULL
-- $2 text   the command (`report monthly`, `export`, …)
-- $3 jsonb  the parameters, as a JSON object
-- $4 jsonb  rows per output file, as a JSON object
-- $5 text   the snapshot time the run read from (ISO 8601, UTC), or NULL
INSERT INTO carelog.run_log (os_user, command, parameters, row_counts, snapshot_time)
VALUES ($1, $2, $3::jsonb, $4::jsonb, $5)
