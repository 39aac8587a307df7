-- The head of the audit hash chain (the batch with the highest id), whoever
-- asks and whatever row-level security shows them; no row while the chain is
-- empty. Recorded in bundle manifests and `carelog audit head` files so that a
-- later rewrite of the chain can be caught (`carelog audit verify --anchor`).
-- No parameters.
SELECT batch_id, hash,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at
  FROM carelog.audit_head()
 WHERE batch_id IS NOT NULL
