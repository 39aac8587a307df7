-- The monthly partitions of attendance and audit_event (carelog.month_partitions,
-- sql/015_monthly_partitions.sql): table_name, month, partition_name, bounds,
-- estimated_rows (the planner's estimate, -1 before the first ANALYZE is shown as 0)
-- and total_bytes, by table and month. No parameters.
SELECT table_name, to_char(month, 'YYYY-MM') AS month, partition_name, bounds, estimated_rows, total_bytes
  FROM carelog.month_partitions()
 ORDER BY table_name, month
