-- Creates the missing monthly partitions of attendance and audit_event from the
-- current month through a month ahead (carelog.ensure_partitions); one row per
-- partition created, named partition_name.
-- $1 date  a day of the last month to cover (ISO)
SELECT created AS partition_name FROM carelog.ensure_partitions($1::date) AS created
