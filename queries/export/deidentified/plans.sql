-- Export file plans.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- plan_code is 'PL-' and 16 hex digits of HMAC-SHA-256(run key, 'plan:' || plan_code).
-- The author by their code (blocks/staff_code.sql).
-- uses: x sel_plan patient staff_code
SELECT
       'PL-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('plan:' || tp.plan_code, 'UTF8'))) FROM 1 FOR 8), 'hex') AS plan_code,
       p.mrn AS patient,
       extract(year FROM tp.created_on)::int AS created_year,
       sc.code AS author,
       tp.review_interval_days AS review_interval_days,
       extract(year FROM tp.closed_on)::int AS closed_year
  FROM x CROSS JOIN sel_plan AS tp
  JOIN patient AS p ON p.id = tp.patient_id
  JOIN staff_code AS sc ON sc.id = tp.author_id
 ORDER BY 1
