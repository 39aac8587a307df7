-- The accounting of disclosures of one patient (docs/audit.md): every disclosure that held
-- the patient's records, oldest first, on or after a day.
-- $1 bigint  the patient's surrogate id
-- $2 date    the first day to list (UTC), or NULL for all
SELECT d.id,
       to_char(d.disclosed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || 'Z' AS disclosed_at,
       d.db_user, sf.staff_id AS acting_staff, d.command, d.recipient, d.purpose, d.basis, d.privacy,
       to_char(d.period_from, 'YYYY-MM-DD') AS period_from, to_char(d.period_to, 'YYYY-MM-DD') AS period_to,
       d.site_code, d.manifest_sha256,
       (SELECT string_agg(f ->> 'name', ' ' ORDER BY f ->> 'name') FROM jsonb_array_elements(d.files) AS f) AS files
  FROM carelog.disclosure_patient AS dp
  JOIN carelog.disclosure AS d ON d.id = dp.disclosure_id
  LEFT JOIN carelog.staff AS sf ON sf.id = d.acting_staff_id
 WHERE dp.patient_id = $1
   AND ($2::date IS NULL OR d.disclosed_at >= $2::date::timestamp AT TIME ZONE 'UTC')
 ORDER BY d.disclosed_at, d.id
