-- Shared block of the export: the treatment plans overlapping the period, and those
-- with a review in it, so that every exported review has its plan.
-- uses: x site_patient sel_review
sel_plan AS (
    SELECT tp.*
      FROM x JOIN carelog.treatment_plan AS tp
        ON carelog.episode_days(tp.created_on, tp.closed_on) && x.days
        OR tp.id IN (SELECT plan_id FROM sel_review)
     WHERE tp.patient_id IN (SELECT id FROM site_patient)
)
