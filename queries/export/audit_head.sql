-- The head of the audit hash chain for the export's manifest: the latest batch and its
-- hash, whoever exports and whatever row-level security shows them (a therapist's
-- export must record the real head, not the newest batch it can see). No parameters.
SELECT batch_id AS id, hash FROM carelog.audit_head() WHERE batch_id IS NOT NULL
