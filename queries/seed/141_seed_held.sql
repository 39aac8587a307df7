-- Staging: the held sessions with their ids, by site-local day; a session never
-- recorded (see 130_seed_session.sql) is left out, so it gets no attendance.
CREATE TEMP TABLE seed_held ON COMMIT DROP AS
SELECT gs.id AS session_id, s.site_no, s.group_no, s.slot, s.local_day, s.session_key, s.duration,
       s.facilitator_pk, s.recorded_base, s.absent_factor
  FROM seed_session s
  JOIN carelog.group_session gs ON gs.group_id = s.group_pk AND gs.starts_at = s.starts_at
 WHERE s.status = 'held'
   AND NOT s.unrecorded;

CREATE INDEX ON seed_held (local_day);
ANALYZE seed_held;
