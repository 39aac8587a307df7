-- Staging: the held sessions with their ids, by site-local day; a session never
-- recorded (see 130_seed_session.sql) is left out, so it gets no attendance, and so
-- is every session of the demo's today (seed_today, 001_draws.sql) that starts at
-- 09:00 site-local or later: its roll is still to be taken.
CREATE TEMP TABLE seed_held ON COMMIT DROP AS
SELECT gs.id AS session_id, s.site_no, s.group_no, s.slot, s.local_day, s.session_key, s.duration,
       s.facilitator_pk, s.recorded_base, s.absent_factor
  FROM seed_session s
  JOIN carelog.group_session gs ON gs.group_id = s.group_pk AND gs.starts_at = s.starts_at
 WHERE s.status = 'held'
   AND NOT s.unrecorded
   AND NOT coalesce(s.local_day = pg_temp.seed_today() AND s.local_time >= TIME '09:00', false);

CREATE INDEX ON seed_held (local_day);
ANALYZE seed_held;
