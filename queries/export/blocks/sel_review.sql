-- Shared block of the export: the plan reviews dated in the period.
-- uses: x site_patient
sel_review AS (
    SELECT rv.*
      FROM x JOIN carelog.plan_review AS rv ON rv.reviewed_on BETWEEN x.from_on AND x.to_on
      JOIN carelog.treatment_plan AS tp ON tp.id = rv.plan_id
     WHERE tp.patient_id IN (SELECT id FROM site_patient)
)
