-- What an import would do, from the resolved rows: records inserted, updated and
-- left unchanged. No parameters.
SELECT count(*) FILTER (WHERE existing_id IS NULL) AS inserted,
       count(*) FILTER (WHERE existing_id IS NOT NULL AND changes) AS updated,
       count(*) FILTER (WHERE existing_id IS NOT NULL AND NOT changes) AS unchanged
  FROM import_resolved
