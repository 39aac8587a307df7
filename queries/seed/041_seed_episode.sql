-- Staging: the episodes (one per stay) with everything else drawn per stay:
-- primary therapists (t1, and t2 after a reassignment), the treatment plan, the
-- group rosters, attendance habits.
--
-- Rosters follow the place's track (030_seed_stay): a resident joins, on the day
-- the plan is written, the process group of their unit (women: one of two by
-- bed number, men: one of three; a patient of another gender has none) and one of
-- four relapse-prevention groups (about 8% leave that roster early); a day-program
-- patient joins the intensive outpatient group, an outpatient the outpatient
-- relapse-prevention group. Group numbers as in 110_care_group.sql. Plans of
-- residents are reviewed every 14 days, the others' every 30 (review_interval).
--
-- Attendance habits: how often a patient is absent (absent_base) is a mix of
-- engagement — about 14% seldom come, 24% come about two times in three, the
-- rest nearly always — scaled by a factor of their first primary therapist (some
-- clinicians keep their caseload coming better than others). About 60% of those
-- who leave against advice stop coming 3–10 days before they leave (fade_from).
--
-- Draws per stay (key stay_key): 30 first therapist, 31/32 late assignment and
-- its delay, 33/34 reassignment and its day, 35 second therapist, 36/37 plan day,
-- 38 plan never written, 41/42 leaving relapse prevention early and when, 44/45
-- engagement and its spread, 47/48 fading before leaving against advice and how
-- long; per clinician (site_no * 100 + idx): 46 the therapist's factor.
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
           CASE WHEN b.main_group IS NOT NULL AND b.plan_on < b.eff_end THEN b.plan_on END AS main_start,
           CASE WHEN b.rp_group IS NOT NULL AND b.plan_on < b.eff_end THEN b.plan_on END AS rp_start
      FROM (
        SELECT st.*, sp.gender, sp.mrn, p.id AS patient_id,
               st.bed <= 96 AS residential,
               CASE WHEN st.bed <= 96 THEN 14 ELSE 30 END AS review_interval,
               CASE WHEN st.bed > 110 THEN 12
                    WHEN st.bed > 96 THEN 11
                    WHEN sp.gender = 'female' THEN 2 + st.bed % 2
                    WHEN sp.gender = 'male' THEN 4 + st.bed % 3 END AS main_group,
               CASE WHEN st.bed <= 96 THEN 7 + st.bed % 4 END AS rp_group,
               t.t1,
               st.admitted_on + CASE WHEN pg_temp.seed_draw(31, st.stay_key) < 0.03 AND st.eff_end - st.admitted_on > 3
                                     THEN 1 + floor(pg_temp.seed_draw(32, st.stay_key) * 2)::int ELSE 0 END AS assign_start,
               pg_temp.seed_draw(33, st.stay_key) AS u_reassign,
               pg_temp.seed_draw(34, st.stay_key) AS u_reassign_day,
               pg_temp.seed_draw(35, st.stay_key) AS u_t2,
               st.admitted_on + CASE WHEN pg_temp.seed_draw(36, st.stay_key) < 0.08 THEN 6 + floor(pg_temp.seed_draw(37, st.stay_key) * 9)::int
                                     ELSE 1 + floor(pg_temp.seed_draw(37, st.stay_key) * 5)::int END AS plan_on,
               pg_temp.seed_draw(38, st.stay_key) AS u_plan,
               pg_temp.seed_draw(41, st.stay_key) AS u_rp_end,
               pg_temp.seed_draw(42, st.stay_key) AS u_rp_end_day,
               (CASE WHEN pg_temp.seed_draw(44, st.stay_key) < 0.14 THEN 0.45 + 0.30 * pg_temp.seed_draw(45, st.stay_key)
                     WHEN pg_temp.seed_draw(44, st.stay_key) < 0.38 THEN 0.17 + 0.15 * pg_temp.seed_draw(45, st.stay_key)
                     ELSE 0.03 + 0.08 * pg_temp.seed_draw(45, st.stay_key) END)
                 * (0.75 + 0.5 * pg_temp.seed_draw(46, st.site_no::int8 * 100 + t.t1)) AS absent_base,
               CASE WHEN st.discharge_reason = 'left_against_advice' AND pg_temp.seed_draw(47, st.stay_key) < 0.6
                    THEN st.discharged_on - 3 - floor(pg_temp.seed_draw(48, st.stay_key) * 8)::int END AS fade_from
          FROM seed_stay st
          JOIN seed_patient sp ON sp.patient_key = st.patient_key
          JOIN carelog.patient p ON p.mrn = sp.mrn
         CROSS JOIN LATERAL (SELECT 1 + floor(pg_temp.seed_draw(30, st.stay_key) * 8)::int AS t1) AS t
      ) AS b
  ) AS c;

ANALYZE seed_episode;
