-- The time of the transaction's snapshot, ISO 8601 in UTC with microseconds (the
-- manifests' snapshotTime of reports and exports). No parameters.
SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
