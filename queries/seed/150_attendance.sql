-- The attendance of the held, recorded sessions whose site-local day is in [$1, $2)
-- (the seed writes a month per statement), recorded by the session's facilitator:
--   * closed groups: every patient on the roster that day;
--   * the 12-step meeting: residents are expected at 07:00 and 19:00 (recorded
--     whatever their status); about 5% of residents also come at noon, and about
--     2% of day-program and outpatients drop in at 19:00 (recorded as present);
--     all from the day their plan is written (on_program, 142).
-- Status: absent with the patient's chance (041/142) times the session's factor
-- (130), at most 95% (97% once a patient has stopped coming); else excused 4%,
-- late 3%, left early 3%, present.
-- Draws per (stay, session): 70 status, 71 minutes and recording time, 72 whether
-- the patient drops in at this 12-step meeting.
--
-- Filed under the session's site-local month (session_month, sql/015), whose
-- partition the seeder creates first (queries/partitions/ensure_months.sql).
--
-- $1  the first day, ISO (inclusive)
-- $2  the last day, ISO (exclusive)
INSERT INTO carelog.attendance (session_id, patient_id, status, minutes_attended, recorded_by_id, recorded_at,
                                session_month)
SELECT x.session_id, x.patient_id, x.status,
       CASE x.status WHEN 'present'    THEN x.duration
                     WHEN 'late'       THEN x.duration - 5 - floor(x.u2 * 16)::int
                     WHEN 'left_early' THEN 20 + floor(x.u2 * (x.duration - 35))::int
                     ELSE 0 END,
       x.facilitator_pk,
       x.recorded_base + make_interval(secs => floor(x.u2 * 600)),
       date_trunc('month', x.local_day)::date
  FROM (
    SELECT h.session_id, h.local_day, d.patient_id, h.duration, h.facilitator_pk, h.recorded_base, r.u2,
           CASE WHEN NOT r.expected           THEN 'present'
                WHEN r.u1 < r.absent_p        THEN 'absent'
                WHEN r.u1 < r.absent_p + 0.04 THEN 'excused'
                WHEN r.u1 < r.absent_p + 0.07 THEN 'late'
                WHEN r.u1 < r.absent_p + 0.10 THEN 'left_early'
                ELSE 'present' END AS status,
           r.expected, r.u3, d.residential, d.on_program, h.slot, h.group_no
      FROM seed_held h
      JOIN seed_pday d ON d.site_no = h.site_no AND d.local_day = h.local_day
     CROSS JOIN LATERAL (
        SELECT pg_temp.seed_draw(70, d.stay_key, h.session_key) AS u1,
               pg_temp.seed_draw(71, d.stay_key, h.session_key) AS u2,
               pg_temp.seed_draw(72, d.stay_key, h.session_key) AS u3,
               CASE WHEN d.fading THEN d.absent_p ELSE least(0.95, d.absent_p * h.absent_factor) END AS absent_p,
               CASE WHEN h.group_no = 1 THEN d.residential AND d.on_program AND h.slot IN (1, 3)
                    ELSE (h.group_no = d.main_group AND d.in_main) OR (h.group_no = d.rp_group AND d.in_rp) END AS expected
     ) AS r
     WHERE h.local_day >= $1::date
       AND h.local_day < $2::date
       AND d.local_day >= $1::date
       AND d.local_day < $2::date
       AND (h.group_no = d.main_group OR h.group_no = d.rp_group OR h.group_no = 1)
  ) AS x
 WHERE x.expected
    OR (x.group_no = 1 AND x.on_program AND x.residential AND x.slot = 2 AND x.u3 < 0.05)
    OR (x.group_no = 1 AND x.on_program AND NOT x.residential AND x.slot = 3 AND x.u3 < 0.02)
 ORDER BY x.session_id, x.patient_id;
