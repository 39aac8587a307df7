-- Staging: one row per patient per day in care within the period, with the
-- chance of being absent that day (three times higher in the last two weeks of
-- those who leave against advice, at most 60%) and the rosters the patient is on.
CREATE TEMP TABLE seed_pday ON COMMIT DROP AS
SELECT e.site_no, e.patient_id, e.stay_key, e.gender, d.local_day, e.share12,
       least(0.6, e.absent_base
                  * CASE WHEN e.discharge_reason = 'left_against_advice'
                              AND d.local_day >= e.discharged_on - 14 THEN 3.0 ELSE 1.0 END) AS absent_p,
       (e.proc_start IS NOT NULL AND d.local_day >= e.proc_start) AS in_process,
       (e.rp_start IS NOT NULL AND d.local_day >= e.rp_start
            AND (e.rp_end IS NULL OR d.local_day < e.rp_end)) AS in_rp
  FROM seed_episode e
 CROSS JOIN LATERAL (SELECT greatest(e.admitted_on, pg_temp.seed_start()) + i AS local_day
                       FROM generate_series(0, e.eff_end - greatest(e.admitted_on, pg_temp.seed_start()) - 1) AS i) AS d;

CREATE INDEX ON seed_pday (local_day);
ANALYZE seed_pday;
