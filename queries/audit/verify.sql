-- Recomputes the audit hash chain (carelog.audit_verify; its current text is in sql/schema.sql): one row of
-- batches_checked, events_checked, first_broken_batch and problem. No parameters.
SELECT * FROM carelog.audit_verify()
