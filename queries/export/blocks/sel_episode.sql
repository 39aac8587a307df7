-- Shared block of the export: the episodes overlapping the period (a same-day
-- episode counts for its first day, as the episode_no_overlap constraint sees it).
-- uses: x site_patient
sel_episode AS (
    SELECT e.*
      FROM x JOIN carelog.episode AS e
        ON carelog.episode_days(e.admitted_on, e.discharged_on) && x.days
     WHERE e.patient_id IN (SELECT id FROM site_patient)
)
