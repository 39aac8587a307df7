-- Export file reviews.csv under --pseudonymize: plan codes as pseudonyms (see
-- pseudonymised/plans.sql); the note, free text, left out.
-- The reviewer by their code (blocks/staff_code.sql).
-- uses: x sel_review staff_code
SELECT
       'PL-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('plan:' || tp.plan_code, 'UTF8'))) FROM 1 FOR 8), 'hex') AS plan_code,
       rv.reviewed_on AS reviewed_on,
       sc.code AS reviewer
  FROM x CROSS JOIN sel_review AS rv
  JOIN carelog.treatment_plan AS tp ON tp.id = rv.plan_id
  JOIN staff_code AS sc ON sc.id = rv.reviewer_id
 ORDER BY 1, rv.reviewed_on
