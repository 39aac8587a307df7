-- The head of the audit hash chain: the latest batch and its hash. No parameters.
SELECT id, hash FROM carelog.audit_batch ORDER BY id DESC LIMIT 1
