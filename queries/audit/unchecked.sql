-- What audit verify could not recompute (carelog.audit_unchecked, sql/015): per UTC
-- month whose audit events are not attached (detached or archived), month,
-- first_batch, last_batch, batches and rows. No parameters.
SELECT month, first_batch, last_batch, batches, rows FROM carelog.audit_unchecked()
