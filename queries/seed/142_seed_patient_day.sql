-- Staging: one row per patient per day in care within the period, with the
-- patient's chance of being absent that day (nearly certain once a patient who
-- leaves against advice has stopped coming, see fade_from in 041_seed_episode)
-- and the rosters the patient is on that day. Groups start on the day the plan
-- is written (on_program): before it, a new patient is in assessment or
-- withdrawal management.
CREATE TEMP TABLE seed_pday ON COMMIT DROP AS
SELECT e.site_no, e.patient_id, e.stay_key, e.residential, d.local_day,
       e.main_group, e.rp_group,
       CASE WHEN e.fade_from IS NOT NULL AND d.local_day >= e.fade_from THEN 0.97 ELSE e.absent_base END AS absent_p,
       e.fade_from IS NOT NULL AND d.local_day >= e.fade_from AS fading,
       d.local_day >= e.plan_on AS on_program,
       (e.main_start IS NOT NULL AND d.local_day >= e.main_start) AS in_main,
       (e.rp_start IS NOT NULL AND d.local_day >= e.rp_start
            AND (e.rp_end IS NULL OR d.local_day < e.rp_end)) AS in_rp
  FROM seed_episode e
 CROSS JOIN LATERAL (SELECT greatest(e.admitted_on, pg_temp.seed_start()) + i AS local_day
                       FROM generate_series(0, e.eff_end - greatest(e.admitted_on, pg_temp.seed_start()) - 1) AS i) AS d;

CREATE INDEX ON seed_pday (local_day);
ANALYZE seed_pday;
