-- The group sessions of the period, held and cancelled.
INSERT INTO carelog.group_session (group_id, starts_at, duration_minutes, facilitator_id, status)
SELECT s.group_pk, s.starts_at, s.duration, s.facilitator_pk, s.status
  FROM seed_session s
 ORDER BY s.group_pk, s.starts_at;
