-- Staging: the episodes (one per stay) with everything else drawn per stay:
-- primary therapists (t1, and t2 after a reassignment), the treatment plan, the
-- group rosters, attendance habits.
-- Draws per stay (key stay_key): 30 first therapist, 31/32 late assignment and
-- its delay, 33/34 reassignment and its day, 35 second therapist, 36/37 plan day,
-- 38 plan never written, 39 process-group start, 40 relapse-prevention start,
-- 41/42 leaving relapse prevention early and when, 43 share of 12-step meetings
-- attended, 44 how often absent.
CREATE TEMP TABLE seed_episode ON COMMIT DROP AS
SELECT c.*,
       CASE WHEN c.u_reassign < 0.12 AND c.eff_end - c.assign_start > 6
            THEN c.assign_start + 3 + floor(c.u_reassign_day * (c.eff_end - c.assign_start - 5))::int END AS reassign_on,
       1 + (c.t1 + floor(c.u_t2 * 7)::int) % 8 AS t2,
       CASE WHEN c.plan_on < c.eff_end AND c.u_plan >= 0.04
            THEN 'TP-' || c.mrn || '-' || to_char(c.admitted_on, 'YYMMDD') END AS plan_code,
       CASE WHEN c.rp_start IS NOT NULL AND c.u_rp_end < 0.08 AND c.eff_end - c.rp_start > 10
            THEN c.rp_start + 7 + floor(c.u_rp_end_day * (c.eff_end - c.rp_start - 9))::int END AS rp_end
  FROM (
    SELECT b.*,
           CASE WHEN b.gender IN ('female', 'male') AND b.proc_on < b.eff_end THEN b.proc_on END AS proc_start,
           CASE WHEN b.rp_on < b.eff_end THEN b.rp_on END AS rp_start
      FROM (
        SELECT st.*, sp.gender, sp.mrn, p.id AS patient_id,
               1 + floor(pg_temp.seed_draw(30, st.stay_key) * 8)::int AS t1,
               st.admitted_on + CASE WHEN pg_temp.seed_draw(31, st.stay_key) < 0.03 AND st.eff_end - st.admitted_on > 3
                                     THEN 1 + floor(pg_temp.seed_draw(32, st.stay_key) * 2)::int ELSE 0 END AS assign_start,
               pg_temp.seed_draw(33, st.stay_key) AS u_reassign,
               pg_temp.seed_draw(34, st.stay_key) AS u_reassign_day,
               pg_temp.seed_draw(35, st.stay_key) AS u_t2,
               st.admitted_on + CASE WHEN pg_temp.seed_draw(36, st.stay_key) < 0.08 THEN 6 + floor(pg_temp.seed_draw(37, st.stay_key) * 9)::int
                                     ELSE 1 + floor(pg_temp.seed_draw(37, st.stay_key) * 5)::int END AS plan_on,
               pg_temp.seed_draw(38, st.stay_key) AS u_plan,
               st.admitted_on + 1 + floor(pg_temp.seed_draw(39, st.stay_key) * 2)::int AS proc_on,
               st.admitted_on + 1 + floor(pg_temp.seed_draw(40, st.stay_key) * 3)::int AS rp_on,
               pg_temp.seed_draw(41, st.stay_key) AS u_rp_end,
               pg_temp.seed_draw(42, st.stay_key) AS u_rp_end_day,
               0.96 + 0.04 * pg_temp.seed_draw(43, st.stay_key) AS share12,
               0.10 * (0.4 + 1.2 * pg_temp.seed_draw(44, st.stay_key)) AS absent_base
          FROM seed_stay st
          JOIN seed_patient sp ON sp.patient_key = st.patient_key
          JOIN carelog.patient p ON p.mrn = sp.mrn
      ) AS b
  ) AS c;

ANALYZE seed_episode;
