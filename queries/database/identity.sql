-- Which database this is across a physical replication set, and whether this server
-- is a hot standby. A primary and every standby made from it (pg_basebackup) share the
-- cluster's system identifier and the database's oid; another cluster, or another
-- database of the same cluster, differs in one of them. No parameters.
SELECT (SELECT system_identifier::text FROM pg_control_system()) AS system_identifier,
       (SELECT oid::text FROM pg_database WHERE datname = current_database()) AS database_oid,
       pg_is_in_recovery() AS in_recovery
