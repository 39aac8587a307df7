-- Export file reviews.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- The reviewer by their code (blocks/staff_code.sql).
-- uses: x sel_review staff_code
SELECT
       'PL-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('plan:' || tp.plan_code, 'UTF8'))) FROM 1 FOR 8), 'hex') AS plan_code,
       extract(year FROM rv.reviewed_on)::int AS reviewed_year,
       sc.code AS reviewer
  FROM x CROSS JOIN sel_review AS rv
  JOIN carelog.treatment_plan AS tp ON tp.id = rv.plan_id
  JOIN staff_code AS sc ON sc.id = rv.reviewer_id
 ORDER BY 1, rv.reviewed_on
