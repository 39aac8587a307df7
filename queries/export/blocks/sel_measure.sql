-- Shared block of the export: the outcome measures (NOMs, sql/schema.sql
-- outcome_measure) of the exported episodes, at admission and at discharge.
-- uses: sel_episode
sel_measure AS (
    SELECT om.*, e.admitted_on
      FROM sel_episode AS e JOIN carelog.outcome_measure AS om ON om.episode_id = e.id
)
