-- The ids of the patients an export holds (carelog.export_patients, set by
-- references.sql), as a PostgreSQL array literal, and how many. No parameters.
SELECT current_setting('carelog.export_patients') AS ids,
       cardinality(current_setting('carelog.export_patients')::bigint[]) AS count
