-- Export file plans.csv under --pseudonymize: as plans.sql, with the plan code (which
-- often carries the MRN) as its pseudonym, 'PL-' and 16 hex digits of
-- HMAC-SHA-256(key, 'plan:' || plan_code), as Pseudonymizer.planCode(for:).
-- The author by their code (blocks/staff_code.sql).
-- uses: x sel_plan patient staff_code
SELECT
       'PL-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('plan:' || tp.plan_code, 'UTF8'))) FROM 1 FOR 8), 'hex') AS plan_code,
       p.mrn AS mrn,
       tp.created_on AS created_on,
       sc.code AS author,
       tp.review_interval_days AS review_interval_days,
       tp.closed_on AS closed_on
  FROM x CROSS JOIN sel_plan AS tp
  JOIN patient AS p ON p.id = tp.patient_id
  JOIN staff_code AS sc ON sc.id = tp.author_id
 ORDER BY 1
