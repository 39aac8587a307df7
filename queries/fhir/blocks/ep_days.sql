-- Shared block of the FHIR export: the episodes overlapping the period with their days
-- (carelog.episode_days), computed once: the Encounters and Observations look up the
-- episode covering a day by patient in it, a hash join instead of one index probe per
-- row.
-- uses: x
ep_days AS MATERIALIZED (
    SELECT e.id, e.patient_id, e.level_of_care, carelog.episode_days(e.admitted_on, e.discharged_on) AS days
      FROM x CROSS JOIN carelog.episode AS e
     WHERE carelog.episode_days(e.admitted_on, e.discharged_on) && x.days
)
