-- The hash of one audit batch, to compare with a head recorded outside the
-- database; no row when the batch is gone.
-- $1 the batch id (bigint).
SELECT hash FROM carelog.audit_batch WHERE id = $1
