-- The attendance of the held sessions whose site-local day is in [$1, $2) (the
-- seed writes a month per statement): every patient in care that day on the
-- session's roster (by gender for the process groups), and nearly all of them at
-- the open 12-step meetings. Recorded by the session's facilitator.
-- Draws per (stay, session): 70 status, 71 minutes and recording time, 72 whether
-- the patient goes to this 12-step meeting.
--
-- $1  the first day, ISO (inclusive)
-- $2  the last day, ISO (exclusive)
INSERT INTO carelog.attendance (session_id, patient_id, status, minutes_attended, recorded_by_id, recorded_at)
SELECT x.session_id, x.patient_id, x.status,
       CASE x.status WHEN 'present'    THEN x.duration
                     WHEN 'late'       THEN x.duration - 5 - floor(x.u2 * 16)::int
                     WHEN 'left_early' THEN 20 + floor(x.u2 * (x.duration - 35))::int
                     ELSE 0 END,
       x.facilitator_pk,
       x.recorded_base + make_interval(secs => floor(x.u2 * 600))
  FROM (
    SELECT h.session_id, d.patient_id, h.duration, h.facilitator_pk, h.recorded_base, r.u2,
           CASE WHEN r.u1 < d.absent_p        THEN 'absent'
                WHEN r.u1 < d.absent_p + 0.05 THEN 'excused'
                WHEN r.u1 < d.absent_p + 0.11 THEN 'late'
                WHEN r.u1 < d.absent_p + 0.15 THEN 'left_early'
                ELSE 'present' END AS status
      FROM seed_held h
      JOIN seed_pday d ON d.site_no = h.site_no AND d.local_day = h.local_day
     CROSS JOIN LATERAL (SELECT pg_temp.seed_draw(70, d.stay_key, h.session_key) AS u1,
                                pg_temp.seed_draw(71, d.stay_key, h.session_key) AS u2) AS r
     WHERE h.local_day >= $1::date
       AND h.local_day < $2::date
       AND d.local_day >= $1::date
       AND d.local_day < $2::date
       AND CASE h.group_no
             WHEN 1 THEN pg_temp.seed_draw(72, d.stay_key, h.session_key) < d.share12
             WHEN 2 THEN d.gender = 'female' AND d.in_process
             WHEN 3 THEN d.gender = 'male' AND d.in_process
             ELSE d.in_rp END
  ) AS x
 ORDER BY x.session_id, x.patient_id;
