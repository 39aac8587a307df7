-- Staging: the held sessions with their ids, by site-local day.
CREATE TEMP TABLE seed_held ON COMMIT DROP AS
SELECT gs.id AS session_id, s.site_no, s.group_no, s.local_day, s.session_key, s.duration,
       s.facilitator_pk, s.recorded_base
  FROM seed_session s
  JOIN carelog.group_session gs ON gs.group_id = s.group_pk AND gs.starts_at = s.starts_at
 WHERE s.status = 'held';

CREATE INDEX ON seed_held (local_day);
ANALYZE seed_held;
