-- The hash of one audit batch, to compare with a head recorded outside the
-- database, whatever row-level security lets the caller read; NULL when the
-- batch is gone.
-- $1 the batch id (bigint).
SELECT carelog.audit_batch_hash_of($1) AS hash
